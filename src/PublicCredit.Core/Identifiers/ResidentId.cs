using System.Diagnostics.CodeAnalysis;

namespace PublicCredit.Identifiers;

/// <summary>
/// A resident identity card number (GB 11643-1999), always valid: 18 characters
/// <c>[6 division][8 birth date YYYYMMDD][3 sequence][check]</c>, normalised (a final 'x' becomes 'X').
/// It is personal information (docs/domain.md#personal-information, docs/design.md#7-privacy-by-default): <see cref="ToString"/> returns the
/// <see cref="Masked"/> form so interpolating it into a log line or a page never leaks the number;
/// <see cref="Value"/> is the full number and must be asked for explicitly (ADR 0002).
/// </summary>
public sealed class ResidentId : IEquatable<ResidentId>
{
    public const int Length = 18;

    // GB 11643: check character indexed by Σ mod 11.
    private const string CheckCharacters = "10X98765432";

    private ResidentId(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The full normalised number. Personal information: never show it in a public view.</summary>
    public string Value { get; }

    /// <summary>Positions 1–6: the administrative division code where the number was issued.</summary>
    public string Division => Value[..6];

    /// <summary>Positions 7–14.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Positions 15–17: the sequence number among people of the same division and birth date.</summary>
    public int Sequence => Number(Value, 14, 3);

    /// <summary>GB 11643: an odd sequence number is given to men, an even one to women.</summary>
    public bool IsMale => Sequence % 2 == 1;

    /// <summary>First 4 + 10 stars + last 4, e.g. <c>3604**********0071</c> (docs/domain.md#identifiers).</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 4), "**********", Value.AsSpan(Length - 4));

    // GB 11643: weights 2^(18-i) mod 11 for positions 1..17.
    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <param name="input">Any case, width and spacing; see <see cref="IdentifierText.Normalise"/>.</param>
    /// <param name="today">The date a birth date may not be after (inclusive: a birth today is valid).</param>
    public static bool TryParse(
        string? input,
        DateOnly today,
        [NotNullWhen(true)] out ResidentId? value,
        [NotNullWhen(false)] out IdentifierProblem? problem) =>
        TryParseNormalised(IdentifierText.Normalise(input), today, out value, out problem);

    public static bool TryParse(string? input, DateOnly today, [NotNullWhen(true)] out ResidentId? value) =>
        TryParse(input, today, out value, out _);

    /// <summary>Parses or throws <c>DomainException</c> <c>subject-id-invalid</c> on <c>subject.id</c>.</summary>
    public static ResidentId Parse(string input, DateOnly today) =>
        TryParse(input, today, out var value, out var problem) ? value : throw problem.ToException();

    /// <summary>The GB 11643 check character ('0'–'9' or 'X') for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
            {
                throw new ArgumentException($"Character {i + 1} is not a digit.", nameof(first17));
            }

            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>True when the text has the shape of a resident ID: 17 ASCII digits, then a digit or 'X'.</summary>
    internal static bool HasShape(string text) =>
        text.Length == Length
        && !text.AsSpan(0, Length - 1).ContainsAnyExceptInRange('0', '9')
        && (char.IsAsciiDigit(text[Length - 1]) || text[Length - 1] == 'X');

    /// <summary>Validates an already normalised text (see <see cref="IdentifierText.Normalise"/>).</summary>
    internal static bool TryParseNormalised(
        string text,
        DateOnly today,
        [NotNullWhen(true)] out ResidentId? value,
        [NotNullWhen(false)] out IdentifierProblem? problem)
    {
        value = null;
        problem = Validate(text, today, out var birthDate);
        if (problem is not null)
        {
            return false;
        }

        value = new ResidentId(text, birthDate);
        return true;
    }

    private static IdentifierProblem? Validate(string text, DateOnly today, out DateOnly birthDate)
    {
        birthDate = default;
        if (text.Length == 0)
        {
            return IdentifierProblem.Empty();
        }

        if (text.Length != Length)
        {
            return IdentifierProblem.WrongLength(Length, text.Length);
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return IdentifierProblem.BadCharacter(i + 1, text[i], "a digit");
            }
        }

        if (!char.IsAsciiDigit(text[Length - 1]) && text[Length - 1] != 'X')
        {
            return IdentifierProblem.BadCharacter(Length, text[Length - 1], "a digit or X");
        }

        // GB 11643 / docs/domain.md#identifiers: mainland division codes start with 1–8.
        if (text[0] is '0' or '9')
        {
            return IdentifierProblem.WrongDivision(text[0]);
        }

        // GB 11643: positions 7–14 are the birth date, a real calendar date not in the future.
        var year = Number(text, 6, 4);
        var month = Number(text, 10, 2);
        var day = Number(text, 12, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return IdentifierProblem.InvalidBirthDate(text.Substring(6, 8));
        }

        birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            return IdentifierProblem.FutureBirthDate(birthDate, today);
        }

        var check = ComputeCheckCharacter(text.AsSpan(0, Length - 1));
        return text[Length - 1] != check ? IdentifierProblem.WrongCheckCharacter(text[Length - 1], check) : null;
    }

    private static int Number(string digits, int start, int length)
    {
        var n = 0;
        foreach (var c in digits.AsSpan(start, length))
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }

    public bool Equals(ResidentId? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ResidentId);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The <see cref="Masked"/> form, never the full number (privacy by default, ADR 0002).</summary>
    public override string ToString() => Masked;

    public static bool operator ==(ResidentId? left, ResidentId? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(ResidentId? left, ResidentId? right) => !(left == right);
}
