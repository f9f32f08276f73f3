using System.Globalization;
using System.Text;
using PublicCredit.Errors;

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

    public static string? Read(string field, string? raw, List<FieldError> errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Length > ObjectionFields.MaxLongText * 4)
        {
            return TooLong(field, raw.Length, errors);
        }

        var value = raw.Trim().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && c is not ('\n' or '\t')))
            {
                errors.Add(new FieldError(field, FieldCharacterInvalid, string.Create(CultureInfo.InvariantCulture,
                    $"{field} holds the character U+{(int)c:X4} at position {i + 1}, which is not text.")));
                return null;
            }
        }

        value = value.Normalize(NormalizationForm.FormC);
        if (value.Length == 0)
        {
            return null;
        }

        return value.Length > ObjectionFields.MaxLongText ? TooLong(field, value.Length, errors) : value;
    }

    private static string? TooLong(string field, int length, List<FieldError> errors)
    {
        errors.Add(new FieldError(field, FieldTooLong, string.Create(CultureInfo.InvariantCulture,
            $"{field} has {length} characters; at most {ObjectionFields.MaxLongText} are kept.")));
        return null;
    }
}
