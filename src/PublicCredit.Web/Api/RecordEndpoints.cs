using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Statistics;
using PublicCredit.Records;
using PublicCredit.Text;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>Records: submission, batch, corrections (docs/api.md#records), and the double-publicity statistics (docs/api.md#statistics).</summary>
internal static class RecordEndpoints
{
    /// <summary>One record is at most ~25,000 characters of text (RecordFields); 1 MiB leaves room for JSON escapes.</summary>
    public const long RecordBodyLimit = 1L << 20;

    /// <summary>A batch of up to 1000 ordinary records fits easily; a batch of huge ones is split by its sender.</summary>
    public const long BatchBodyLimit = 32L << 20;

    public static void MapRecordEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/records", async Task<Results<Created<SubmittedRecordResponse>, Ok<SubmittedRecordResponse>>> (HttpContext http, SubmitRecords submit, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, RecordBodyLimit, cancel);
            var (input, _) = RecordJson.Read(body.RootElement);
            var outcome = (await submit.RunAsync(http.Caller(), [input], cancel))[0];
            return outcome.Status switch
            {
                SubmissionStatus.Created => TypedResults.Created($"/api/v1/records/{outcome.Id}", new SubmittedRecordResponse(outcome.Id, outcome.Status)),
                SubmissionStatus.Unchanged => TypedResults.Ok(new SubmittedRecordResponse(outcome.Id, outcome.Status)),
                _ when outcome.NotProvided is { } refusal => throw DomainException.Forbidden(refusal.Code, refusal.Message),
                _ when outcome.IsConflict => throw ConflictProblem(outcome),
                _ => throw DomainException.Invalid(outcome.Errors ?? []),
            };
        }).RequireRoles(Role.Recorder).WithName("SubmitRecord").WithSummary("Submits one record (201); the same content again answers 200 unchanged, different content 409.")
            .AcceptsJson<RecordBody>(RecordBody.Example)
            .ProducesProblems(400, 401, 403, 409, 422);

        api.MapPost("/records/batch", async (HttpContext http, SubmitRecords submit, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BatchBodyLimit, cancel);
            if (body.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw DomainException.Invalid("", RecordProblemCodes.BatchNotAnArray, "A batch is a JSON array of records.");
            }

            var count = body.RootElement.GetArrayLength();
            if (count > SubmitRecords.MaxChunk)
            {
                throw DomainException.Invalid("", RecordProblemCodes.BatchTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"A batch holds at most {SubmitRecords.MaxChunk} records; this one has {count}. Split it."));
            }

            var inputs = body.RootElement.EnumerateArray().Select(item => RecordJson.Read(item).Input).ToList();
            var outcomes = await submit.RunAsync(http.Caller(), inputs, cancel);
            return TypedResults.Ok<IReadOnlyList<BatchItemResponse>>([.. outcomes.Select(o => new BatchItemResponse(o.Index, o.Id, o.Status, o.Errors))]);
        }).RequireRoles(Role.Recorder).WithName("SubmitRecordBatch").WithSummary("Submits up to 1000 records, each judged on its own: 200 with a status per item.")
            .AcceptsJson<IReadOnlyList<RecordBody>>([RecordBody.Example])
            .ProducesProblems(400, 401, 403, 422);

        api.MapPost("/records/{id}/corrections", async (string id, HttpContext http, CorrectRecord correct, CancellationToken cancel) =>
        {
            var recordId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, RecordBodyLimit, cancel);
            var (input, reason) = RecordJson.Read(body.RootElement, allowReason: true);
            var outcome = await correct.RunAsync(http.Caller(), recordId, new CorrectionRequest(input, reason), cancel);
            return TypedResults.Ok(new CorrectedRecordResponse(outcome.Id, outcome.Version, outcome.Changed ? "corrected" : "unchanged"));
        }).RequireRoles(Role.Recorder).WithName("CorrectRecord").WithSummary("Corrects a record: a new version with the reason; earlier versions are kept.")
            .AcceptsJson<RecordCorrectionBody>(RecordCorrectionBody.Example)
            .ProducesProblems(400, 401, 403, 404, 422);

        // Reading a record is an inquiry about its subject (ADR 0008): ?purpose= is required and logged.
        api.MapGet("/records/{id}", async (string id, string? purpose, string? note, HttpContext http, ReadRecord read, CancellationToken cancel) =>
            TypedResults.Ok(await read.RunAsync(http.Caller(), ParseId(id), purpose, note, cancel)))
            .RequireRoles(Role.Recorder).WithName("ReadRecord").RequiresQuery("purpose").WithSummary("One record with every version, within the caller's read scope; logged as an inquiry.")
            .ProducesProblems(401, 403, 404, 422);

        // ?from=&to= (China dates, inclusive; ADR 0020): records decided in the period.
        api.MapGet("/stats/publicity", async (string? from, string? to, HttpContext http, PublicityStats stats, CancellationToken cancel) =>
            TypedResults.Ok(await stats.RunAsync(http.Caller(), ReportingPeriod.Parse(from, to), cancel)))
            .RequireRoles(Role.Auditor).WithName("PublicityStats").WithSummary("Double publicity per department and category: records published on time and late in the period.")
            .ProducesProblems(401, 403, 422);
    }

    private static Guid ParseId(string id) =>
        PathIds.Parse(id, RecordProblemCodes.NotFound, static raw => $"There is no record '{JsonMembers.Shorten(raw)}'.");

    private static DomainException ConflictProblem(SubmissionOutcome outcome)
    {
        var error = outcome.Errors!.First(e => e.Code == RecordProblemCodes.Conflict);
        return DomainException.Conflict(RecordProblemCodes.Conflict, error.Message, [error], new Dictionary<string, object?>
        {
            ["recordId"] = outcome.Id,
            ["corrections"] = $"/api/v1/records/{outcome.Id}/corrections",
        });
    }
}

/// <summary>A record as submitted alone: <c>created</c> (201) or <c>unchanged</c> (200, the same content again).</summary>
internal sealed record SubmittedRecordResponse(Guid? Id, SubmissionStatus Status);

/// <summary>One item of a batch, by its index in the request: its id unless rejected, its field errors if rejected.</summary>
internal sealed record BatchItemResponse(int Index, Guid? Id, SubmissionStatus Status, IReadOnlyList<FieldError>? Errors);

/// <summary>A record after a correction: its current version, <c>corrected</c> or <c>unchanged</c>.</summary>
internal sealed record CorrectedRecordResponse(Guid Id, int Version, string Status);
