using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Deadlines;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Removals;
using PublicCredit.Restorations;
using PublicCredit.Profiles;
using PublicCredit.Text;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// Subjects' rights after listing (docs/api.md#restorations-and-removal; docs/restorations.md): credit restoration through the single
/// window, performance recorded for automatic removal, the subject's free copy of its data, and the deadline monitor.
/// Nothing here has a fee, price or charge member (docs/domain.md#objections-and-restoration; a test asserts it).
/// </summary>
internal static class RestorationEndpoints
{
    private const long BodyLimit = DesignationEndpoints.BodyLimit;

    public static void MapRestorationEndpoints(this RouteGroupBuilder api)
    {
        // The subject's own act: its self-service token, checked against the target's subject by the use case.
        api.MapPost("/restorations", async (HttpContext http, SubmitRestoration submit, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var submitted = await submit.RunAsync(http.Caller(), RestorationJson.ReadApplication(body.RootElement), cancel);
            return Results.Created($"/api/v1/restorations/{submitted.Id}", new
            {
                id = submitted.Id,
                status = submitted.Status.Code(),
                acceptBy = submitted.AcceptBy,
                decideBy = submitted.DecideBy,
                earliestRestoration = submitted.EarliestRestoration,
                department = submitted.Department,
            });
        }).AllowSubjectToken().WithName("SubmitRestoration");

        api.MapPost("/restorations/{id}/accept", async (string id, HttpContext http, AcceptRestoration accept, CancellationToken cancel) =>
        {
            var restorationId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            return Results.Ok(Step(await accept.RunAsync(http.Caller(), restorationId, RestorationJson.ReadStep(body.RootElement, "accepted"), cancel)));
        }).RequireRoles(Role.Reviewer).WithName("AcceptRestoration");

        api.MapPost("/restorations/{id}/decide", async (string id, HttpContext http, DecideRestoration decide, CancellationToken cancel) =>
        {
            var restorationId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            return Results.Ok(Step(await decide.RunAsync(http.Caller(), restorationId, RestorationJson.ReadStep(body.RootElement, "granted"), cancel)));
        }).RequireRoles(Role.Reviewer).WithName("DecideRestoration");

        // The applicant's own token, a reviewer of the owning department or an auditor (checked by the use case).
        api.MapGet("/restorations/{id}", async (string id, HttpContext http, ReadRestoration read, CancellationToken cancel) =>
            Results.Ok(await read.RunAsync(http.Caller(), id, cancel)))
            .AllowSubjectToken().WithName("ReadRestoration");

        api.MapGet("/restorations", async (string? status, HttpContext http, ReadRestoration read, CancellationToken cancel) =>
            Results.Ok(new { items = await read.QueueAsync(http.Caller(), status, cancel) }))
            .RequireRoles(Role.Reviewer).WithName("ListRestorations");

        api.MapPost("/designations/{id}/performance", async (string id, HttpContext http, RecordPerformance record, CancellationToken cancel) =>
        {
            var designationId = DesignationTransitions.ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var recorded = await record.RunAsync(http.Caller(), designationId, RestorationJson.ReadPerformance(body.RootElement), cancel);
            return Results.Created($"/api/v1/designations/{recorded.DesignationId}", new
            {
                id = recorded.Id,
                designationId = recorded.DesignationId,
                status = recorded.Status,
                performedOn = recorded.PerformedOn,
                recordedAt = recorded.RecordedAt,
                removalDueBy = recorded.RemovalDueBy,
                removedAt = recorded.RemovedAt,
            });
        }).RequireRoles(Role.Recorder).WithName("RecordPerformance");

        api.MapGet("/me/export", async (HttpContext http, ExportSubjectData export, CancellationToken cancel) =>
            Results.Ok(await export.RunAsync(http.Caller(), null, cancel)))
            .AllowSubjectToken().WithName("ExportMyData");

        api.MapGet("/subjects/{subjectId}/export", async (string subjectId, HttpContext http, ExportSubjectData export, CancellationToken cancel) =>
            Results.Ok(await export.RunAsync(http.Caller(), subjectId, cancel)))
            .AllowSubjectToken().WithName("ExportSubjectData");

        api.MapGet("/stats/deadlines", async (HttpContext http, ListDeadlines deadlines, CancellationToken cancel) =>
            Results.Ok(await deadlines.RunAsync(http.Caller(), cancel)))
            .RequireRoles(Role.Auditor).WithName("ListOverdueDeadlines");
    }

    private static object Step(RestorationStep step) =>
        new { id = step.Id, status = step.Status.Code(), at = step.At, late = step.Late };

    private static Guid ParseId(string id) =>
        PathIds.Parse(id, RestorationProblemCodes.NotFound, static _ => "There is no such restoration application.");
}
