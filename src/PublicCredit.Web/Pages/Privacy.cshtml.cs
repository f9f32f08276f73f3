using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Web.Pages;

/// <summary>The privacy notice every public page links to in its footer (docs/web.md#what-each-page-shows): what is public, reads, cookies, rights, and the operator responsible when the settings name one.</summary>
public sealed class PrivacyModel(HostSettings settings) : PageModel
{
    public OperatorContact? Operator => settings.Operator;
}
