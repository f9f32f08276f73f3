using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Profiles;

namespace PublicCredit.Web.Pages.Portal;

/// <summary>
/// The public profile page (docs/api.md#web-pages: <c>/public/subjects/{subjectId}</c>): the very use case of
/// <c>GET /api/v1/public/subjects/{id}</c> as the public caller — records in their publicity period, effective list
/// entries with their decision summary, identity numbers masked (docs/design.md#7-privacy-by-default). An id that is malformed, unknown
/// or has nothing public answers the same 404 page, as the API does, so the page cannot be used to probe.
/// </summary>
public sealed class ProfileModel(ReadPublicProfile read, CreditCatalog catalog) : PageModel
{
    public PublicProfile? Profile { get; private set; }

    public CreditCatalog Catalog => catalog;

    public async Task<IActionResult> OnGetAsync(string subjectId, CancellationToken cancellationToken)
    {
        try
        {
            Profile = await read.RunAsync(Caller.Public, subjectId, asOf: null, purpose: null, note: null, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.NotFound or ErrorKind.Invalid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        // Asked by a resident ID number (or a code in another spelling): the page lives at the public id, so the
        // number leaves the address bar, the history and every link on the page (docs/design.md#7-privacy-by-default).
        return string.Equals(subjectId, Profile.Subject.Id, StringComparison.Ordinal)
            ? Page()
            : Redirect("/public/subjects/" + Uri.EscapeDataString(Profile.Subject.Id));
    }
}
