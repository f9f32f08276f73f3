using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        api.MapPost("/objections", async (HttpContext http, FileObjection file, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var filed = await file.RunAsync(http.Caller(), ObjectionJson.ReadObjection(body.RootElement), cancel);
            var view = Filed(filed.Objection);
            return filed.Created ? Results.Created($"/api/v1/objections/{filed.Objection.Id}", view) : Results.Ok(view);
        }).AllowSubjectToken().WithName("FileObjection")
            .WithSummary("Objects to a record or designation; suspends it at once. The same filing again answers 200 with the same id.");

        api.MapPost("/objections/{id}/resolve", async (string id, HttpContext http, ResolveObjection resolve, CancellationToken cancel) =>
        {
            var objectionId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var resolved = await resolve.RunAsync(http.Caller(), objectionId, ObjectionJson.ReadResolution(body.RootElement), cancel);
            return Results.Ok(new
            {
                id = resolved.Id,
                status = resolved.Status.Code(),
                resolvedAt = resolved.ResolvedAt,
                target = new ObjectionTargetView(resolved.DesignationId, resolved.RecordId),
            });
        }).RequireRoles(Role.Reviewer).WithName("ResolveObjection");

        // The owning department suspends the target of an objection that only opened a review (ADR 0034).
        api.MapPost("/objections/{id}/suspend", async (string id, HttpContext http, SuspendObjection suspend, CancellationToken cancel) =>
        {
            var objectionId = ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var (reasons, errors) = ObjectionJson.ReadSuspension(body.RootElement);
            var suspended = await suspend.RunAsync(http.Caller(), objectionId, reasons, errors, cancel);
            return Results.Ok(Filed(suspended));
        }).RequireRoles(Role.Reviewer).WithName("SuspendObjection")
            .WithSummary("The owning department suspends the target of an objection that opened a review without suspension.");

        api.MapGet("/objections/{id}", async (string id, HttpContext http, ReadObjection read, CancellationToken cancel) =>
                Results.Ok(await read.RunAsync(http.Caller(), ParseId(id), cancel)))
            .AllowSubjectToken().WithName("ReadObjection").Produces<ObjectionView>();

        api.MapGet("/objections", async (string? status, string? page, HttpContext http, ListObjections list, CancellationToken cancel) =>
                Results.Ok(await list.RunAsync(http.Caller(), status, page, cancel)))
            .AllowSubjectToken().WithName("ListObjections")
            .WithSummary("A reviewer's department queue (or a subject's own objections), by review deadline.")
            .Produces<ObjectionPage>();
    }

    private static object Filed(ObjectionRow objection) => new
    {
        id = objection.Id,
        status = objection.Status.Code(),
        reviewDeadline = objection.ReviewDeadline,
        filedAt = objection.FiledAt,
        suspended = objection.SuspendedAt is not null,
        suspendedAt = objection.SuspendedAt,
        target = new ObjectionTargetView(objection.DesignationId, objection.RecordId),
    };

    /// <summary>An id from a path: anything that is not a UUID is simply not an objection (404).</summary>
    private static Guid ParseId(string id) =>
        PublicCredit.Errors.PathIds.Parse(id, ObjectionProblemCodes.NotFound, static _ => "There is no such objection.");
}
