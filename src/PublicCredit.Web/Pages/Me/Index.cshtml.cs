using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Objections;
using PublicCredit.Restorations;
using PublicCredit.Profiles;
using PublicCredit.Web.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.SelfService;

/// <summary>
/// A subject's own page (docs/api.md#web-pages: <c>/me</c>; docs/domain.md#personal-information): the full profile through
/// <see cref="ReadSubjectProfile"/> (records with versions, designations with status, measures in force and the list
/// entry, memorandum and legal basis that put each in force, objections and restoration applications), its own
/// designations in full through <see cref="ReadDesignation"/> (notice, statements) and who looked at it through
/// <see cref="ListSubjectInquiries"/> — the very use cases of the API with the subject's own token. Reading it is
/// itself logged as a self-service inquiry, as on the API. Its forms run the API's use cases too: a statement
/// (<see cref="FileStatement"/>), an objection against a list entry or a record (<see cref="FileObjection"/>), a
/// restoration application (<see cref="SubmitRestoration"/>). One page with a table of contents (ADR 0021 §1).
/// </summary>
public sealed class IndexModel(
    ReadSubjectProfile read, ListSubjectInquiries inquiries, ReadDesignation designations, CreditCatalog catalog,
    FileStatement statements, FileObjection objections, SubmitRestoration restorations, ExportSubjectData export, TimeProvider clock,
    IStringLocalizer<SharedResource> l, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    /// <summary>The form that was refused (<see cref="FormId"/>): it comes back open, with what was typed and the errors next to the fields.</summary>
    public string? RefusedForm { get; private set; }

    public FormState Refused { get; private set; } = new();

    public SubjectProfile? Profile { get; private set; }

    /// <summary>The subject's own designations in full (notice, statements on file), by id.</summary>
    public IReadOnlyDictionary<Guid, DesignationView> Own { get; private set; } = new Dictionary<Guid, DesignationView>();

    public IReadOnlyList<InquiryView> Inquiries { get; private set; } = [];

    /// <summary>The application just submitted (<c>?applied=</c> after the redirect), announced with its deadlines.</summary>
    public RestorationSummary? Applied { get; private set; }

    public CreditCatalog Catalog => catalog;

    /// <summary>Today in China: a record is shown as public only within its publicity period (docs/domain.md#publicity-periods).</summary>
    public DateOnly Today => PublicCredit.Time.ChinaTime.Today(clock);

    /// <summary>Even to the subject, an identity number is shown masked: the page may be on a shared screen (principle 7).</summary>
    public string ShownId => Profile is null ? string.Empty : SubjectId.Parse(Profile.Subject.Id, DateOnly.MaxValue).Masked;

    public static string FormId(string kind, Guid target) => kind + "-" + target.ToString("N");

    /// <summary>What the given form shows: the refused submission for that form, else nothing typed yet.</summary>
    public FormState FormFor(string formId) => formId == RefusedForm ? Refused : new FormState();

    public string ListName(string code) => catalog.ListTypes.TryGet(code, out var list) ? list.Name.For(Display.Language) : code;

    public string CategoryName(string code) => catalog.Categories.TryGet(code, out var category) ? category.Name.For(Display.Language) : code;

    public string MatterName(string code) => catalog.Matters.TryGet(code, out var matter) ? matter.Name.For(Display.Language) : code;

    public Memorandum? MemorandumOf(string code) => catalog.Memoranda.TryGet(code, out var memorandum) ? memorandum : null;

    public IEnumerable<ObjectionView> ObjectionsAbout(Guid? designationId, Guid? recordId) =>
        Profile?.Objections.Where(o => (designationId is not null && o.Target.DesignationId == designationId)
                                       || (recordId is not null && o.Target.RecordId == recordId)) ?? [];

    public IEnumerable<RestorationSummary> RestorationsOf(Guid? designationId, Guid? recordId) =>
        Profile?.Restorations.Where(r => (designationId is not null && r.Target.DesignationId == designationId)
                                         || (recordId is not null && r.Target.RecordId == recordId)) ?? [];

    /// <summary>A record objected to is out of every public view while the objection is open, and for good once upheld (ADR 0013).</summary>
    public string? ObjectionState(Guid recordId) =>
        ObjectionsAbout(null, recordId).Select(o => o.Status).FirstOrDefault(s => s is "open" or "upheld");

    /// <summary>
    /// "Until 2026-12-07 — 10 working days left" on the catalog calendar (docs/domain.md#deadlines-and-working-days, docs/design.md#9-time-is-an-input); a deadline
    /// beyond the calendar's years says only the date rather than guess.
    /// </summary>
    public string Deadline(DateOnly deadline)
    {
        var date = Display.Date(deadline);
        if (deadline < Today)
        {
            return date + " — " + l["Me.Deadline.Passed"];
        }

        if (deadline == Today)
        {
            return date + " — " + l["Me.Deadline.Today"];
        }

        try
        {
            return date + " — " + string.Format(CultureInfo.CurrentCulture, l["Me.Deadline.Left"], catalog.Calendar.WorkingDaysBetween(Today, deadline));
        }
        catch (DomainException)
        {
            return date;
        }
    }

    public async Task OnGetAsync(Guid? applied, CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        try
        {
            Profile = await read.RunAsync(caller, caller.SubjectId!, purpose: null, note: null, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            // A token for an identifier the platform holds nothing about: say so, with who asked about it anyway.
            Profile = null;
        }

        var own = new Dictionary<Guid, DesignationView>();
        foreach (var d in Profile?.Designations.Where(d => d.Through == "subject") ?? [])
        {
            own[d.Id] = await designations.RunAsync(caller, d.Id, cancellationToken); // the subject's own read: no inquiry
        }

        Own = own;
        Applied = Profile?.Restorations.FirstOrDefault(r => r.Id == applied);
        Inquiries = await inquiries.RunAsync(caller, caller.SubjectId!, limit: null, purpose: null, note: null, cancellationToken);
    }

    /// <summary>
    /// The subject states its case on a noticed designation (docs/domain.md#lists 陈述申辩; docs/api.md
    /// <c>POST /api/v1/designations/{id}/statements</c>, the same use case): it is listed with its time at once.
    /// </summary>
    public async Task<IActionResult> OnPostStatementAsync(Guid designationId, CancellationToken cancellationToken)
    {
        var form = FormState.From(Request.Form);
        try
        {
            await statements.RunAsync(WebSessions.Current(HttpContext), designationId,
                new StatementInput(form.Value(DesignationFields.Statement), form.Value(DesignationFields.Evidence), []), cancellationToken);
            return LocalRedirect($"/me#designation-{designationId:N}");
        }
        catch (DomainException ex) when (IsRefusal(ex))
        {
            return await RefusedAsync(FormId("statement", designationId), form, ex, null, cancellationToken);
        }
    }

    /// <summary>
    /// The subject objects to a designation or a record (docs/api.md#objections <c>POST /api/v1/objections</c> through the same use
    /// case): filing suspends it in the same request (docs/design.md#4-an-objection-suspends-at-once), so the page it returns to already shows the
    /// entry suspended, or the record out of publication.
    /// </summary>
    public async Task<IActionResult> OnPostObjectAsync(Guid? designationId, Guid? recordId, CancellationToken cancellationToken)
    {
        var form = FormState.From(Request.Form);
        var target = designationId ?? recordId ?? Guid.Empty;
        try
        {
            await objections.RunAsync(WebSessions.Current(HttpContext), new ObjectionInput(designationId?.ToString(), recordId?.ToString(),
                form.Value(ObjectionFields.Grounds), form.Value(ObjectionFields.Evidence), []), cancellationToken);
            return LocalRedirect(designationId is not null ? $"/me#designation-{target:N}" : $"/me#record-{target:N}");
        }
        catch (DomainException ex) when (IsRefusal(ex))
        {
            return await RefusedAsync(FormId(designationId is not null ? "object" : "object-record", target), form, ex, null, cancellationToken);
        }
    }

    /// <summary>
    /// The subject applies for credit restoration of a list entry or a record (docs/api.md#restorations-and-removal <c>POST /api/v1/restorations</c>,
    /// the same use case): a signed commitment, evidence, free of charge; the page then says by when the department
    /// must accept and decide, in working days (docs/domain.md#objections-and-restoration).
    /// </summary>
    public async Task<IActionResult> OnPostRestoreAsync(Guid? designationId, Guid? recordId, bool commitment, CancellationToken cancellationToken)
    {
        var form = FormState.From(Request.Form).Expecting(RestorationJson.Commitment);
        var target = designationId ?? recordId ?? Guid.Empty;
        try
        {
            var submitted = await restorations.RunAsync(WebSessions.Current(HttpContext),
                new RestorationInput(designationId, recordId, commitment, form.OrNull(RestorationJson.Evidence), []), cancellationToken);
            return LocalRedirect($"/me?applied={submitted.Id}#restoration-{submitted.Id:N}");
        }
        catch (DomainException ex) when (IsRefusal(ex))
        {
            // Too early: say from which day, in the page's language (docs/domain.md#publicity-periods minimum publicity).
            var tooEarly = ex.Code == RestorationProblemCodes.TooEarly && ex.Extensions.GetValueOrDefault("earliestDate") is string day
                ? string.Format(CultureInfo.CurrentCulture, l["Me.Restore.TooEarly"], day)
                : null;
            return await RefusedAsync(FormId(designationId is not null ? "restore" : "restore-record", target), form, ex, tooEarly, cancellationToken);
        }
    }

    /// <summary>A copy of all data held about the subject, free (docs/domain.md#personal-information; the use case of <c>GET /api/v1/me/export</c>, logged the same way).</summary>
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

    private static bool IsRefusal(DomainException ex) => ex.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.NotFound or ErrorKind.Forbidden;

    /// <summary>
    /// A refused form comes back open with what was typed, each field error under its field and anything else at the
    /// form (common brief "Web work"; the console's <see cref="FormState"/>), with the API's status code.
    /// </summary>
    private async Task<IActionResult> RefusedAsync(string formId, FormState form, DomainException ex, string? message, CancellationToken cancellationToken)
    {
        RefusedForm = formId;
        Refused = form;
        if (message is null && ex.Errors.Count > 0)
        {
            form.Add(l, ex.Errors);
        }
        else
        {
            form.Errors[string.Empty] = [message ?? Display.Refusal(l, ex)];
        }

        Response.StatusCode = ProblemMapping.StatusOf(ex.Kind);
        await OnGetAsync(null, cancellationToken);
        return Page();
    }
}
