using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;

namespace PublicCredit.Inquiries;

/// <summary>
/// Why a caller reads a subject's non-public data: one of the catalog's <c>purposes</c>, and an optional free-text note
/// (docs/domain.md#personal-information: each query is registered with who, when and its purpose; docs/design.md#7-privacy-by-default).
/// </summary>
/// <param name="Purpose">A catalog purpose code, or a fixed platform purpose (<c>self-service</c>, <c>designation</c>…).</param>
/// <param name="Note">The caller's free text beside the purpose, or null.</param>
public sealed record InquiryReason(string Purpose, string? Note = null);

/// <summary>
/// Why a caller reads a subject's non-public data (ADR 0045). Staff name one of the catalog's purposes
/// (<c>?purpose=</c>: the purpose decides what the catalog's sharing rules show) and may add free text as
/// <c>?note=</c>, one line of at most <see cref="NoteMaxLength"/> characters; both are logged in the inquiry. A subject
/// reading its own data needs no reason and is recorded as <see cref="SelfService"/>.
/// </summary>
public static class InquiryPurpose
{
    public const string Field = "purpose";
    public const string NoteField = "note";
    public const int NoteMaxLength = 200;
    public const string SelfService = "self-service";

    public const string RequiredCode = InquiryProblemCodes.PurposeRequired;
    public const string UnknownCode = InquiryProblemCodes.PurposeUnknown;
    public const string NoteTooLongCode = InquiryProblemCodes.NoteTooLong;
    public const string NoteInvalidCode = InquiryProblemCodes.NoteInvalid;

    /// <summary>The reason to record for <paramref name="caller"/>'s read, or the coded refusal (422).</summary>
    public static InquiryReason Require(Caller caller, CreditCatalog catalog, string? purpose, string? note)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(catalog);
        if (caller.SubjectId is not null)
        {
            return new InquiryReason(SelfService);
        }

        var code = purpose?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            throw DomainException.Invalid(Field, RequiredCode,
                $"Reading a subject's non-public data is an inquiry: say why with ?purpose= (one of {Allowed(catalog)}; it is logged and shown to the subject).");
        }

        if (!catalog.Purposes.TryGet(code, out var known))
        {
            throw DomainException.Invalid(Field, UnknownCode,
                $"The purpose is one of the catalog's purposes: {Allowed(catalog)}. Free text goes in ?note=.");
        }

        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new InquiryReason(known.Code);
        }

        if (text.Length > NoteMaxLength)
        {
            throw DomainException.Invalid(NoteField, NoteTooLongCode, $"A note has at most {NoteMaxLength} characters.");
        }

        if (text.Any(char.IsControl))
        {
            throw DomainException.Invalid(NoteField, NoteInvalidCode, "A note is one line of text without control characters.");
        }

        return new InquiryReason(known.Code, text);
    }

    private static string Allowed(CreditCatalog catalog) => string.Join(", ", catalog.Purposes.Select(p => p.Code));
}
