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
        api.MapGet("/ledger", async (string? after, string? limit, string? purpose, string? note, HttpContext http, ReadLedger read, CancellationToken cancel) =>
                TypedResults.Ok(await read.RunAsync(http.Caller(), after, limit, purpose, note, cancel)))
            .RequireRoles(Role.Auditor)
            .WithName("ReadLedger").RequiresQuery("purpose")
            .WithSummary("Ledger events in position order (auditor, ?purpose= required; logged as an inquiry about each subject named).")
            .ProducesProblems(401, 403, 422);

        api.MapGet("/ledger/verification", async (VerifyLedger verify, CancellationToken cancel) =>
            TypedResults.Ok(LedgerVerificationResponse.Of(await verify.RunAsync(cancel))))
            .RequireRoles(Role.Auditor).WithName("VerifyLedger").WithSummary("What pcredit ledger verify answers: the chain, the state tables and the last signed checkpoint.")
            .ProducesProblems(401, 403);
    }
}

/// <summary>
/// Whether the ledger's chain and the state tables agree with it (docs/ledger.md): where it breaks, or the first row
/// that differs, and the newest signed checkpoint that matched, when the server holds the keys.
/// </summary>
internal sealed record LedgerVerificationResponse(
    bool Ok, long Events, long? BrokenAt, string? Problem, string? Table, string? Row, string? Field, LedgerCheckpointResponse? LastCheckpoint)
{
    public static LedgerVerificationResponse Of(LedgerVerification result) => new(
        result.Ok, result.Events, result.BrokenAt, result.Problem, result.State?.Table, result.State?.Row, result.State?.Field,
        result.LastCheckpoint is { } last ? new LedgerCheckpointResponse(last.Position, last.Hash, last.KeyId, last.SignedAt) : null);
}

/// <summary>A signed checkpoint without its signature: the position, the chain hash there, the key and when it was signed.</summary>
internal sealed record LedgerCheckpointResponse(long Position, string Hash, string KeyId, DateTimeOffset SignedAt);
