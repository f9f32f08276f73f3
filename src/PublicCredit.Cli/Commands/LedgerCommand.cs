using System.CommandLine;
using PublicCredit.Data;
using PublicCredit.Ledger;

namespace PublicCredit.Cli.Commands;

/// <summary>
/// `pcredit ledger verify [--db] [--keys]` — `ok N events` and exit 0, or the first broken position or state
/// disagreement and exit 1; with `--keys`, the signed checkpoints are checked too and the last verified one reported.
/// `pcredit ledger checkpoint --keys` signs the head now; `pcredit ledger rotate-key --keys` makes a new signing key
/// (ADR 0032, ADR 0033).
/// </summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var keys = KeysOption("Keys folder with the ledger signing keys and the checkpoint journal: checks the signed checkpoints");
        var verify = new Command("verify", "Re-compute the ledger's hash chain and reconcile every state table with it") { db, keys };
        verify.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            var folder = parse.GetValue(keys);
            await using var context = StorageServices.CreateContext(target);
            var result = await new VerifyLedger(context, folder is null ? null : new LedgerCheckpoints(folder)).RunAsync(cancel);
            await output.WriteLineAsync(result.ToString());
            if (result.CheckpointsChecked)
            {
                await output.WriteLineAsync(result.LastCheckpoint is { } last
                    ? $"last verified signed checkpoint: {last}"
                    : "no signed checkpoint yet");
            }

            return result.Ok ? 0 : 1;
        }));

        var checkpointDb = CommonOptions.Db();
        var checkpointKeys = KeysOption("Keys folder of the node (as given to serve --keys)");
        checkpointKeys.Required = true;
        var checkpoint = new Command("checkpoint", "Sign the ledger's head now with the node's key (a checkpoint in the keys folder)") { checkpointDb, checkpointKeys };
        checkpoint.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(checkpointDb));
            await using var context = StorageServices.CreateContext(target);
            var signed = await new LedgerCheckpoints(parse.GetValue(checkpointKeys)!).SignHeadAsync(context, TimeProvider.System.GetUtcNow(), cancel);
            await output.WriteLineAsync($"signed checkpoint: {signed}");
            return 0;
        }));

        var rotateKeys = KeysOption("Keys folder of the node (as given to serve --keys)");
        rotateKeys.Required = true;
        var rotate = new Command("rotate-key", "Make a new ledger signing key; checkpoints signed by earlier keys keep verifying") { rotateKeys };
        rotate.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var id = new LedgerCheckpoints(parse.GetValue(rotateKeys)!).Rotate();
            await output.WriteLineAsync($"ledger signing key {id} is now current");
            return 0;
        }));

        return new Command("ledger", "The tamper-evident event ledger") { verify, checkpoint, rotate };
    }

    private static Option<string?> KeysOption(string description) => new("--keys") { Description = description };
}
