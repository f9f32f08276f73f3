using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Records;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Records;

/// <summary>
/// Record entry for a recorder (docs/web.md#what-each-page-shows): the form posts to the same <see cref="SubmitRecords"/> as
/// <c>POST /api/v1/records</c>, and each field error of the domain (<see cref="FieldError"/>, by the API's field name)
/// is shown next to its input, linked from a summary at the top, in the page's language where a text exists.
/// </summary>
public sealed class NewModel(SubmitRecords submit, CreditCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The inputs after the category, by API field name (RecordFields), with their input type.</summary>
    public static readonly IReadOnlyList<(string Field, string Kind)> TextFields =
    [
        (RecordFields.SubjectId, "text"),
        (RecordFields.SubjectName, "text"),
        (RecordFields.DocumentNumber, "text"),
        (RecordFields.DecisionDate, "date"),
        (RecordFields.Severity, "severity"),
        (RecordFields.LegalBasis, "textarea"),
        (RecordFields.Facts, "textarea"),
        (RecordFields.Content, "textarea"),
        (RecordFields.Amount, "text"),
        (RecordFields.LegalRepresentative, "text"),
        (RecordFields.PublicUntil, "date"),
    ];

    public static readonly IReadOnlySet<string> Optional = new HashSet<string>(StringComparer.Ordinal)
    {
        RecordFields.Severity, RecordFields.Facts, RecordFields.Content, RecordFields.Amount, RecordFields.LegalRepresentative, RecordFields.PublicUntil,
    };

    /// <summary>What was posted and the domain's errors under their fields (the same <see cref="FormState"/> as every form page).</summary>
    private FormState form = new();

    public CreditCatalog Catalog => catalog;

    /// <summary>The categories the signed-in department provides (docs/catalog.md#providers-and-sharing): the only ones offered.</summary>
    public IEnumerable<Category> ProvidedCategories => catalog.Categories.Where(c => catalog.Provides(Department, c));

    public string Department { get; private set; } = string.Empty;

    public Dictionary<string, List<string>> Errors => form.Errors;

    public string? Outcome { get; private set; }

    public string? FormError { get; private set; }

    public static string InputId(string field) => FormState.InputId(field);

    public string? Value(string field) => form.Value(field);

    public (string Id, IReadOnlyList<string> Messages) ErrorsFor(string field) => form.ErrorsFor(field);

    /// <summary>aria-describedby (hint and error) and aria-invalid for an input, as raw attribute text.</summary>
    public string Aria(string field) => form.Aria(field);

    public void OnGet() => Department = WebSessions.Current(HttpContext).Department ?? string.Empty;

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        Department = caller.Department ?? string.Empty;
        form = FormState.From(Request.Form);
        var input = new RecordInput
        {
            Category = form.OrNull(RecordFields.Category),
            SubjectId = form.OrNull(RecordFields.SubjectId),
            SubjectName = form.OrNull(RecordFields.SubjectName),
            DocumentNumber = form.OrNull(RecordFields.DocumentNumber),
            DecisionDate = form.OrNull(RecordFields.DecisionDate),
            Severity = form.OrNull(RecordFields.Severity),
            LegalBasis = form.OrNull(RecordFields.LegalBasis),
            Facts = form.OrNull(RecordFields.Facts),
            Content = form.OrNull(RecordFields.Content),
            Amount = form.OrNull(RecordFields.Amount),
            LegalRepresentative = form.OrNull(RecordFields.LegalRepresentative),
            PublicUntil = form.OrNull(RecordFields.PublicUntil),
        };

        try
        {
            var outcome = (await submit.RunAsync(caller, [input], cancellationToken))[0];
            switch (outcome.Status)
            {
                case SubmissionStatus.Created:
                    Outcome = string.Format(CultureInfo.CurrentCulture, l["RecordForm.Created"], outcome.Id);
                    form = new FormState();
                    break;
                case SubmissionStatus.Unchanged:
                    Outcome = string.Format(CultureInfo.CurrentCulture, l["RecordForm.Unchanged"], outcome.Id);
                    break;
                default:
                    form.Add(l, outcome.Errors ?? []);
                    Response.StatusCode = outcome.NotProvided is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status403Forbidden;
                    break;
            }
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Forbidden or ErrorKind.Invalid)
        {
            FormError = ex.Kind == ErrorKind.Forbidden ? l["RecordForm.Forbidden"] : ex.Message;
            Response.StatusCode = ex.Kind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        }
    }

}
