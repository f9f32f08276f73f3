using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
            return TypedResults.Created($"/api/v1/restorations/{submitted.Id}", new SubmittedRestorationResponse(
                submitted.Id, submitted.Status.Code(), submitted.AcceptBy, submitted.DecideBy, submitted.EarliestRestoration, submitted.Department));
        }).AllowSubjectToken().WithName("SubmitRestoration").WithSummary("Applies for credit restoration through the single window (201); never a fee.")
            .AcceptsJson<RestorationBody>(RestorationBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapPost("/restorations/{id}/accept", async (string id, HttpContext http, AcceptRestoration accept, CancellationToken cancel) =>
        {
            var restorationId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            return TypedResults.Ok(RestorationStepResponse.Of(await accept.RunAsync(http.Caller(), restorationId, RestorationJson.ReadStep(body.RootElement, "accepted"), cancel)));
        }).RequireRoles(Role.Reviewer).WithName("AcceptRestoration").WithSummary("A reviewer of the owning department accepts the application for review, or refuses it with reasons.")
            .AcceptsJson<AcceptRestorationBody>(AcceptRestorationBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapPost("/restorations/{id}/decide", async (string id, HttpContext http, DecideRestoration decide, CancellationToken cancel) =>
        {
            var restorationId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            return TypedResults.Ok(RestorationStepResponse.Of(await decide.RunAsync(http.Caller(), restorationId, RestorationJson.ReadStep(body.RootElement, "granted"), cancel)));
        }).RequireRoles(Role.Reviewer).WithName("DecideRestoration").WithSummary("Grants or refuses an accepted restoration; granted, the target is restored.")
            .AcceptsJson<DecideRestorationBody>(DecideRestorationBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        // The applicant's own token, a reviewer of the owning department or an auditor (checked by the use case).
        api.MapGet("/restorations/{id}", async (string id, HttpContext http, ReadRestoration read, CancellationToken cancel) =>
            TypedResults.Ok(await read.RunAsync(http.Caller(), id, cancel)))
            .AllowSubjectToken().WithName("ReadRestoration").WithSummary("One restoration application (the applicant, a reviewer of the owning department, an auditor).")
            .ProducesProblems(401, 403, 404);

        api.MapGet("/restorations", async (string? status, HttpContext http, ReadRestoration read, CancellationToken cancel) =>
            TypedResults.Ok(new RestorationQueueResponse(await read.QueueAsync(http.Caller(), status, cancel))))
            .RequireRoles(Role.Reviewer).WithName("ListRestorations").WithSummary("The reviewer's department's restoration applications by due date.")
            .ProducesProblems(401, 403, 422);

        api.MapPost("/designations/{id}/performance", async (string id, HttpContext http, RecordPerformance record, CancellationToken cancel) =>
        {
            var designationId = DesignationTransitions.ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var recorded = await record.RunAsync(http.Caller(), designationId, RestorationJson.ReadPerformance(body.RootElement), cancel);
            return TypedResults.Created($"/api/v1/designations/{recorded.DesignationId}", recorded);
        }).RequireRoles(Role.Recorder).WithName("RecordPerformance").WithSummary("Records an obligation performed (201); removes the entry where its list type removes automatically.")
            .AcceptsJson<PerformanceBody>(PerformanceBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapGet("/me/export", async (HttpContext http, ExportSubjectData export, CancellationToken cancel) =>
            TypedResults.Ok(await export.RunAsync(http.Caller(), null, cancel)))
            .AllowSubjectToken().WithName("ExportMyData").WithSummary("The subject's free copy of everything held about it (its own token).")
            .ProducesProblems(401, 403);

        api.MapGet("/subjects/{subjectId}/export", async (string subjectId, HttpContext http, ExportSubjectData export, CancellationToken cancel) =>
            TypedResults.Ok(await export.RunAsync(http.Caller(), subjectId, cancel)))
            .AllowSubjectToken().WithName("ExportSubjectData").WithSummary("The subject's free copy of everything held about it, by identifier (its own token).")
            .ProducesProblems(401, 403, 404, 422);

        api.MapGet("/stats/deadlines", async (HttpContext http, ListDeadlines deadlines, CancellationToken cancel) =>
            TypedResults.Ok(await deadlines.RunAsync(http.Caller(), cancel)))
            .RequireRoles(Role.Auditor).WithName("ListOverdueDeadlines").WithSummary("Every obligation past its working-day deadline, with the department that holds it.")
            .ProducesProblems(401, 403);
    }

    private static Guid ParseId(string id) =>
        PathIds.Parse(id, RestorationProblemCodes.NotFound, static _ => "There is no such restoration application.");
}

/// <summary>A restoration application as submitted, with the deadlines fixed from the catalog calendar.</summary>
internal sealed record SubmittedRestorationResponse(Guid Id, string Status, DateOnly AcceptBy, DateOnly DecideBy, DateOnly EarliestRestoration, string Department);

/// <summary>A restoration application after the accept or decide step: its status, when, and whether past the deadline.</summary>
internal sealed record RestorationStepResponse(Guid Id, string Status, DateTimeOffset At, bool Late)
{
    public static RestorationStepResponse Of(RestorationStep step) => new(step.Id, step.Status.Code(), step.At, step.Late);
}

/// <summary>A reviewer's queue of restoration applications.</summary>
internal sealed record RestorationQueueResponse(IReadOnlyList<RestorationQueueItem> Items);
