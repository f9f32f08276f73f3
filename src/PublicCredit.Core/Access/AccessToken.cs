using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Access;

/// <summary>Who a bearer token stands for: a department system (API key) or a subject (self-service token).</summary>
public enum TokenKind
{
    /// <summary><c>pck_…</c>: a staff system with one role and one department.</summary>
    ApiKey,
    /// <summary><c>pcs_…</c>: one subject's self-service access to its own data.</summary>
    Subject,
}

/// <summary>
/// A bearer token as handed to its holder: <c>&lt;prefix&gt;&lt;lookup&gt;_&lt;secret&gt;</c>. The lookup part finds the
/// stored row; the whole token is stored only as its SHA-256 hash. With 256 random bits a fast hash is the right
/// tool: nothing can be guessed, so a slow password hash would only slow every request down (ADR 0005).
/// </summary>
public sealed record AccessToken(TokenKind Kind, string Lookup, string Secret)
{
    private const string LookupAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int LookupLength = 12;

    public string Value => $"{PrefixOf(Kind)}{Lookup}_{Secret}";

    public static string PrefixOf(TokenKind kind) => kind == TokenKind.ApiKey ? "pck_" : "pcs_";

    public static AccessToken Generate(TokenKind kind)
    {
        var lookup = RandomNumberGenerator.GetString(LookupAlphabet, LookupLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new AccessToken(kind, lookup, secret);
    }

    public static bool TryParse(string? value, out AccessToken token)
    {
        token = null!;
        if (value is null)
        {
            return false;
        }

        TokenKind kind;
        if (value.StartsWith(PrefixOf(TokenKind.ApiKey), StringComparison.Ordinal))
        {
            kind = TokenKind.ApiKey;
        }
        else if (value.StartsWith(PrefixOf(TokenKind.Subject), StringComparison.Ordinal))
        {
            kind = TokenKind.Subject;
        }
        else
        {
            return false;
        }

        var rest = value.AsSpan(PrefixOf(kind).Length);
        var separator = rest.IndexOf('_');
        if (separator != LookupLength || rest.Length <= separator + 1)
        {
            return false;
        }

        token = new AccessToken(kind, rest[..separator].ToString(), rest[(separator + 1)..].ToString());
        return true;
    }

    public string Hash() => HashOf(Value);

    public static string HashOf(string tokenValue) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokenValue)));

    /// <summary>Compares hashes in constant time so timing does not reveal how much of a guess matched.</summary>
    public bool Matches(string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash()), Encoding.ASCII.GetBytes(storedHash));

    public override string ToString() => $"{PrefixOf(Kind)}{Lookup}_…";
}
