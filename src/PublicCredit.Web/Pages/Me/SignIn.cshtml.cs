using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.SelfService;

/// <summary>A subject signs in with its self-service token (API.md "Web pages": <c>/me</c>; `pcredit subjects token` or the designation notice).</summary>
public sealed class SignInModel(WebSessions sessions, IStringLocalizer<SharedResource> l) : PageModel
{
    public SignInForm Form { get; private set; } = Blank("/me", null);

    public void OnGet(string? returnUrl) => Form = Blank(Safe(returnUrl), null);

    public async Task<IActionResult> OnPostAsync(string? token, string? returnUrl)
    {
        try
        {
            await sessions.SignInAsync(HttpContext, SessionArea.Me, token);
            return LocalRedirect(Safe(returnUrl));
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            Form = Blank(Safe(returnUrl), Display.Error(l, ex.Errors[0]));
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private static SignInForm Blank(string returnUrl, string? error) =>
        new("Me.SignInTitle", "Me.SignInLead", "Me.TokenLabel", "Me.TokenHint", "token", error, returnUrl);

    /// <summary>Only back into /me: never an address outside the site (open redirect).</summary>
    private string Safe(string? returnUrl) =>
        Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith("/me", StringComparison.Ordinal) ? returnUrl : "/me";
}
