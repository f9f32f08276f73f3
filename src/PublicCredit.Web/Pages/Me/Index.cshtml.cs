using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Objections;
using PublicCredit.Restorations;
using Microsoft.Extensions.Localization;
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
public sealed class IndexModel(
    ReadSubjectProfile read, ListSubjectInquiries inquiries, CreditCatalog catalog, FileObjection objections, ExportSubjectData export,
    SubmitRestoration restorations, TimeProvider clock,
    IStringLocalizer<SharedResource> l, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    /// <summary>Why the last objection was refused, next to the form of the designation it was for.</summary>
    public (Guid DesignationId, string Message)? ObjectionError { get; private set; }

    /// <summary>Why the last restoration application was refused, next to the form of the designation it was for.</summary>
    public (Guid DesignationId, string Message)? RestorationError { get; private set; }

    /// <summary>The application just submitted, with the working-day deadlines the department must keep (FACTS §8).</summary>
    public SubmittedRestoration? Submitted { get; private set; }

    public SubjectProfile? Profile { get; private set; }

    public IReadOnlyList<InquiryView> Inquiries { get; private set; } = [];

    public CreditCatalog Catalog => catalog;

    /// <summary>Today in China: a record is shown as public only within its publicity period (FACTS §4).</summary>
    public DateOnly Today => PublicCredit.Time.ChinaTime.Today(clock);

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

    /// <summary>
    /// The subject objects to a designation (issue 8 §5; API.md <c>POST /api/v1/objections</c> through the same use case):
    /// filing suspends it in the same request (DESIGN principle 4), so the page it returns to already shows it suspended.
    /// </summary>
    public async Task<IActionResult> OnPostObjectAsync(Guid designationId, string? grounds, string? evidence, CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        try
        {
            await objections.RunAsync(caller, new ObjectionInput(designationId.ToString(), null, grounds, evidence, []), cancellationToken);
            return LocalRedirect("/me#me-lists");
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.NotFound)
        {
            ObjectionError = (designationId, ex.Errors.Count > 0 ? Display.Error(l, ex.Errors[0]) : ex.Message);
            Response.StatusCode = ex.Kind == ErrorKind.Invalid ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            await OnGetAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>
    /// The subject applies for credit restoration of a list entry (API.md <c>POST /api/v1/restorations</c>, the same use
    /// case): a signed commitment, evidence, free of charge; the answer carries acceptBy / decideBy in working days.
    /// </summary>
    public async Task<IActionResult> OnPostRestoreAsync(Guid designationId, bool commitment, string? evidence, CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        try
        {
            Submitted = await restorations.RunAsync(caller, new RestorationInput(designationId, null, commitment, evidence, []), cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.NotFound)
        {
            // Too early: say from which day, in the page's language (FACTS §4 minimum publicity).
            var message = ex.Code == RestorationProblemCodes.TooEarly && ex.Extensions.GetValueOrDefault("earliestDate") is string day
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Me.Restore.TooEarly"], day)
                : ex.Errors.Count > 0 ? Display.Error(l, ex.Errors[0]) : ex.Message;
            RestorationError = (designationId, message);
            Response.StatusCode = ex.Kind == ErrorKind.Invalid ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    /// <summary>A copy of all data held about the subject, free (FACTS §9; the use case of <c>GET /api/v1/me/export</c>, logged the same way).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var data = await export.RunAsync(WebSessions.Current(HttpContext), null, cancellationToken);
        // The API's own JSON settings, so the download is exactly what GET /api/v1/me/export returns.
        return File(JsonSerializer.SerializeToUtf8Bytes(data, json.Value.SerializerOptions), "application/json", "my-credit-data.json");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await WebSessions.SignOutAsync(HttpContext, SessionArea.Me);
        return LocalRedirect("/me/signin");
    }
}
