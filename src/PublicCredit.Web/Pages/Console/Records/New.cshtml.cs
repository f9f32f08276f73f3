using System.Globalization;
using System.Net;
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

    private Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public CreditCatalog Catalog => catalog;

    /// <summary>The categories the signed-in department provides (docs/catalog.md#providers-and-sharing): the only ones offered.</summary>
    public IEnumerable<Category> ProvidedCategories => catalog.Categories.Where(c => catalog.Provides(Department, c));

    public string Department { get; private set; } = string.Empty;

    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public string? Outcome { get; private set; }

    public string? FormError { get; private set; }

    public static string InputId(string field) => field.Replace('.', '-');

    public string? Value(string field) => values.GetValueOrDefault(field);

    public (string Id, IReadOnlyList<string> Messages) ErrorsFor(string field) =>
        (InputId(field), Errors.TryGetValue(field, out var list) ? list : []);

    /// <summary>aria-describedby (hint and error) and aria-invalid for an input, as raw attribute text.</summary>
    public string Aria(string field)
    {
        var id = InputId(field);
        var described = Errors.ContainsKey(field) ? $"{id}-hint {id}-error" : $"{id}-hint";
        return $"aria-describedby=\"{WebUtility.HtmlEncode(described)}\"" + (Errors.ContainsKey(field) ? " aria-invalid=\"true\"" : string.Empty);
    }

    public void OnGet() => Department = WebSessions.Current(HttpContext).Department ?? string.Empty;

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var caller = WebSessions.Current(HttpContext);
        Department = caller.Department ?? string.Empty;
        values = Request.Form.Keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal))
            .ToDictionary(k => k, k => (string?)Request.Form[k].ToString(), StringComparer.Ordinal);
        var input = new RecordInput
        {
            Category = Blank(RecordFields.Category),
            SubjectId = Blank(RecordFields.SubjectId),
            SubjectName = Blank(RecordFields.SubjectName),
            DocumentNumber = Blank(RecordFields.DocumentNumber),
            DecisionDate = Blank(RecordFields.DecisionDate),
            Severity = Blank(RecordFields.Severity),
            LegalBasis = Blank(RecordFields.LegalBasis),
            Facts = Blank(RecordFields.Facts),
            Content = Blank(RecordFields.Content),
            Amount = Blank(RecordFields.Amount),
            LegalRepresentative = Blank(RecordFields.LegalRepresentative),
            PublicUntil = Blank(RecordFields.PublicUntil),
        };

        try
        {
            var outcome = (await submit.RunAsync(caller, [input], cancellationToken))[0];
            switch (outcome.Status)
            {
                case SubmissionStatus.Created:
                    Outcome = string.Format(CultureInfo.CurrentCulture, l["RecordForm.Created"], outcome.Id);
                    values.Clear();
                    break;
                case SubmissionStatus.Unchanged:
                    Outcome = string.Format(CultureInfo.CurrentCulture, l["RecordForm.Unchanged"], outcome.Id);
                    break;
                default:
                    foreach (var error in outcome.Errors ?? [])
                    {
                        var field = values.ContainsKey(error.Field) || error.Field == RecordFields.Category ? error.Field : string.Empty;
                        if (!Errors.TryGetValue(field, out var list))
                        {
                            Errors[field] = list = [];
                        }

                        list.Add(Display.Error(l, error));
                    }

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

    /// <summary>An empty input is an absent field, as in a JSON body without it.</summary>
    private string? Blank(string field) => string.IsNullOrWhiteSpace(Value(field)) ? null : Value(field);
}
