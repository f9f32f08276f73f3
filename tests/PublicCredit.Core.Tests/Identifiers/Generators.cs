using FsCheck;
using FsCheck.Fluent;

namespace PublicCredit.Core.Tests.Identifiers;

internal static class Generators
{
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    /// <summary>Random first 16 alphabet characters completed by <see cref="Reference.CompleteUscc"/>.</summary>
    public static Gen<string> ValidUscc { get; } =
        Gen.ArrayOf(Gen.Elements(Reference.UsccAlphabet.ToCharArray()), 16)
            .Select(chars => Reference.CompleteUscc(new string(chars)));

    /// <summary>Division 1–8xxxxx, a birth date from 1900 to <see cref="Reference.Today"/>, any sequence.</summary>
    public static Gen<string> ValidResidentId { get; } =
        from first in Gen.Choose(1, 8)
        from rest in Gen.Choose(0, 99_999)
        from days in Gen.Choose(0, Reference.Today.DayNumber - EarliestBirth.DayNumber)
        from sequence in Gen.Choose(0, 999)
        select Reference.CompleteResidentId(
            $"{first}{rest:D5}{EarliestBirth.AddDays(days):yyyyMMdd}{sequence:D3}");

    /// <summary>The same identifier as a person might type or paste it: mixed case and width, stray spaces.</summary>
    public static Gen<string> Disguise(string id) =>
        from chars in Gen.CollectToArray(id, DisguiseChar)
        from before in Spaces
        from after in Spaces
        select before + string.Concat(chars) + after;

    private static Gen<string> Spaces { get; } =
        Gen.ArrayOf(Gen.Elements(' ', '\u3000', '\t', '\u00A0')).Select(s => new string(s));

    private static Gen<string> DisguiseChar(char c) =>
        from lower in Gen.Elements(false, true)
        from fullWidth in Gen.Elements(false, true)
        from spaces in Gen.Frequency((3, Gen.Constant(string.Empty)), (1, Spaces))
        select spaces + ToFullWidthIf(fullWidth, lower ? char.ToLowerInvariant(c) : c);

    private static char ToFullWidthIf(bool fullWidth, char c) => fullWidth ? (char)(c + 0xFEE0) : c;
}
