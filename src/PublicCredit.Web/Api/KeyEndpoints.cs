using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Storage;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Api;

internal static class KeyEndpoints
{
    public static void MapKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (CreateApiKeyRequest request, HttpContext http, CreateApiKey createKey, CancellationToken cancel) =>
        {
            var created = await createKey.RunAsync(http.Caller(), request, cancel);
            return Results.Created($"/api/v1/keys/{created.Id}", created);
        }).RequireRoles(Role.Admin).WithName("CreateApiKey");

        api.MapGet("/keys", async (PublicCreditDbContext db, CancellationToken cancel) =>
        {
            var keys = await db.ApiKeys.AsNoTracking()
                .OrderBy(k => k.Department).ThenBy(k => k.Role)
                .Select(k => new { id = k.Id, name = k.Name, role = k.Role, department = k.Department, createdAt = k.CreatedAt, revokedAt = k.RevokedAt })
                .ToListAsync(cancel);
            return Results.Ok(keys);
        }).RequireRoles(Role.Admin).WithName("ListApiKeys");
    }
}
