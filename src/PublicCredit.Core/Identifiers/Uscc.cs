using System.Diagnostics.CodeAnalysis;

namespace PublicCredit.Identifiers;

/// <summary>
/// A Unified Social Credit Code of an enterprise or other organisation (GB 32100-2015), always valid:
/// 18 characters <c>[registration authority][org type][6 admin division][9 GB 11714 org code][check]</c>,
/// normalised (upper-case ASCII). Obtain one with <see cref="TryParse(string?, out Uscc?, out IdentifierProblem?)"/>
/// or <see cref="Parse"/>; there is no other constructor and no default instance (ADR 0002).
/// A USCC is not personal information, so <see cref="ToString"/> is the full code.
/// </summary>
public sealed class Uscc : IEquatable<Uscc>
{
    public const int Length = 18;

    // GB 32100: the 31 symbols, no I, O, Z, S, V; a symbol's value is its index.
    internal const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string AlphabetDescription = "in the USCC alphabet 0-9A-Z without I O Z S V";

    private Uscc(string value) => Value = value;

    /// <summary>The normalised 18-character code.</summary>
    public string Value { get; }

    /// <summary>Position 1: registration authority (e.g. '9' market regulation, '5' civil affairs).</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>Position 2: organisation type within the registration authority.</summary>
    public char OrganisationType => Value[1];

    /// <summary>Positions 3–8: the administrative division code of the registering authority.</summary>
    public string AdministrativeDivision => Value.Substring(2, 6);

    /// <summary>Positions 9–17: the GB 11714 organisation code, including its own check digit.</summary>
    public string OrganisationCode => Value.Substring(8, 9);

    /// <summary>Position 18: the GB 32100 check character.</summary>
    public char CheckCharacter => Value[17];

    // GB 32100: weights 3^(i-1) mod 31 for positions 1..17.
    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 11714: weights for the 8 body characters of an organisation code.
    private static ReadOnlySpan<byte> OrganisationCodeWeights => [3, 7, 9, 10, 5, 8, 4, 2];

    public static bool TryParse(
        string? input,
        [NotNullWhen(true)] out Uscc? value,
        [NotNullWhen(false)] out IdentifierProblem? problem) =>
        TryParseNormalised(IdentifierText.Normalise(input), out value, out problem);

    public static bool TryParse(string? input, [NotNullWhen(true)] out Uscc? value) =>
        TryParse(input, out value, out _);

    /// <summary>Parses or throws <c>DomainException</c> <c>subject-id-invalid</c> on <c>subject.id</c>.</summary>
    public static Uscc Parse(string input) =>
        TryParse(input, out var value, out var problem) ? value : throw problem.ToException();

    /// <summary>The GB 32100 check character for the first 17 characters (which must be in the USCC alphabet).</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException($"Character {i + 1} is not in the USCC alphabet.", nameof(first17));
            }

            sum += v * Weights[i];
        }

        // GB 32100: c = 31 - (Σ mod 31), and 31 becomes 0.
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>
    /// The GB 11714 check digit ('0'–'9' or 'X') for the 8 body characters of an organisation code
    /// (digits or upper-case letters A–Z).
    /// </summary>
    public static char ComputeOrganisationCodeCheckCharacter(ReadOnlySpan<char> body8)
    {
        if (body8.Length != OrganisationCodeWeights.Length)
        {
            throw new ArgumentException($"Expected {OrganisationCodeWeights.Length} characters.", nameof(body8));
        }

        var sum = 0;
        for (var i = 0; i < body8.Length; i++)
        {
            // GB 11714: 0–9 → 0–9, A–Z → 10–35.
            var v = body8[i] switch
            {
                >= '0' and <= '9' => body8[i] - '0',
                >= 'A' and <= 'Z' => body8[i] - 'A' + 10,
                _ => throw new ArgumentException($"Character {i + 1} is not a digit or A-Z.", nameof(body8)),
            };
            sum += v * OrganisationCodeWeights[i];
        }

        // GB 11714: d = 11 - (Σ mod 11); 10 → 'X', 11 → '0'.
        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var d => (char)('0' + d),
        };
    }

    /// <summary>Validates an already normalised text (see <see cref="IdentifierText.Normalise"/>).</summary>
    internal static bool TryParseNormalised(
        string text,
        [NotNullWhen(true)] out Uscc? value,
        [NotNullWhen(false)] out IdentifierProblem? problem)
    {
        value = null;
        problem = Validate(text);
        if (problem is not null)
        {
            return false;
        }

        value = new Uscc(text);
        return true;
    }

    private static IdentifierProblem? Validate(string text)
    {
        if (text.Length == 0)
        {
            return IdentifierProblem.Empty();
        }

        if (text.Length != Length)
        {
            return IdentifierProblem.WrongLength(Length, text.Length);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!Alphabet.Contains(text[i], StringComparison.Ordinal))
            {
                return IdentifierProblem.BadCharacter(i + 1, text[i], AlphabetDescription);
            }
        }

        // The GB 11714 digit is checked first: when it fails, the mistake lies in positions 9–17,
        // which tells the reader more than a failing position-18 check over all 17 characters.
        var orgCheck = ComputeOrganisationCodeCheckCharacter(text.AsSpan(8, 8));
        if (text[16] != orgCheck)
        {
            return IdentifierProblem.WrongOrganisationCodeCheck(text[16], orgCheck);
        }

        var check = ComputeCheckCharacter(text.AsSpan(0, Length - 1));
        return text[17] != check ? IdentifierProblem.WrongCheckCharacter(text[17], check) : null;
    }

    public bool Equals(Uscc? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Uscc);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(Uscc? left, Uscc? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Uscc? left, Uscc? right) => !(left == right);
}
