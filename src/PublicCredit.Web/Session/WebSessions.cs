using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using PublicCredit.Access;
using PublicCredit.Errors;

namespace PublicCredit.Web.Session;

/// <summary>The two signed-in areas of the site: the staff console and a subject's self-service.</summary>
public enum SessionArea
{
    Console,
    Me,
}

/// <summary>
/// Browser sessions over the API's credentials (ADR 0015): signing in with an API key (console) or a self-service
/// token (/me) checks it with the same <see cref="AuthenticateBearer"/> as the API, then keeps it in a cookie that
/// ASP.NET Core data protection encrypts and signs (HttpOnly, SameSite=Strict, path-scoped to its area). Every
/// request re-authenticates the token, so a revoked key or an expired token ends the session within
/// <see cref="AuthenticateBearer.CacheFor"/>, exactly as it stops working on the API; and the page acts as the very
/// <see cref="Caller"/> the API would see, through the same use cases.
/// </summary>
public sealed class WebSessions(AuthenticateBearer bearer)
{
    public const string ConsoleScheme = "pcredit-console";
    public const string MeScheme = "pcredit-me";
    private const string TokenClaim = "pcredit:token";
    private const string CallerItem = "pcredit.web-caller";

    public static string SchemeOf(SessionArea area) => area == SessionArea.Console ? ConsoleScheme : MeScheme;

    public static string SignInPath(SessionArea area) => area == SessionArea.Console ? "/console/signin" : "/me/signin";

    /// <summary>Checks the token like the API does and starts the session; refuses a token of the other area.</summary>
    public async Task<Caller> SignInAsync(HttpContext http, SessionArea area, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        var field = area == SessionArea.Console ? "apiKey" : "token";
        if (string.IsNullOrWhiteSpace(token))
        {
            throw DomainException.Invalid(field, "sign-in-token-missing", "Enter the key or token you were given.");
        }

        Caller caller;
        try
        {
            caller = await bearer.RunAsync(token.Trim(), http.RequestAborted);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Unauthenticated)
        {
            throw DomainException.Invalid(field, ex.Code, ex.Message);
        }

        if (area == SessionArea.Console && !caller.IsStaff)
        {
            throw DomainException.Invalid(field, "sign-in-not-staff-key", "This is a self-service token: use it on /me.");
        }

        if (area == SessionArea.Me && caller.SubjectId is null)
        {
            throw DomainException.Invalid(field, "sign-in-not-subject-token", "This is a staff API key: use it on /console.");
        }

        var identity = new ClaimsIdentity([new Claim(TokenClaim, token.Trim())], SchemeOf(area));
        await http.SignInAsync(SchemeOf(area), new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return caller;
    }

    public static Task SignOutAsync(HttpContext http, SessionArea area) => http.SignOutAsync(SchemeOf(area));

    /// <summary>The caller of the area's session, or null without a session or when its token no longer works.</summary>
    public async Task<Caller?> CallerAsync(HttpContext http, SessionArea area)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[CallerItem] is Caller known)
        {
            return known;
        }

        var result = await http.AuthenticateAsync(SchemeOf(area));
        var token = result.Principal?.FindFirst(TokenClaim)?.Value;
        if (token is null)
        {
            return null;
        }

        try
        {
            var caller = await bearer.RunAsync(token, http.RequestAborted);
            http.Items[CallerItem] = caller;
            return caller;
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Unauthenticated)
        {
            await SignOutAsync(http, area);
            return null;
        }
    }

    /// <summary>The caller a signed-in page runs as (set by <see cref="SessionPageFilter"/> before the handler).</summary>
    public static Caller Current(HttpContext http) =>
        http?.Items[CallerItem] as Caller ?? throw new InvalidOperationException("No signed-in caller: the page is not behind SessionPageFilter.");

    internal static void ConfigureCookie(CookieAuthenticationOptions options, SessionArea area)
    {
        options.Cookie.Name = area == SessionArea.Console ? "pcredit.console" : "pcredit.me";
        options.Cookie.Path = area == SessionArea.Console ? "/console" : "/me";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = area == SessionArea.Console ? TimeSpan.FromHours(8) : TimeSpan.FromHours(1);
        options.SlidingExpiration = true;
        options.LoginPath = SignInPath(area);
    }
}
