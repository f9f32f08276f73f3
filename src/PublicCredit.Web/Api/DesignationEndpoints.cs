using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Designations;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// Designations on red and black lists with due process (docs/api.md#designations, docs/design.md#designation-life-cycle, docs/design.md#the-department-never-holds-the-subjects-credential): propose with
/// notice and a one-time activation code for the subject (never a subject credential, ADR 0029), the subject's statement, decide, revoke, read the designation and its decision document.
/// Bodies are read as raw JSON so that bad input is a coded 4xx (docs/designations.md), never a 500.
/// </summary>
internal static class DesignationEndpoints
{
    /// <summary>Facts and statements are at most 10,000 characters each; 1 MiB leaves room for JSON escapes.</summary>
    public const long BodyLimit = 1L << 20;

    public static void MapDesignationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/designations", async (HttpContext http, ProposeDesignation propose, CancellationToken cancel) =>
        {
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var proposed = await propose.RunAsync(http.Caller(), DesignationJson.ReadProposal(body.RootElement), cancel);
            return TypedResults.Created($"/api/v1/designations/{proposed.Id}", proposed);
        }).RequireRoles(Role.Recorder).WithName("ProposeDesignation").WithSummary("Proposes a designation with notice (201): the objection deadline and a one-time activation code for the subject.")
            .AcceptsJson<ProposeDesignationBody>(ProposeDesignationBody.Example)
            .ProducesProblems(400, 401, 403, 409, 422);

        // The subject's own act: a self-service token, checked against the designation's subject by the use case.
        api.MapPost("/designations/{id}/statements", async (string id, HttpContext http, FileStatement file, CancellationToken cancel) =>
        {
            var designationId = DesignationTransitions.ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var filed = await file.RunAsync(http.Caller(), designationId, DesignationJson.ReadStatement(body.RootElement), cancel);
            return TypedResults.Created($"/api/v1/designations/{filed.DesignationId}", filed);
        }).AllowSubjectToken().WithName("FileDesignationStatement").WithSummary("The subject states its case on a noticed designation (its own token).")
            .AcceptsJson<StatementBody>(StatementBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapPost("/designations/{id}/decide", async (string id, HttpContext http, DecideDesignation decide, CancellationToken cancel) =>
        {
            var designationId = DesignationTransitions.ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var decided = await decide.RunAsync(http.Caller(), designationId, DesignationJson.ReadDecision(body.RootElement), cancel);
            return TypedResults.Ok(decided);
        }).RequireRoles(Role.Reviewer).WithName("DecideDesignation").WithSummary("Decides a noticed designation: effective from the given day for the term; 409 while the objection window or an objection is open.")
            .AcceptsJson<DecisionBody>(DecisionBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        api.MapPost("/designations/{id}/revoke", async (string id, HttpContext http, RevokeDesignation revoke, CancellationToken cancel) =>
        {
            var designationId = DesignationTransitions.ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var revoked = await revoke.RunAsync(http.Caller(), designationId, DesignationJson.ReadRevocation(body.RootElement), cancel);
            return TypedResults.Ok(revoked);
        }).RequireRoles(Role.Reviewer).WithName("RevokeDesignation").WithSummary("Revokes a designation with reasons.")
            .AcceptsJson<RevocationBody>(RevocationBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        // A red entry a black one set aside (ADR 0042): back in force only for a subject eligible again.
        api.MapPost("/designations/{id}/confirm", async (string id, HttpContext http, ConfirmDesignation confirm, CancellationToken cancel) =>
        {
            var designationId = DesignationTransitions.ParseId(id);
            using var body = await JsonBody.ReadAsync(http, BodyLimit, cancel);
            var confirmed = await confirm.RunAsync(http.Caller(), designationId, DesignationJson.ReadConfirmation(body.RootElement), cancel);
            return TypedResults.Ok(confirmed);
        }).RequireRoles(Role.Reviewer).WithName("ConfirmDesignation").WithSummary("Puts a red entry suspended by a conflicting black one back in force, for a subject eligible again.")
            .AcceptsJson<ReasonsBody>(ReasonsBody.Example)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        // The department's own designations, for its recorders and reviewers (the use case checks role and scope).
        api.MapGet("/designations", async (string? status, string? page, HttpContext http, ListDesignations list, CancellationToken cancel) =>
                TypedResults.Ok(await list.RunAsync(http.Caller(), status, page, cancel)))
            .RequireRoles(Role.Recorder, Role.Reviewer).WithName("ListDesignations")
            .WithSummary("The caller's department's designations by status, with the deadlines that matter in each status; 50 a page.")
            .ProducesProblems(401, 403, 422);

        // The escalation queue of the caller's department (computed at the request time; nothing is designated by it).
        api.MapGet("/designations/suggestions", async (HttpContext http, SuggestEscalations suggest, CancellationToken cancel) =>
                TypedResults.Ok(await suggest.RunAsync(http.Caller(), cancel)))
            .RequireRoles(Role.Recorder, Role.Reviewer).WithName("DesignationSuggestions")
            .WithSummary("Entries on a list with a catalog escalation, in force longer than its period, whose subject is not on the target list: proposals to consider.")
            .ProducesProblems(401, 403);

        // Staff of any role, or the subject's own token: checked against the designation's subject by the use case.
        api.MapGet("/designations/{id}", async (string id, string? purpose, string? note, HttpContext http, ReadDesignation read, CancellationToken cancel) =>
            TypedResults.Ok(await read.RunAsync(http.Caller(), DesignationTransitions.ParseId(id), purpose, note, cancel)))
            .AllowSubjectToken().WithName("ReadDesignation").WithSummary("One designation with its deadlines (staff with ?purpose=, or the subject's own token).")
            .ProducesProblems(401, 403, 404, 422);

        api.MapGet("/designations/{id}/decision", async (string id, string? purpose, string? note, HttpContext http, ReadDesignation read, CancellationToken cancel) =>
            TypedResults.Ok(await read.DecisionAsync(http.Caller(), DesignationTransitions.ParseId(id), purpose, note, cancel)))
            .AllowSubjectToken().WithName("ReadDesignationDecision").WithSummary("The decision document of a decided designation.")
            .ProducesProblems(401, 403, 404, 422);
    }
}
