using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Designations;

/// <summary>
/// The department's designations by status with the deadlines that matter in each (docs/web.md#what-each-page-shows), through
/// <see cref="ListDesignations"/> — the use case of <c>GET /api/v1/designations?status=&amp;page=</c>, so the page lists
/// exactly what the API does (role, department scope, overdue, inquiries) — and the box that opens one by its id.
/// Staff of other roles keep the box; the list is for the recorders and reviewers who work designations.
/// </summary>
public sealed class IndexModel(ListDesignations list, CreditCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    public bool Error { get; private set; }

    public DesignationListPage? List { get; private set; }

    public string? Status { get; private set; }

    public string? FilterError { get; private set; }

    public int Pages => List is null ? 0 : Math.Max(1, (List.Total + List.PageSize - 1) / List.PageSize);

    public string ListName(string code) =>
        catalog.ListTypes.TryGet(code, out var type) ? type.Name.For(Display.Language) : code;

    /// <summary>The address of a page of the list under the current filter.</summary>
    public string Href(string? status, int page) =>
        "/console/designations" + (status, page) switch
        {
            (null, 1) => "",
            (null, _) => $"?page={page}",
            (_, 1) => "?status=" + Uri.EscapeDataString(status),
            _ => $"?status={Uri.EscapeDataString(status)}&page={page}",
        };

    public async Task<IActionResult> OnGetAsync(string? id, string? status, CancellationToken cancellationToken)
    {
        // "page" is Razor Pages' own route value (the page's name), so the page number is read from the query itself.
        var page = Request.Query["page"].ToString();
        if (id is not null)
        {
            if (Guid.TryParse(id.Trim(), out var parsed))
            {
                return LocalRedirect("/console/designations/" + parsed.ToString());
            }

            Error = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        Status = string.IsNullOrWhiteSpace(status) ? null : status.Trim();
        try
        {
            List = await list.RunAsync(WebSessions.Current(HttpContext), Status, page, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Invalid)
        {
            FilterError = ex.Errors.Count > 0 ? Display.Error(l, ex.Errors[0]) : ex.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.Forbidden)
        {
            // Checkers and auditors open a designation by id; the department's work list is not theirs.
        }

        return Page();
    }
}
