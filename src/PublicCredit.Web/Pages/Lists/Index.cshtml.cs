using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Catalog;
using PublicCredit.Profiles;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Web.Pages.Lists;

/// <summary>
/// Every red and black list of the catalog (docs/web.md#lists-catalog-and-home: <c>/lists</c>): its legal basis, designation
/// standard, term and how an entry ends, with the number of entries the public sees now (the home page's counts).
/// </summary>
public sealed class IndexModel(CreditCatalog catalog, PortalSummaryCache counts) : PageModel
{
    public CreditCatalog Catalog => catalog;

    public PortalSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Summary = await counts.GetAsync(cancellationToken);
}
