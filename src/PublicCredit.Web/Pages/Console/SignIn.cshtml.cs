using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console;

/// <summary>Staff sign in with their department's API key (API.md "Web pages": <c>/console</c>); the key is checked as the API checks it.</summary>
public sealed class SignInModel(WebSessions sessions, IStringLocalizer<SharedResource> l) : PageModel
{
    public SignInForm Form { get; private set; } = Blank("/console", null);

    public void OnGet(string? returnUrl) => Form = Blank(Safe(returnUrl), null);

    public async Task<IActionResult> OnPostAsync(string? apiKey, string? returnUrl)
    {
        try
        {
            await sessions.SignInAsync(HttpContext, SessionArea.Console, apiKey);
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
        new("Console.SignInTitle", "Console.SignInLead", "Console.KeyLabel", "Console.KeyHint", "apiKey", error, returnUrl);

    /// <summary>Only back into the console: never an address outside the site (open redirect).</summary>
    private string Safe(string? returnUrl) =>
        Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith("/console", StringComparison.Ordinal) ? returnUrl : "/console";
}
