using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Reports;

/// <summary>The secret that signs verification codes; the host loads it from its key file (ADR 0015).</summary>
public sealed class ReportSigningKey
{
    public const int Bytes = 32;

    private readonly byte[] key;

    public ReportSigningKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < Bytes)
        {
            throw new ArgumentException($"A report signing key has at least {Bytes} bytes.", nameof(key));
        }

        this.key = key.ToArray();
    }

    internal ReadOnlySpan<byte> Value => key;
}

/// <summary>
/// Verification codes of credit reports (issue 8 §3; ADR 0015): 10 random bytes and the first 5 bytes of their
/// HMAC-SHA256 under the platform's signing key, written as 24 Crockford base-32 characters in groups of four
/// (<c>7K2M-9QXA-…</c>). A code someone altered or made up fails the signature before any database read, so the
/// verify page can say "not issued by this platform" for it; a reader may type it in any case, with or without
/// dashes, and Crockford's look-alikes (O→0, I/L→1) are read as the digits they stand for.
/// </summary>
public sealed class ReportCodes(ReportSigningKey key)
{
    /// <summary>Characters of a canonical code (no separators).</summary>
    public const int Length = 24;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomBytes = 10;
    private const int TagBytes = 5;

    public string NewCode()
    {
        Span<byte> code = stackalloc byte[RandomBytes + TagBytes];
        RandomNumberGenerator.Fill(code[..RandomBytes]);
        Tag(code[..RandomBytes], code[RandomBytes..]);
        return Encode(code);
    }

    /// <summary>True when <paramref name="text"/> is a well-formed code this platform signed; <paramref name="canonical"/> is then its stored form.</summary>
    public bool TryVerify(string? text, out string canonical)
    {
        canonical = Canonical(text) ?? string.Empty;
        if (canonical.Length != Length)
        {
            return false;
        }

        Span<byte> code = stackalloc byte[RandomBytes + TagBytes];
        Decode(canonical, code);
        Span<byte> expected = stackalloc byte[TagBytes];
        Tag(code[..RandomBytes], expected);
        return CryptographicOperations.FixedTimeEquals(expected, code[RandomBytes..]);
    }

    /// <summary>The code as printed and linked: groups of four joined by dashes.</summary>
    public static string Display(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return string.Join('-', canonical.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>Upper-case, without dashes and spaces, look-alikes mapped; null when a character is not in the alphabet.</summary>
    public static string? Canonical(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return null;
        }

        var builder = new StringBuilder(Length);
        foreach (var raw in text.Trim())
        {
            var c = char.ToUpperInvariant(raw);
            if (c is '-' or ' ')
            {
                continue;
            }

            c = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private void Tag(ReadOnlySpan<byte> random, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Value, random, mac);
        mac[..tag.Length].CopyTo(tag);
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 15 bytes = 120 bits = exactly 24 five-bit characters.
        var chars = new char[Length];
        var buffer = 0;
        var bits = 0;
        var i = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[i++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        return new string(chars);
    }

    private static void Decode(string canonical, Span<byte> bytes)
    {
        var buffer = 0;
        var bits = 0;
        var i = 0;
        foreach (var c in canonical)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes[i++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
    }
}
