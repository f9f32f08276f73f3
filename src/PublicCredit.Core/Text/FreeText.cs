using System.Globalization;
using System.Text;
using PublicCredit.Errors;

namespace PublicCredit.Text;

/// <summary>The two codes a capability answers for its free text: too long, and holding a character that is not text.</summary>
public sealed record FreeTextCodes(string TooLong, string CharacterInvalid);

/// <summary>
/// Free text as every capability takes it (ADR 0006 §8): trimmed; in multi-line fields CR LF and CR become LF; Unicode
/// NFC; empty becomes absent. Refused, with the capability's code and the field, when longer than its limit (a value
/// over four times the limit is refused before it is copied) or when it holds a control character (line feed and tab
/// only in multi-line fields), a lone UTF-16 surrogate or U+FFFE/U+FFFF — PostgreSQL cannot even store NUL. Records,
/// designations, objections and restorations all read their text through here, so "the same text" means the same
/// thing everywhere (an objection filed again with other line endings is the same filing).
/// </summary>
public static class FreeText
{
    /// <summary>The normalised text, or null when absent, empty or refused (the refusal is added to <paramref name="errors"/>).</summary>
    public static string? Normalise(string field, string? raw, int max, bool multiLine, FreeTextCodes codes, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(errors);
        if (raw is null)
        {
            return null;
        }

        if (raw.Length > max * 4)
        {
            return TooLong(field, max, raw.Length, codes, errors);
        }

        var value = raw.Trim();
        if (multiLine && value.Contains('\r', StringComparison.Ordinal))
        {
            value = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            var loneSurrogate = char.IsSurrogate(c);
            if (loneSurrogate || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && !(multiLine && c is '\n' or '\t')))
            {
                errors.Add(new FieldError(field, codes.CharacterInvalid, string.Create(CultureInfo.InvariantCulture,
                    $"{field} holds {(loneSurrogate ? "a lone UTF-16 surrogate" : $"the character U+{(int)c:X4}, which is not text,")} at position {i + 1}{(multiLine ? "" : " (one line of text is expected)")}.")));
                return null;
            }
        }

        if (!value.IsNormalized(NormalizationForm.FormC))
        {
            value = value.Normalize(NormalizationForm.FormC);
        }

        if (value.Length == 0)
        {
            return null;
        }

        return value.Length > max ? TooLong(field, max, value.Length, codes, errors) : value;
    }

    private static string? TooLong(string field, int max, int length, FreeTextCodes codes, List<FieldError> errors)
    {
        errors.Add(new FieldError(field, codes.TooLong, string.Create(CultureInfo.InvariantCulture,
            $"{field} has {length} characters; at most {max} are accepted.")));
        return null;
    }
}
