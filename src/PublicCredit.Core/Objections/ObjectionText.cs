using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Objections;

/// <summary>
/// Normalises the free text of objections as records and designations do (ADR 0006 §8): trimmed, CR LF → LF, NFC,
/// empty → absent; refused when longer than <see cref="ObjectionFields.MaxLongText"/> or holding control characters
/// (other than line feed and tab), lone surrogates or NUL (PostgreSQL cannot store NUL). Normalised text is also what
/// "the same filing again" compares (ADR 0013 §2), so a retry with other line endings is still the same filing.
/// </summary>
internal static class ObjectionText
{
    public const string FieldTooLong = ObjectionProblemCodes.FieldTooLong;
    public const string FieldCharacterInvalid = ObjectionProblemCodes.FieldCharacterInvalid;

    private static readonly FreeTextCodes Codes = new(FieldTooLong, FieldCharacterInvalid);

    public static string? Read(string field, string? raw, List<FieldError> errors) =>
        FreeText.Normalise(field, raw, ObjectionFields.MaxLongText, multiLine: true, Codes, errors);
}
