using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PublicCredit.Access;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

/// <summary>
/// Key administration (docs/design.md#scope-no-department-acts-for-another; ADR 0030, 0031): a department's admin lists, issues, revokes and rotates keys
/// of its own department; a platform admin of every department; every change is a ledger event naming who made it.
/// </summary>
internal static class KeyEndpoints
{
    public static void MapKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (CreateApiKeyRequest request, HttpContext http, CreateApiKey createKey, CancellationToken cancel) =>
        {
            var created = await createKey.RunAsync(http.Caller(), request, cancel);
            return TypedResults.Created($"/api/v1/keys/{created.Id}", created);
        }).RequireRoles(KeyAuthority.Administrators).WithName("CreateApiKey")
            .AcceptsJson<ApiKeyBody>(ApiKeyBody.Example).WithSummary("Issues an API key with one role for one department (201); the secret is shown once.")
            .ProducesProblems(400, 401, 403, 422);

        api.MapGet("/keys", async (HttpContext http, ListApiKeys list, CancellationToken cancel) =>
            TypedResults.Ok(await list.RunAsync(http.Caller(), cancel)))
            .RequireRoles(KeyAuthority.Administrators).WithName("ListApiKeys").WithSummary("The keys the caller has authority over, never their secrets.")
            .ProducesProblems(401, 403);

        api.MapDelete("/keys/{id}", async (string id, HttpContext http, RevokeApiKey revoke, CancellationToken cancel) =>
            TypedResults.Ok(await revoke.RunAsync(http.Caller(), PathId(id), cancel)))
            .RequireRoles(KeyAuthority.Administrators).WithName("RevokeApiKey").WithSummary("Revokes a key at once.")
            .ProducesProblems(401, 403, 404, 409);

        api.MapPost("/keys/{id}/rotation", async (string id, RotateApiKeyRequest? request, HttpContext http, RotateApiKey rotate, CancellationToken cancel) =>
        {
            var created = await rotate.RunAsync(http.Caller(), PathId(id), request?.Expires, cancel);
            return TypedResults.Created($"/api/v1/keys/{created.Id}", created);
        }).RequireRoles(KeyAuthority.Administrators).WithName("RotateApiKey")
            .AcceptsJson<RotateApiKeyRequest>(new RotateApiKeyRequest("2027-06-30"), "Optional: without a body the new key lasts a year.", optional: true).WithSummary("A new key in place of this one (201); the old one is revoked.")
            .ProducesProblems(400, 401, 403, 404, 409, 422);
    }

    /// <summary>A path takes key ids only: the key itself never belongs in a URL (logs, proxies).</summary>
    private static string PathId(string id) =>
        PublicCredit.Errors.PathIds.Parse(id, AccessProblemCodes.KeyUnknown, raw => $"'{raw}' is not a key id.").ToString();
}

/// <summary>Body of <c>POST /api/v1/keys/{id}/rotation</c>: the new key's last day (default a year from now).</summary>
internal sealed record RotateApiKeyRequest(string? Expires);
