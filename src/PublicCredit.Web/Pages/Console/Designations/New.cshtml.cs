using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Web.Session;

namespace PublicCredit.Web.Pages.Console.Designations;

/// <summary>
/// A recorder proposes a designation (docs/web.md#what-each-page-shows; docs/api.md#designations <c>POST /api/v1/designations</c>): the same
/// <see cref="ProposeDesignation"/>; the answer shows the objection deadline in working days of the catalog calendar
/// (docs/design.md#3-notice-before-listing) and the subject's self-service token, shown this once, to send with the notice.
/// </summary>
public sealed class NewModel(ProposeDesignation propose, CreditCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly IReadOnlyList<(string Field, string Kind)> Fields =
    [
        (DesignationFields.SubjectId, "text"),
        (DesignationFields.SubjectName, "text"),
        (DesignationFields.NoticeDocument, "text"),
        (DesignationFields.Facts, "textarea"),
        (DesignationFields.LegalBasis, "textarea"),
        (DesignationFields.BasisRecordIds, "textarea"),
    ];

    private static readonly char[] IdSeparators = ['\n', '\r', ',', ' ', '\t'];

    public FormState Form { get; private set; } = new();

    public ProposedDesignation? Proposed { get; private set; }

    public int WindowDays { get; private set; }

    public string? FormError { get; private set; }

    /// <summary>The list types the caller's department designates (docs/domain.md#lists), the only ones it may propose.</summary>
    public IEnumerable<ListType> Lists =>
        catalog.ListTypes.Where(t => t.DesignatingDepartments.Contains(WebSessions.Current(HttpContext).Department ?? string.Empty, StringComparer.Ordinal));

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Form = FormState.From(Request.Form);
        // The entry fields of the list chosen (docs/catalog.md#entry-fields); another list's inputs are ignored.
        var entryFields = new List<KeyValuePair<string, string?>>();
        if (catalog.ListTypes.TryGet(Form.OrNull(DesignationFields.ListType) ?? string.Empty, out var chosen))
        {
            entryFields.AddRange(chosen.EntryFields
                .Select(f => new KeyValuePair<string, string?>(f.Code, Form.OrNull($"{DesignationFields.EntryFields}.{f.Code}")))
                .Where(f => f.Value is not null));
        }

        var input = new ProposalInput
        {
            ListType = Form.OrNull(DesignationFields.ListType),
            SubjectId = Form.OrNull(DesignationFields.SubjectId),
            SubjectName = Form.OrNull(DesignationFields.SubjectName),
            NoticeDocument = Form.OrNull(DesignationFields.NoticeDocument),
            Facts = Form.OrNull(DesignationFields.Facts),
            LegalBasis = Form.OrNull(DesignationFields.LegalBasis),
            // One record id per line (or separated by commas or spaces), as a recorder pastes them.
            EntryFields = entryFields,
            BasisRecordIds = [.. (Form.OrNull(DesignationFields.BasisRecordIds) ?? string.Empty)
                .Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries)],
        };
        try
        {
            Proposed = await propose.RunAsync(WebSessions.Current(HttpContext), input, cancellationToken);
            WindowDays = catalog.ListTypes.TryGet(input.ListType!, out var list) ? list.ObjectionWindow.Count : 0;
        }
        catch (DomainException ex) when (ex.Kind is ErrorKind.Invalid or ErrorKind.Forbidden)
        {
            if (ex.Errors.Count > 0)
            {
                // basisRecordIds[i] is shown under the one text area that holds every id.
                Form.Add(l, ex.Errors.Select(e => e.Field.StartsWith(DesignationFields.BasisRecordIds + "[", StringComparison.Ordinal)
                    ? e with { Field = DesignationFields.BasisRecordIds, Message = $"{e.Field}: {e.Message}" }
                    : e));
            }
            else
            {
                FormError = ex.Message;
            }

            Response.StatusCode = ex.Kind == ErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        }
    }
}
