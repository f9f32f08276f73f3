using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Session;

/// <summary>
/// Enforces what each page's <see cref="RequiredRolesMetadata"/> declares (the same marker the API routes carry, so
/// the route test sees every page): staff pages need a console session with one of the roles, self-service pages a
/// /me session; without one the browser goes to the area's sign-in page and comes back after. Signed-in pages are
/// never cached: they show personal data (docs/design.md#7-privacy-by-default).
/// </summary>
internal sealed class SessionPageFilter(WebSessions sessions) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var declared = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRolesMetadata>();
        SessionArea? area = declared switch
        {
            { Roles.Count: > 0 } => SessionArea.Console,
            { SubjectTokens: true } => SessionArea.Me,
            _ => null,
        };
        if (area is { } needed)
        {
            // Exactly what antiforgery sets on pages with a form, so the two never disagree (and it logs nothing).
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers.Pragma = "no-cache";
            var caller = await sessions.CallerAsync(http, needed);
            var admitted = needed == SessionArea.Console
                ? caller is { Role: { } role } && declared!.Roles.Contains(role)
                : caller?.SubjectId is not null;
            if (!admitted)
            {
                var back = http.Request.Path + http.Request.QueryString;
                context.Result = new RedirectResult(WebSessions.SignInPath(needed) + "?returnUrl=" + Uri.EscapeDataString(back));
                return;
            }
        }

        await next();
    }
}
