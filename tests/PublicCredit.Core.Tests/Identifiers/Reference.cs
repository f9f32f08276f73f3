using System.Globalization;

namespace PublicCredit.Core.Tests.Identifiers;

/// <summary>
/// An independent restatement of docs/domain.md#identifiers, used to build expectations: the weights are derived from their
/// definition (powers of 3 mod 31, powers of 2 mod 11) instead of copied from a table, and the GB 11643
/// check uses the closed form (12 - Σ mod 11) mod 11 instead of the "10X98765432" lookup.
/// </summary>
internal static class Reference
{
    public const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public const string LettersNotInUsccAlphabet = "IOZSV";

    /// <summary>A fixed "today" for every test that needs one.</summary>
    public static readonly DateOnly Today = new(2025, 6, 15);

    public static char UsccCheck(string first17)
    {
        var sum = 0;
        var weight = 1; // GB 32100: weight of position i is 3^(i-1) mod 31
        foreach (var c in first17)
        {
            sum += UsccAlphabet.IndexOf(c, StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        var check = 31 - (sum % 31);
        return UsccAlphabet[check == 31 ? 0 : check];
    }

    public static char OrgCodeCheck(string body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * Pow(2, 8 - i, 11); // GB 11714: 3 7 9 10 5 8 4 2 = 2^8..2^1 mod 11
        }

        var d = 11 - (sum % 11);
        return d switch { 10 => 'X', 11 => '0', _ => (char)('0' + d) };
    }

    public static char ResidentCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Pow(2, 17 - i, 11); // GB 11643: weight 2^(18-i) mod 11, i 1-based
        }

        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    public static bool IsValidUscc(string s) =>
        s.Length == 18
        && s.All(c => UsccAlphabet.Contains(c, StringComparison.Ordinal))
        && OrgCodeCheck(s[8..16]) == s[16]
        && UsccCheck(s[..17]) == s[17];

    public static bool IsValidResidentId(string s, DateOnly today) =>
        s.Length == 18
        && s[..17].All(char.IsAsciiDigit)
        && (char.IsAsciiDigit(s[17]) || s[17] == 'X')
        && s[0] is >= '1' and <= '8'
        && DateOnly.TryParseExact(s[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
        && birth <= today
        && ResidentCheck(s[..17]) == s[17];

    /// <summary>A valid USCC from any 16 alphabet characters: GB 11714 digit at 17, GB 32100 check at 18.</summary>
    public static string CompleteUscc(string first16)
    {
        var first17 = first16 + OrgCodeCheck(first16[8..16]);
        return first17 + UsccCheck(first17);
    }

    public static string CompleteResidentId(string first17) => first17 + ResidentCheck(first17);

    private static int Pow(int b, int e, int m)
    {
        var r = 1;
        for (var i = 0; i < e; i++)
        {
            r = r * b % m;
        }

        return r;
    }
}
