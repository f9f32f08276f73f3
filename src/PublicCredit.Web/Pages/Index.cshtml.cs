using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Profiles;
using PublicCredit.Time;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Security;

namespace PublicCredit.Web.Pages;

/// <summary>
/// The portal's home and search (docs/api.md#web-pages: <c>/</c>, <c>/?q=</c>): the same use case as
/// <c>GET /api/v1/public/subjects</c> as the public caller, so the page can never show more than the API. Without a
/// search it says who runs the platform and what it holds (docs/web.md#what-each-page-shows).
/// </summary>
public sealed class IndexModel(SearchPublicSubjects search, IStringLocalizer<SharedResource> l, TimeProvider clock, PublicRateLimits limits,
    PortalSummaryCache counts, CreditCatalog catalog) : PageModel
{
    public CreditCatalog Catalog => catalog;

    /// <summary>What the platform holds (home page without a search): counts at most a minute old, latest licences and penalties.</summary>
    public PortalSummary? Summary { get; private set; }

    public string? Query { get; private set; }

    /// <summary>The query as the page repeats it: a resident ID number only masked, and not put back in the box (principle 7).</summary>
    public string? ShownQuery { get; private set; }

    public string? BoxValue { get; private set; }

    public PublicSearchPage? Results { get; private set; }

    public int Pages => Results is null ? 0 : Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    /// <summary>The total as the heading states it: "200+" where counting stopped at the cap (ADR 0046).</summary>
    public string ShownTotal => Results is null
        ? string.Empty
        : Results.TotalIsLowerBound
            ? Results.Total.ToString("N0", System.Globalization.CultureInfo.CurrentCulture) + "+"
            : Results.Total.ToString(System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>The number of pages as the pager states it, "50+" past the cap.</summary>
    public string ShownPages => Results is { TotalIsLowerBound: true }
        ? Math.Max(Pages, Results.Page).ToString(System.Globalization.CultureInfo.CurrentCulture) + "+"
        : Pages.ToString(System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>Whether a next page may hold more: within the counted pages, or past the cap while pages come full.</summary>
    public bool HasNext => Results is not null && (Results.Page < Pages
        || (Results.TotalIsLowerBound && Results.Items.Count == Results.PageSize && Results.Page < SearchPublicSubjects.MaxPage));

    public string? Error { get; private set; }

    /// <summary>The stable code of <see cref="Error"/>, written into the page for tools and tests.</summary>
    public string? ErrorCode { get; private set; }

    // "page" is Razor Pages' own route value (the page's name): the page number is bound from the query by name.
    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (q is null)
        {
            Summary = await counts.GetAsync(cancellationToken);
            return;
        }

        Query = q.Trim();
        var isPerson = SubjectId.TryParse(Query, ChinaTime.Today(clock), out var id) && id.Kind == SubjectKind.Individual;
        ShownQuery = isPerson ? id!.Masked : Query;
        BoxValue = isPerson ? null : Query;
        if (limits.Search(HttpContext) is { } retry)
        {
            // Counted with the API's searches (ADR 0038); the page says so in its own words, not as an error page.
            Error = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Search.RateLimited"], retry);
            ErrorCode = PublicRateLimits.SearchLimited;
            PublicRateLimits.SetRetryAfter(HttpContext, retry);
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status429TooManyRequests;
            return;
        }

        try
        {
            Results = await search.RunAsync(Caller.Public, q, pageNumber, asOf: null, purpose: null, note: null, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            var error = ex.Errors.Count > 0 ? ex.Errors[0] : new FieldError("q", ex.Code, ex.Message);
            Error = Display.Error(l, error);
            ErrorCode = error.Code;
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
        }
    }
}
