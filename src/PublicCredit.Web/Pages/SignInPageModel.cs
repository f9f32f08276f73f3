using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages;

/// <summary>
/// Signing in to one area of the site with a bearer credential, checked as the API checks it (ADR 0015): the console
/// with an API key, /me with a self-service token. Only ever redirects back into its own area (no open redirect).
/// </summary>
public abstract class SignInPageModel(WebSessions sessions, IStringLocalizer<SharedResource> l, SessionArea area, string home, SignInForm texts)
    : PageModel
{
    public SignInForm Form { get; private set; } = texts with { ReturnUrl = home };

    protected WebSessions Sessions => sessions;

    protected IStringLocalizer<SharedResource> Text => l;

    public void OnGet(string? returnUrl) => Form = texts with { ReturnUrl = Safe(returnUrl) };

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        try
        {
            await sessions.SignInAsync(HttpContext, area, Request.Form[texts.Field].ToString());
            return LocalRedirect(Safe(returnUrl));
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            Form = texts with { ReturnUrl = Safe(returnUrl), Error = Display.Error(l, ex.Errors[0]) };
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private string Safe(string? returnUrl) =>
        Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith(home, StringComparison.Ordinal) ? returnUrl : home;
}
