using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PublicCredit.Web.Pages;

/// <summary>The privacy notice every public page links to in its footer (docs/web.md#what-each-page-shows): what is public, reads, cookies, rights.</summary>
public sealed class PrivacyModel : PageModel
{
}
