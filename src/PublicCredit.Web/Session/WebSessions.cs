using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Session;

/// <summary>The two signed-in areas of the site: the staff console and a subject's self-service.</summary>
public enum SessionArea
{
    Console,
    Me,
}

/// <summary>
/// Browser sessions over the API's credentials (ADR 0015, ADR 0030): signing in with an API key (console) or a
/// self-service token (/me) checks it with the same <see cref="AuthenticateBearer"/> as the API, then opens a
/// server-side session (<see cref="CredentialSessions"/>). The cookie — encrypted and signed by ASP.NET Core data
/// protection, HttpOnly, SameSite=Strict, path-scoped to its area — carries only that session's random secret, never
/// the key or token. Every request reads the session and its credential, so signing out, revoking the credential or
/// its expiry ends the session at once, on every node; and the page acts as the very <see cref="Caller"/> the API
/// would see, through the same use cases.
/// </summary>
public sealed class WebSessions(AuthenticateBearer bearer, CredentialSessions store)
{
    public const string ConsoleScheme = "pcredit-console";
    public const string MeScheme = "pcredit-me";
    private const string SessionClaim = "pcredit:session";
    private const string CallerItem = "pcredit.web-caller";

    /// <summary>How long a session lasts at most, whatever the cookie says (the server ends it then).</summary>
    public static TimeSpan LifetimeOf(SessionArea area) => area == SessionArea.Console ? TimeSpan.FromHours(8) : TimeSpan.FromHours(1);

    public static string SchemeOf(SessionArea area) => area == SessionArea.Console ? ConsoleScheme : MeScheme;

    public static string SignInPath(SessionArea area) => area == SessionArea.Console ? "/console/signin" : "/me/signin";

    private static string AreaCode(SessionArea area) => area == SessionArea.Console ? "console" : "me";

    /// <summary>Checks the token like the API does and starts the session; refuses a token of the other area.</summary>
    public async Task<Caller> SignInAsync(HttpContext http, SessionArea area, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        var field = area == SessionArea.Console ? "apiKey" : "token";
        if (string.IsNullOrWhiteSpace(token))
        {
            throw DomainException.Invalid(field, WebProblemCodes.SignInTokenMissing, "Enter the key or token you were given.");
        }

        Caller caller;
        try
        {
            caller = await bearer.RunAsync(token.Trim(), http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Unauthenticated)
        {
            throw DomainException.Invalid(field, ex.Code, ex.Message);
        }

        if (area == SessionArea.Console && !caller.IsStaff)
        {
            throw DomainException.Invalid(field, WebProblemCodes.SignInNotStaffKey, "This is a self-service token: use it on /me.");
        }

        if (area == SessionArea.Me && caller.SubjectId is null)
        {
            throw DomainException.Invalid(field, WebProblemCodes.SignInNotSubjectToken, "This is a staff API key: use it on /console.");
        }

        // It authenticated, so it parses.
        if (!AccessToken.TryParse(token.Trim(), out var credential))
        {
            throw new InvalidOperationException("An authenticated token did not parse.");
        }

        var secret = await store.StartAsync(AreaCode(area), credential, LifetimeOf(area), http.RequestAborted);
        var identity = new ClaimsIdentity([new Claim(SessionClaim, secret)], SchemeOf(area));
        await http.SignInAsync(SchemeOf(area), new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return caller;
    }

    /// <summary>Ends the session on the server (a copy of the cookie is refused from now on), then drops the cookie.</summary>
    public static async Task SignOutAsync(HttpContext http, SessionArea area)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await http.AuthenticateAsync(SchemeOf(area));
        if (result.Principal?.FindFirst(SessionClaim)?.Value is { } secret)
        {
            await http.RequestServices.GetRequiredService<CredentialSessions>().EndAsync(secret, http.RequestAborted);
        }

        await http.SignOutAsync(SchemeOf(area));
    }

    /// <summary>The caller of the area's session, or null without a session or when it or its credential has ended.</summary>
    public async Task<Caller?> CallerAsync(HttpContext http, SessionArea area)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[CallerItem] is Caller known)
        {
            return known;
        }

        var result = await http.AuthenticateAsync(SchemeOf(area));
        var secret = result.Principal?.FindFirst(SessionClaim)?.Value;
        if (secret is null)
        {
            return null;
        }

        var caller = await bearer.SessionAsync(secret, AreaCode(area), http.RequestAborted);
        if (caller is null)
        {
            await http.SignOutAsync(SchemeOf(area));
            return null;
        }

        http.Items[CallerItem] = caller;
        return caller;
    }

    /// <summary>The caller a signed-in page runs as (set by <see cref="SessionPageFilter"/> before the handler).</summary>
    public static Caller Current(HttpContext http) =>
        http?.Items[CallerItem] as Caller ?? throw new InvalidOperationException("No signed-in caller: the page is not behind SessionPageFilter.");

    /// <summary>The signed-in caller of this request, or null on a page that needs no session (or before the filter ran).</summary>
    public static Caller? Find(HttpContext http) => http?.Items[CallerItem] as Caller;

    internal static void ConfigureCookie(CookieAuthenticationOptions options, SessionArea area)
    {
        options.Cookie.Name = area == SessionArea.Console ? "pcredit.console" : "pcredit.me";
        options.Cookie.Path = area == SessionArea.Console ? "/console" : "/me";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = LifetimeOf(area);
        options.SlidingExpiration = false;
        options.LoginPath = SignInPath(area);
    }
}
