using System.CommandLine;
using System.Globalization;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Ledger;

namespace PublicCredit.Cli.Commands;

/// <summary>`pcredit subjects token --id <uscc-or-resident-id> [--valid-days N] [--db]` — the last line is the token.</summary>
internal static class SubjectsCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "The subject's USCC or resident ID number (any case/width)", Required = true };
        var days = new Option<int?>("--valid-days") { Description = $"Days the token stays valid (default {IssueSubjectToken.DefaultValidDays})" };
        var db = CommonOptions.Db();
        var token = new Command("token", "Issue a self-service access token for one subject") { id, days, db };
        token.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var context = StorageServices.CreateContext(target);
            var clock = TimeProvider.System;
            var issued = await new IssueSubjectToken(context, new AppendToLedger(context, clock), clock)
                .RunAsync(Caller.Operator, new IssueSubjectTokenRequest(parse.GetValue(id), parse.GetValue(days)), cancel);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"issued a self-service token for {issued.SubjectMasked}, valid until {issued.ExpiresAt:yyyy-MM-dd HH:mm}Z"));
            await output.WriteLineAsync("hand it to the subject only: it cannot be shown again");
            await output.WriteLineAsync(issued.Token);
            return 0;
        }));
        token.Add(Revoke());
        return new Command("subjects", "Credit subjects (organisations and individuals)") { token };
    }

    /// <summary>`pcredit subjects token revoke &lt;token or id&gt;` — ends a self-service token at once (ADR 0030).</summary>
    private static Command Revoke()
    {
        var value = new Argument<string>("token") { Description = "The token's id or the token itself" };
        var db = CommonOptions.Db();
        var revoke = new Command("revoke", "Revoke a self-service token at once (ledgered; its /me sessions end too)") { value, db };
        revoke.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var context = StorageServices.CreateContext(target);
            var clock = TimeProvider.System;
            var revoked = await new RevokeSubjectToken(context, new AppendToLedger(context, clock), clock, [])
                .RunAsync(Caller.Operator, parse.GetValue(value), cancel);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"revoked self-service token {revoked.Id} at {revoked.RevokedAt:yyyy-MM-dd'T'HH:mm:ss}Z"));
            return 0;
        }));
        return revoke;
    }
}
