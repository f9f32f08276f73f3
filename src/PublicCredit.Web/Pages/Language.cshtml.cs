using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Web.Pages;

/// <summary>The page's language switch (docs/api.md#web-pages): kept in a cookie for a year; back to the page it came from.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = WebPortal.Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase)) ?? WebPortal.Cultures[0];
        Response.Cookies.Append(WebPortal.CultureCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/" });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
