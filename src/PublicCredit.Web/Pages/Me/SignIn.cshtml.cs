using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Web.Security;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.SelfService;

/// <summary>
/// A subject signs in with its self-service token (docs/api.md#web-pages: <c>/me</c>; from the operator), or — the first
/// time — redeems the one-time activation code printed in its designation notice for its own token (docs/design.md#the-department-never-holds-the-subjects-credential;
/// ADR 0029): the token is shown once on this page, and the session starts with it.
/// </summary>
public sealed class SignInModel(WebSessions sessions, IStringLocalizer<SharedResource> l, SubjectActivation activation, ActivationThrottle throttle)
    : SignInPageModel(sessions, l, SessionArea.Me, "/me",
        new SignInForm("Me.SignInTitle", "Me.SignInLead", "Me.TokenLabel", "Me.TokenHint", "token", null, "/me"))
{
    public const string CodeField = "code";

    /// <summary>The code as typed, kept when it is refused.</summary>
    public string? Code { get; private set; }

    public string? CodeError { get; private set; }

    /// <summary>The subject's new token, shown only in the answer to its redemption.</summary>
    public ActivatedSubject? Activated { get; private set; }

    public async Task<IActionResult> OnPostActivateAsync()
    {
        // The answer carries a credential: never cached.
        Response.Headers.CacheControl = "no-cache, no-store";
        Code = Request.Form[CodeField].ToString();
        if (throttle.Blocked(HttpContext) is { } retry)
        {
            Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            CodeError = Display.Error(Text, new FieldError(CodeField, ActivationProblemCodes.RateLimited, "Too many wrong activation codes; try again later."));
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status429TooManyRequests;
            return Page();
        }

        try
        {
            Activated = await activation.RedeemAsync(Code, HttpContext.RequestAborted);
        }
        catch (DomainException ex) when (ex.Errors.Count > 0)
        {
            throttle.Failed(HttpContext);
            CodeError = Display.Error(Text, ex.Errors[0]);
            Response.StatusCode = ex.Kind == ErrorKind.Conflict
                ? Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict
                : Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Code = null;
        await Sessions.SignInAsync(HttpContext, SessionArea.Me, Activated.Token);
        return Page();
    }
}
