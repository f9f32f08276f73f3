using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Checks;
using PublicCredit.Errors;
using PublicCredit.Statistics;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// The embedded check that approval systems call (docs/api.md#checks; docs/checks.md). Bodies are read as raw JSON so
/// that bad input is a coded 4xx, never a 500.
/// </summary>
internal static class CheckEndpoints
{
    /// <summary>A check body is three short strings.</summary>
    public const long BodyLimit = 16 * 1024;

    /// <summary>A batch of <see cref="RunCheck.MaxBatch"/> checks of up to 1 KiB each (a real item is about 100 bytes).</summary>
    public const long BatchBodyLimit = RunCheck.MaxBatch * 1024L;

    public static void MapCheckEndpoints(this RouteGroupBuilder api, int? pipelineProbeBytes)
    {
        if (pipelineProbeBytes is int size)
        {
            // Bench only (HostSettings.PipelineProbeBytes): the check's pipeline with a constant answer instead of the check.
            var constant = Encoding.UTF8.GetBytes("{\"outcome\":\"clear\",\"pad\":\"" + new string('x', Math.Max(0, size - 29)) + "\"}");
            api.MapPost("/checks/pipeline-probe", async (HttpContext http, CancellationToken cancel) =>
            {
                using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
                _ = http.Caller();
                return TypedResults.Bytes(constant, "application/json");
            }).RequireRoles(Role.Checker).ExcludeFromDescription();
        }

        api.MapPost("/checks", async (HttpContext http, RunCheck check, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var result = await check.RunAsync(http.Caller(), CheckInput.Read(body.RootElement), cancel);
            return TypedResults.Ok(result);
        }).RequireRoles(Role.Checker).WithName("RunCheck").WithSummary("The embedded check: the measures that bind the subject for the matter now, or clear.")
            .AcceptsJson<CheckRequestBody>(CheckRequestBody.Example)
            .ProducesProblems(400, 401, 403, 422);

        // Registered before /checks/{checkId}/… so that "batch" is never read as a check id (ADR 0050).
        api.MapPost("/checks/batch", async (HttpContext http, RunCheck check, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BatchBodyLimit, cancel);
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw DomainException.Invalid("items", CheckProblemCodes.BatchInvalid, "A batch is a JSON object {\"items\": [{subject, matter, asOf?}, …]}.");
            }

            var count = items.GetArrayLength();
            // Counted before anything is read: an oversized batch costs no item parsing.
            var inputs = count > RunCheck.MaxBatch ? new CheckInput[count] : [.. items.EnumerateArray().Select(CheckInput.ReadItem)];
            var answered = await check.RunBatchAsync(http.Caller(), inputs, cancel);
            return TypedResults.Ok(new CheckBatchResponse([.. answered.Select(CheckBatchItem.Of)]));
        }).RequireRoles(Role.Checker).WithName("RunCheckBatch")
            .WithSummary("Up to 1000 checks in one call, each answered as a single check would be (its own checkId), or with its own problem.")
            .AcceptsJson<CheckBatchRequestBody>(CheckBatchRequestBody.Example)
            .ProducesProblems(400, 401, 403, 413, 422);

        api.MapPost("/checks/{checkId}/feedback", async (string checkId, HttpContext http, SubmitFeedback submit, CancellationToken cancel) =>
        {
            // Anything that is not a UUID is simply not a check (404).
            var id = PathIds.Parse(checkId, CheckProblemCodes.NotFound, static _ => "There is no such check.");
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var given = await submit.RunAsync(http.Caller(), id, FeedbackInput.Read(body.RootElement), cancel);
            return TypedResults.Created($"/api/v1/checks/{given.CheckId}/feedback/{given.Id}", given);
        }).RequireRoles(Role.Checker).WithName("GiveCheckFeedback").WithSummary("Whether a measure a check returned was applied (201).")
            .AcceptsJson<FeedbackBody>(FeedbackBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        // ?from=&to= (China dates, inclusive; ADR 0020): checks made in the period and the feedback on them.
        api.MapGet("/stats/implementation", async (string? from, string? to, HttpContext http, ImplementationStats stats, CancellationToken cancel) =>
        {
            var period = ReportingPeriod.Parse(from, to);
            return TypedResults.Ok(new ImplementationStatsResponse(await stats.RunAsync(http.Caller(), period, cancel), period.From, period.To));
        })
            .RequireRoles(Role.Auditor).WithName("ImplementationStats").WithSummary("Per memorandum, measure and checking department: checks made, measures returned and feedback in the period.")
            .ProducesProblems(401, 403, 422);
    }
}

/// <summary>A batch's answers, one per item in request order.</summary>
internal sealed record CheckBatchResponse(IReadOnlyList<CheckBatchItem> Items);

/// <summary>One item of a batch by its index: the single check's answer, or the problem a single check would have answered with.</summary>
internal sealed record CheckBatchItem(int Index, CheckResult? Result, CheckItemProblem? Problem)
{
    public static CheckBatchItem Of(BatchCheckItem item) =>
        new(item.Index, item.Result, item.Problem is { } problem ? CheckItemProblem.Of(problem) : null);
}

/// <summary>A refused item, shaped as the ProblemDetails a single check answers with (docs/api.md#errors).</summary>
internal sealed record CheckItemProblem(string Title, int Status, string Detail, string Code, IReadOnlyList<FieldError> Errors)
{
    public static CheckItemProblem Of(DomainException problem)
    {
        var details = PublicCredit.Web.Errors.ProblemMapping.FromDomain(problem);
        return new(details.Title ?? "", details.Status ?? 422, details.Detail ?? "", problem.Code, problem.Errors);
    }
}

/// <summary>Checks made in the period and the feedback on them, per memorandum, measure and department; the period's bounds when given.</summary>
internal sealed record ImplementationStatsResponse(IReadOnlyList<ImplementationRow> Items, DateOnly? From, DateOnly? To);
