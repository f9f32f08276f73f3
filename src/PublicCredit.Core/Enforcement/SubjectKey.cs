namespace PublicCredit.Enforcement;

/// <summary>
/// A normalised subject identifier (18 characters of 0-9A-Z) packed into 128 bits — base 37, so every identifier
/// has exactly one key and no two share one. The index keeps keys, not strings: 16 bytes per subject instead of a
/// 56-byte string object, which is what lets millions of designations fit in one node's memory.
/// </summary>
public readonly record struct SubjectKey(UInt128 Value)
{
    public static SubjectKey Of(string normalisedId)
    {
        ArgumentNullException.ThrowIfNull(normalisedId);
        UInt128 value = 0;
        foreach (var c in normalisedId)
        {
            uint digit = c switch
            {
                >= '0' and <= '9' => (uint)(c - '0' + 1),
                >= 'A' and <= 'Z' => (uint)(c - 'A' + 11),
                _ => throw new ArgumentException($"'{normalisedId}' is not a normalised identifier.", nameof(normalisedId)),
            };
            value = (value * 37) + digit;
        }

        return new SubjectKey(value);
    }
}
