using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Storage;
using PublicCredit.Text;

namespace PublicCredit.Web.Session;

/// <summary>Who is signed in to the console, as every console page states it: the key's department, role and name.</summary>
public sealed record ConsoleIdentity(string Department, string Role, string KeyName);

/// <summary>
/// Reads <see cref="ConsoleIdentity"/> for the layout's session bar (docs/web.md#lists-catalog-and-home): the caller the session filter
/// admitted, and the name its administrator gave the key (looked up by the key's public lookup part, never the secret).
/// </summary>
public sealed class ConsoleIdentities(PublicCreditDbContext db)
{
    private const string KeyActor = "key:";

    public async Task<ConsoleIdentity?> OfAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Path.StartsWithSegments("/console", StringComparison.Ordinal)
            || WebSessions.Find(http) is not { Role: { } role, Department: { } department } caller)
        {
            return null;
        }

        var lookup = caller.Actor.StartsWith(KeyActor, StringComparison.Ordinal) ? caller.Actor[KeyActor.Length..] : null;
        var name = lookup is null
            ? null
            : await db.ApiKeys.AsNoTracking().Where(k => k.Lookup == lookup).Select(k => k.Name).FirstOrDefaultAsync(http.RequestAborted);
        return new ConsoleIdentity(department, role.Code(), name ?? caller.Actor);
    }
}
