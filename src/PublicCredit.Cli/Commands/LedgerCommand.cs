using System.CommandLine;
using PublicCredit.Data;
using PublicCredit.Ledger;

namespace PublicCredit.Cli.Commands;

/// <summary>`pcredit ledger verify [--db]` — `ok N events` and exit 0, or the first broken position and exit 1.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var verify = new Command("verify", "Re-compute the ledger's hash chain") { db };
        verify.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await using var context = StorageServices.CreateContext(target);
            var result = await new VerifyLedger(context).RunAsync(cancel);
            await output.WriteLineAsync(result.ToString());
            return result.Ok ? 0 : 1;
        }));
        return new Command("ledger", "The tamper-evident event ledger") { verify };
    }
}
