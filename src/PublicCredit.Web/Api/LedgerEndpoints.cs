using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Ledger;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

internal static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        // Auditors read the raw ledger, page by page, in position order: with a purpose, resident IDs masked, and each
        // subject the page names logged as an inquiry (ADR 0039).
        api.MapGet("/ledger", async (string? after, string? limit, string? purpose, HttpContext http, ReadLedger read, CancellationToken cancel) =>
                Results.Ok(await read.RunAsync(http.Caller(), after, limit, purpose, cancel)))
            .RequireRoles(Role.Auditor)
            .WithName("ReadLedger")
            .WithSummary("Ledger events in position order (auditor, ?purpose= required; logged as an inquiry about each subject named).")
            .Produces<LedgerPage>();

        api.MapGet("/ledger/verification", async (VerifyLedger verify, CancellationToken cancel) =>
        {
            var result = await verify.RunAsync(cancel);
            return Results.Ok(new
            {
                ok = result.Ok,
                events = result.Events,
                brokenAt = result.BrokenAt,
                problem = result.Problem,
                table = result.State?.Table,
                row = result.State?.Row,
                field = result.State?.Field,
                lastCheckpoint = result.LastCheckpoint is { } last
                    ? new { position = last.Position, hash = last.Hash, keyId = last.KeyId, signedAt = last.SignedAt }
                    : null,
            });
        }).RequireRoles(Role.Auditor).WithName("VerifyLedger");
    }
}
