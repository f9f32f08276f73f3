using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Profiles;

namespace PublicCredit.Web.Pages.Lists;

/// <summary>
/// One list (docs/web.md#lists-catalog-and-home: <c>/lists/{code}</c>): its rules and the entries the public sees now, by the very use
/// case of <c>GET /api/v1/public/lists/{listType}</c> (<see cref="ReadPublicList"/>), narrowed by region, department and
/// date. <c>?format=csv</c> / <c>ndjson</c> goes to the download of the same selection.
/// </summary>
public sealed class ListModel(ReadPublicList read, CreditCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    public CreditCatalog Catalog => catalog;

    public ListType? List { get; private set; }

    public PublicListPage? Entries { get; private set; }

    public string? Region { get; private set; }

    public string? Department { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    /// <summary>A refused filter or page, by field (region, department, from, to, page).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public int Pages => Entries is null ? 0 : Math.Max(1, (Entries.Total + Entries.PageSize - 1) / Entries.PageSize);

    // "page" is Razor Pages' own route value (the page's name): the page number is bound from the query by name.
    public async Task<IActionResult> OnGetAsync(string code, string? region, string? department, string? from, string? to,
        [FromQuery(Name = "page")] string? pageNumber, string? format, CancellationToken cancellationToken)
    {
        if (!catalog.ListTypes.TryGet(code, out var list))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        List = list;
        (Region, Department, From, To) = (region?.Trim(), department?.Trim(), from?.Trim(), to?.Trim());
        if (format is "csv" or "ndjson")
        {
            return Redirect(DownloadHref(format));
        }

        try
        {
            var filter = PublicListFilter.Parse(region, department, from, to, catalog);
            Entries = await read.RunAsync(list.Code, pageNumber, filter, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            foreach (var error in ex.Errors)
            {
                Errors[error.Field] = Display.Error(l, error);
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    /// <summary>The filters as a query string (without <c>?</c>), blank ones left out.</summary>
    public string FilterQuery()
    {
        var parts = new List<string>();
        Add(parts, PublicListFilter.RegionField, Region);
        Add(parts, PublicListFilter.DepartmentField, Department);
        Add(parts, PublicListFilter.FromField, From);
        Add(parts, PublicListFilter.ToField, To);
        return string.Join('&', parts);
    }

    public string DownloadHref(string format)
    {
        var query = FilterQuery();
        return $"/lists/{Uri.EscapeDataString(List!.Code)}.{format}" + (query.Length == 0 ? string.Empty : "?" + query);
    }

    public string PageHref(int number)
    {
        var query = FilterQuery();
        return $"/lists/{Uri.EscapeDataString(List!.Code)}?" + (query.Length == 0 ? string.Empty : query + "&") + "page=" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
