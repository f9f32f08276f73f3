using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Access;

/// <summary>
/// The one-time code printed in a designation notice for the subject to redeem for its own self-service token
/// (docs/design.md#the-department-never-holds-the-subjects-credential; ADR 0029): 20 characters of Crockford's base 32 — 100 random bits, so guessing is hopeless even
/// without the rate limit — shown as <c>PCA-XXXX-XXXX-XXXX-XXXX-XXXX</c> so it can be typed from paper. Reading it
/// forgives case, spaces, hyphens, the prefix and the letters O, I and L for 0, 1 and 1. Only its SHA-256 is stored.
/// </summary>
public sealed record ActivationCode
{
    public const string Prefix = "PCA";
    public const int Length = 20;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private ActivationCode(string normalised) => Normalised = normalised;

    /// <summary>The 20 code characters, upper case, without prefix or separators.</summary>
    public string Normalised { get; }

    /// <summary>As printed: <c>PCA-XXXX-XXXX-XXXX-XXXX-XXXX</c>.</summary>
    public string Display
    {
        get
        {
            var builder = new StringBuilder(Prefix, Prefix.Length + Length + (Length / 4));
            for (var i = 0; i < Length; i += 4)
            {
                builder.Append('-').Append(Normalised, i, 4);
            }

            return builder.ToString();
        }
    }

    public static ActivationCode Generate() => new(RandomNumberGenerator.GetString(Alphabet, Length));

    public static bool TryParse(string? text, out ActivationCode code)
    {
        code = null!;
        if (text is null || text.Length > 64)
        {
            return false;
        }

        var builder = new StringBuilder(Length + Prefix.Length);
        foreach (var raw in text)
        {
            if (raw is '-' or ' ' or '\t' or '\u3000' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\uff0d')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            builder.Append(c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            });
        }

        var value = builder.ToString();
        if (value.Length == Prefix.Length + Length && value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            value = value[Prefix.Length..];
        }

        if (value.Length != Length || value.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        code = new ActivationCode(value);
        return true;
    }

    /// <summary>The stored form: SHA-256 of the normalised code (100 random bits: a fast hash is enough, ADR 0005).</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("pca:" + Normalised)));

    public override string ToString() => $"{Prefix}-{Normalised[..4]}-…";
}
