using System.CommandLine;
using PublicCredit.Web.Reports;

namespace PublicCredit.Cli.Commands;

/// <summary>
/// `pcredit reports rotate-key --keys` — makes a new report signing key with a new key id and makes it current in the
/// shared keys folder; codes signed by earlier keys keep verifying, on every node (ADR 0039 §3). Nodes that are
/// running verify the new key's codes at once (they read an unknown key id from the folder) and sign with it from
/// their next start.
/// </summary>
internal static class ReportsCommand
{
    public static Command Create()
    {
        var keys = new Option<string?>("--keys") { Description = "Keys folder of the nodes (as given to serve --keys)", Required = true };
        var rotate = new Command("rotate-key", "Make a new report signing key; reports signed by earlier keys keep verifying") { keys };
        rotate.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var id = ReportKeyFolder.Rotate(parse.GetValue(keys)!);
            await output.WriteLineAsync($"report signing key {id} is now current (nodes sign with it from their next start)");
            return 0;
        }));
        return new Command("reports", "Credit reports and their signing keys") { rotate };
    }
}
