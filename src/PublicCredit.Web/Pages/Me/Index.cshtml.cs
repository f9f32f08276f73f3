using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Subjects;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.SelfService;

/// <summary>
/// A subject's own page (API.md "Web pages": <c>/me</c>; FACTS §9): the full profile through
/// <see cref="ReadSubjectProfile"/> (records with versions, designations with status, measures in force and the list
/// and legal basis that put each in force) and who looked at it through <see cref="ListSubjectInquiries"/> — the very
/// use cases of <c>GET /api/v1/subjects/{id}</c> and <c>/inquiries</c> with the subject's own token. Reading it is
/// itself logged as a self-service inquiry, as on the API.
/// </summary>
public sealed class IndexModel(ReadSubjectProfile read, ListSubjectInquiries inquiries, CreditCatalog catalog) : PageModel
{
    public SubjectProfile? Profile { get; private set; }

    public IReadOnlyList<InquiryView> Inquiries { get; private set; } = [];

    public CreditCatalog Catalog => catalog;

    /// <summary>Even to the subject, an identity number is shown masked: the page may be on a shared screen (principle 7).</summary>
    public string ShownId => Profile is null ? string.Empty : SubjectId.Parse(Profile.Subject.Id, DateOnly.MaxValue).Masked;

    public string ListName(string code) => catalog.ListTypes.TryGet(code, out var list) ? list.Name.For(Display.Language) : code;

    public string CategoryName(string code) => catalog.Categories.TryGet(code, out var category) ? category.Name.For(Display.Language) : code;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        try
        {
            Profile = await read.RunAsync(caller, caller.SubjectId!, purpose: null, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            // A token for an identifier the platform holds nothing about: say so, with who asked about it anyway.
            Profile = null;
        }

        Inquiries = await inquiries.RunAsync(caller, caller.SubjectId!, limit: null, cancellationToken);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await WebSessions.SignOutAsync(HttpContext, SessionArea.Me);
        return LocalRedirect("/me/signin");
    }
}
