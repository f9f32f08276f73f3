namespace PublicCredit.Identifiers;

/// <summary>The one place where identifier input is normalised before it is validated.</summary>
public static class IdentifierText
{
    private const int FullWidthFirst = 0xFF01; // FULLWIDTH EXCLAMATION MARK
    private const int FullWidthLast = 0xFF5E;  // FULLWIDTH TILDE
    private const int FullWidthOffset = 0xFF01 - 0x0021;

    /// <summary>
    /// Removes every white-space character (leading, trailing and inner: ASCII space, tab, U+3000 ideographic
    /// space, no-break space…), maps full-width forms U+FF01–U+FF5E to ASCII U+0021–U+007E, and upper-cases
    /// (invariant). Hyphens and other separators are kept so validation rejects them: they are not part of
    /// either standard's format. Idempotent: <c>Normalise(Normalise(x)) == Normalise(x)</c>. <c>null</c> gives "".
    /// </summary>
    public static string Normalise(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        // docs/domain.md#identifiers: input arrives in any case and width (IME full-width digits are common in Chinese forms).
        Span<char> buffer = input.Length <= 64 ? stackalloc char[64] : new char[input.Length];
        var length = 0;
        foreach (var raw in input)
        {
            if (char.IsWhiteSpace(raw))
            {
                continue;
            }

            var c = raw is >= (char)FullWidthFirst and <= (char)FullWidthLast ? (char)(raw - FullWidthOffset) : raw;
            buffer[length++] = char.ToUpperInvariant(c);
        }

        var normalised = buffer[..length];
        return normalised.SequenceEqual(input) ? input : new string(normalised);
    }
}
