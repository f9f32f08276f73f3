using System.Text;

namespace PublicCredit.Text;

/// <summary>
/// What Unicode normalisation in .NET refuses: it throws on a lone UTF-16 surrogate and on the noncharacters U+FFFE and
/// U+FFFF. A caller's text is checked with <see cref="IsNotText"/> before it is normalised (each such character is a
/// coded field error), and text that is only compared, never stored (search keys), goes through
/// <see cref="NormalizeLeniently"/>, which replaces such characters instead of throwing.
/// </summary>
public static class UnicodeText
{
    /// <summary>
    /// True for a character at <paramref name="index"/> that is not text: a surrogate not part of a pair, or U+FFFE /
    /// U+FFFF. A high surrogate followed by a low one is text (the pair is one character).
    /// </summary>
    public static bool IsNotText(string value, int index)
    {
        ArgumentNullException.ThrowIfNull(value);
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(value[index - 1]);
        }

        return c is '\uFFFE' or '\uFFFF';
    }

    /// <summary>Normalises to <paramref name="form"/> after replacing every character that is not text with U+FFFD.</summary>
    public static string NormalizeLeniently(string value, NormalizationForm form)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? clean = null;
        for (var i = 0; i < value.Length; i++)
        {
            if (IsNotText(value, i))
            {
                clean ??= new StringBuilder(value, 0, i, value.Length);
                clean.Append('\uFFFD');
            }
            else
            {
                clean?.Append(value[i]);
            }
        }

        var text = clean?.ToString() ?? value;
        return text.IsNormalized(form) ? text : text.Normalize(form);
    }
}
