using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Access;

/// <summary>
/// An API key as handed to its holder: <c>pck_&lt;lookup&gt;_&lt;secret&gt;</c>. The lookup part finds the stored row;
/// the whole token is stored only as its SHA-256 hash. With 256 random bits a fast hash is the right tool: nothing
/// can be guessed, so a slow password hash would only slow every request down (ADR 0005).
/// </summary>
public sealed record ApiKeyToken(string Lookup, string Secret)
{
    public const string Prefix = "pck_";
    private const string LookupAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int LookupLength = 12;

    public string Value => $"{Prefix}{Lookup}_{Secret}";

    public static ApiKeyToken Generate()
    {
        var lookup = RandomNumberGenerator.GetString(LookupAlphabet, LookupLength);
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new ApiKeyToken(lookup, secret);
    }

    public static bool TryParse(string? value, out ApiKeyToken token)
    {
        token = null!;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != LookupLength || rest.Length <= separator + 1)
        {
            return false;
        }

        token = new ApiKeyToken(rest[..separator].ToString(), rest[(separator + 1)..].ToString());
        return true;
    }

    public string Hash() => HashOf(Value);

    public static string HashOf(string tokenValue) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokenValue)));

    /// <summary>Compares hashes in constant time so timing does not reveal how much of a guess matched.</summary>
    public bool Matches(string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash()), Encoding.ASCII.GetBytes(storedHash));

    public override string ToString() => $"{Prefix}{Lookup}_…";

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
