using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Errors;
using PublicCredit.Objections;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Objections;

/// <summary>
/// A reviewer's objection queue (docs/web.md#what-each-page-shows; docs/domain.md#objections-and-restoration): the department's open objections by review deadline, overdue
/// ones marked, each with the resolution form — the same <see cref="ListObjections"/> and <see cref="ResolveObjection"/>
/// as <c>GET /api/v1/objections?status=open</c> and <c>POST /api/v1/objections/{id}/resolve</c>, so the page enforces
/// nothing of its own (role and department scope are the use cases', and each subject shown is logged as an inquiry).
/// </summary>
public sealed class IndexModel(ListObjections list, ResolveObjection resolve, IStringLocalizer<SharedResource> l) : PageModel
{
    public ObjectionPage Queue { get; private set; } = new([], 0, 1, 0);

    /// <summary>Why the last resolution was refused, next to the objection it was for.</summary>
    public (Guid Id, string Message)? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Queue = await list.RunAsync(WebSessions.Current(HttpContext), "open", null, cancellationToken);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, string? outcome, string? reasons, CancellationToken cancellationToken)
    {
        try
        {
            await resolve.RunAsync(WebSessions.Current(HttpContext), id, new ResolutionInput(outcome, reasons, []), cancellationToken);
            return LocalRedirect("/console/objections");
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            Error = (id, ex.Errors.Count > 0 ? Display.Error(l, ex.Errors[0]) : ex.Message);
            Response.StatusCode = ex.Kind == ErrorKind.Invalid ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            await OnGetAsync(cancellationToken);
            return Page();
        }
    }
}
