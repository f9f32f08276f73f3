using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Catalog;

namespace PublicCredit.Web.Pages.CatalogPages;

/// <summary>
/// The rules of the platform as the loaded catalog states them (docs/web.md#lists-catalog-and-home: <c>/catalog</c>), the same
/// catalog <c>GET /api/v1/catalog</c> serves: categories with their publicity periods, list standards with their comment
/// periods, measures with their legal basis and binding, memoranda with their signatory departments.
/// </summary>
public sealed class IndexModel(CreditCatalog catalog) : PageModel
{
    public CreditCatalog Catalog => catalog;
}
