using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Objections;
using PublicCredit.Text;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// Objections against records and designations (docs/api.md#objections; docs/objections.md): file (the subject's token or
/// a recorder; the target is suspended in the same request), resolve (a reviewer of the owning department), read one,
/// list a department's queue or a subject's own. Bodies are read as raw JSON so bad input is a coded 4xx.
/// </summary>
internal static class ObjectionEndpoints
{
    /// <summary>Grounds and evidence are at most 10,000 characters each; 1 MiB leaves room for JSON escapes.</summary>
    public const long BodyLimit = 1L << 20;

    public static void MapObjectionEndpoints(this RouteGroupBuilder api)
    {
        // The subject's own token or a recorder: the use case checks the target's subject (subject-scope).
        api.MapPost("/objections", async Task<Results<Created<FiledObjectionResponse>, Ok<FiledObjectionResponse>>> (HttpContext http, FileObjection file, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var filed = await file.RunAsync(http.Caller(), ObjectionJson.ReadObjection(body.RootElement), cancel);
            var view = FiledObjectionResponse.Of(filed.Objection);
            return filed.Created ? TypedResults.Created($"/api/v1/objections/{filed.Objection.Id}", view) : TypedResults.Ok(view);
        }).AllowSubjectToken().WithName("FileObjection")
            .AcceptsJson<ObjectionBody>(ObjectionBody.Example)
            .WithSummary("Objects to a record or designation; suspends it at once. The same filing again answers 200 with the same id.")
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapPost("/objections/{id}/resolve", async (string id, HttpContext http, ResolveObjection resolve, CancellationToken cancel) =>
        {
            var objectionId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var resolved = await resolve.RunAsync(http.Caller(), objectionId, ObjectionJson.ReadResolution(body.RootElement), cancel);
            return TypedResults.Ok(new ResolvedObjectionResponse(
                resolved.Id, resolved.Status.Code(), resolved.ResolvedAt, new ObjectionTargetView(resolved.DesignationId, resolved.RecordId)));
        }).RequireRoles(Role.Reviewer).WithName("ResolveObjection").WithSummary("Upholds or rejects an objection with reasons.")
            .AcceptsJson<ResolutionBody>(ResolutionBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        // The owning department suspends the target of an objection that only opened a review (ADR 0034).
        api.MapPost("/objections/{id}/suspend", async (string id, HttpContext http, SuspendObjection suspend, CancellationToken cancel) =>
        {
            var objectionId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var (reasons, errors) = ObjectionJson.ReadSuspension(body.RootElement);
            var suspended = await suspend.RunAsync(http.Caller(), objectionId, reasons, errors, cancel);
            return TypedResults.Ok(FiledObjectionResponse.Of(suspended));
        }).RequireRoles(Role.Reviewer).WithName("SuspendObjection")
            .AcceptsJson<ReasonsBody>(ReasonsBody.Example)
            .WithSummary("The owning department suspends the target of an objection that opened a review without suspension.")
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapGet("/objections/{id}", async (string id, HttpContext http, ReadObjection read, CancellationToken cancel) =>
                TypedResults.Ok(await read.RunAsync(http.Caller(), ParseId(id), cancel)))
            .AllowSubjectToken().WithName("ReadObjection").WithSummary("One objection and its answer (the filer, staff of the owning department, an auditor).")
            .ProducesProblems(401, 403, 404);

        api.MapGet("/objections", async (string? status, string? page, HttpContext http, ListObjections list, CancellationToken cancel) =>
                TypedResults.Ok(await list.RunAsync(http.Caller(), status, page, cancel)))
            .AllowSubjectToken().WithName("ListObjections")
            .WithSummary("A reviewer's department queue (or a subject's own objections), by review deadline.")
            .ProducesProblems(401, 403, 422);
    }

    /// <summary>An id from a path: anything that is not a UUID is simply not an objection (404).</summary>
    private static Guid ParseId(string id) =>
        PublicCredit.Errors.PathIds.Parse(id, ObjectionProblemCodes.NotFound, static _ => "There is no such objection.");
}

/// <summary>An objection as filed or suspended: its review deadline and whether (and since when) its target is suspended.</summary>
internal sealed record FiledObjectionResponse(
    Guid Id, string Status, DateOnly? ReviewDeadline, DateTimeOffset FiledAt, bool Suspended, DateTimeOffset? SuspendedAt, ObjectionTargetView Target)
{
    public static FiledObjectionResponse Of(ObjectionRow objection) => new(
        objection.Id, objection.Status.Code(), objection.ReviewDeadline, objection.FiledAt, objection.SuspendedAt is not null,
        objection.SuspendedAt, new ObjectionTargetView(objection.DesignationId, objection.RecordId));
}

/// <summary>An objection as resolved: upheld or rejected, and when.</summary>
internal sealed record ResolvedObjectionResponse(Guid Id, string Status, DateTimeOffset? ResolvedAt, ObjectionTargetView Target);
