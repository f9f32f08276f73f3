using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

internal static class LedgerEndpoints
{
    private const int MaxPage = 1000;

    public static void MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        // Auditors read the raw ledger, page by page, in position order.
        api.MapGet("/ledger", async (long? after, int? limit, PublicCreditDbContext db, CancellationToken cancel) =>
        {
            var take = limit ?? 100;
            if (take is < 1 or > MaxPage)
            {
                throw DomainException.Invalid("limit", "limit-out-of-range", $"limit must be between 1 and {MaxPage}.");
            }

            var from = after ?? 0;
            var events = await db.LedgerEvents.AsNoTracking()
                .Where(e => e.Position > from)
                .OrderBy(e => e.Position)
                .Take(take)
                .ToListAsync(cancel);
            return Results.Ok(new
            {
                events = events.Select(e => new
                {
                    position = e.Position,
                    type = e.Type,
                    occurredAt = e.OccurredAt,
                    actor = e.Actor,
                    department = e.Department,
                    subject = e.Subject,
                    payload = System.Text.Json.JsonDocument.Parse(e.Payload).RootElement,
                    previousHash = e.PreviousHash,
                    hash = e.Hash,
                }),
                next = events.Count == 0 ? from : events[^1].Position,
            });
        }).RequireRoles(Role.Auditor).WithName("ReadLedger");

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
