using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Inquiries;
using PublicCredit.Profiles;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>Subjects as staff and the subjects themselves see them (docs/api.md#subjects-and-public-views; docs/subjects.md).</summary>
internal static class SubjectEndpoints
{
    public static void MapSubjectEndpoints(this RouteGroupBuilder api)
    {
        // Any staff role or the subject's own token; the use case checks which (subject-scope) and logs the inquiry.
        api.MapGet("/subjects/{subjectId}", async (string subjectId, string? purpose, string? note, HttpContext http, ReadSubjectProfile read, CancellationToken cancel) =>
                TypedResults.Ok(await read.RunAsync(http.Caller(), subjectId, purpose, note, cancel)))
            .AllowSubjectToken()
            .WithName("ReadSubjectProfile")
            .WithSummary("A subject's full profile: every record with every version about it. Logged as an inquiry.")
            .WithDescription(
                "Any staff role (with ?purpose=, one of the catalog's purposes, and an optional one-line ?note= of at most 200 characters; both logged and shown to the subject) or the subject's own " +
                "self-service token (logged as 'self-service'). `designations` and `measures` are always empty for now: the " +
                "designations capability fills them; they are in the shape so that clients can rely on it.")
            .ProducesProblems(401, 403, 404, 422);

        api.MapGet("/subjects/{subjectId}/inquiries", async (string subjectId, string? limit, string? purpose, string? note, HttpContext http, ListSubjectInquiries list, CancellationToken cancel) =>
                TypedResults.Ok(await list.RunAsync(http.Caller(), subjectId, limit, purpose, note, cancel)))
            .AllowSubjectToken()
            .WithName("ListSubjectInquiries")
            .WithSummary("Who looked at this subject, newest first: the subject's own token, or an auditor with ?purpose= (logged as an inquiry).")
            .ProducesProblems(401, 403, 404, 422);
    }
}
