using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Changes;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>The changes feed for downstream re-screening (docs/api.md; docs/domain.md#publicity-periods; docs/changes.md).</summary>
internal static class ChangeEndpoints
{
    public static void MapChangeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", async (string? after, string? limit, HttpContext http, ReadChanges read, CancellationToken cancel) =>
                TypedResults.Ok(await read.RunAsync(http.Caller(), after, limit, cancel)))
            .RequireRoles(Role.Checker, Role.Auditor)
            .WithName("ReadChanges")
            .WithSummary("Change items in ledger order: record-published, record-withdrawn, record-corrected; resume with after=next.")
            .WithDescription("Designation item types are added by the designations capability (docs/changes.md).")
            .ProducesProblems(401, 403, 422);
    }
}
