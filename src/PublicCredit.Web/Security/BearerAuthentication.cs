using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Text;
using PublicCredit.Web.Errors;

namespace PublicCredit.Web.Security;

/// <summary>
/// `Authorization: Bearer &lt;token&gt;` → a principal carrying the <see cref="Caller"/>. No header means the public
/// caller; a header with a bad token is remembered so that any endpoint needing a role answers 401 with the reason.
/// </summary>
internal sealed class BearerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthenticateBearer bearer)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string CallerItem = "pcredit.caller";
    private const string FailureItem = "pcredit.auth-failure";

    /// <summary>One ticket per cached <see cref="Caller"/> (AuthenticateBearer keeps a caller 30 s): nothing reads or
    /// changes the principal after authentication — endpoints use the Caller — so thousands of checks a second do not
    /// build a principal each (ADR 0016). Entries go with their caller.</summary>
    private static readonly ConditionalWeakTable<Caller, AuthenticationTicket> Tickets = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(DomainException.Unauthenticated(WebProblemCodes.AuthorizationScheme, "Use Authorization: Bearer <token>."));
        }

        try
        {
            var caller = await bearer.RunAsync(header["Bearer ".Length..].Trim(), Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
            Context.Items[CallerItem] = caller;
            return AuthenticateResult.Success(Tickets.GetValue(caller, static c => new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, c.Actor), new Claim(ClaimTypes.Role, c.Role?.Code() ?? "subject")], SchemeName)), SchemeName)));
        }
        catch (DomainException ex)
        {
            return Fail(ex);
        }
    }

    private AuthenticateResult Fail(DomainException reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason.Message);
    }

    /// <summary>The caller of this request; throws the authentication failure if the token was bad.</summary>
    public static Caller CallerOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[FailureItem] is DomainException failure)
        {
            throw failure;
        }

        return context.Items[CallerItem] as Caller ?? Caller.Public;
    }
}
