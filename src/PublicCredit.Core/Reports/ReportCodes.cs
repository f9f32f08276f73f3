using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Reports;

/// <summary>
/// One secret that signs verification codes, with its key id (ADR 0015, ADR 0039 §3). Key id
/// <see cref="LegacyId"/> (0) is the one key of codes made before key ids (<c>report-signing.key</c>); keys made since
/// have a random non-zero id, so a node can tell which key signed a code and a rotated key's codes keep verifying.
/// </summary>
public sealed class ReportSigningKey
{
    public const int Bytes = 32;
    public const ushort LegacyId = 0;

    private readonly byte[] key;

    public ReportSigningKey(ReadOnlySpan<byte> key)
        : this(LegacyId, key)
    {
    }

    public ReportSigningKey(ushort keyId, ReadOnlySpan<byte> key)
    {
        if (key.Length < Bytes)
        {
            throw new ArgumentException($"A report signing key has at least {Bytes} bytes.", nameof(key));
        }

        KeyId = keyId;
        this.key = key.ToArray();
    }

    public ushort KeyId { get; }

    /// <summary>The key id as written in file names and start-up lines: four hex digits.</summary>
    public string KeyIdText => KeyId.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    internal ReadOnlySpan<byte> Value => key;
}

/// <summary>
/// The report signing keys a node knows: the current one, which signs new codes, and earlier ones, which only verify.
/// A key id this node does not know yet (another node rotated after this one started) is asked of
/// <c>lookup</c> — the keys folder — once, so nodes sharing the folder verify each other's codes.
/// </summary>
public sealed class ReportKeyRing
{
    private readonly Dictionary<ushort, ReportSigningKey> known = [];
    private readonly Func<ushort, ReportSigningKey?>? lookup;

    public ReportKeyRing(ReportSigningKey current, IEnumerable<ReportSigningKey>? others = null, Func<ushort, ReportSigningKey?>? lookup = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        this.lookup = lookup;
        foreach (var key in others ?? [])
        {
            known[key.KeyId] = key;
        }

        known[current.KeyId] = current;
    }

    public ReportSigningKey Current { get; }

    public ReportSigningKey? Find(ushort keyId)
    {
        lock (known)
        {
            if (known.TryGetValue(keyId, out var key))
            {
                return key;
            }
        }

        // The legacy key is in the folder from the start or not at all: it is never looked up.
        if (keyId != ReportSigningKey.LegacyId && lookup?.Invoke(keyId) is { } found && found.KeyId == keyId)
        {
            lock (known)
            {
                known[keyId] = found;
            }

            return found;
        }

        return null;
    }
}

/// <summary>
/// Verification codes of credit reports (docs/web.md#credit-report; ADR 0015, ADR 0039 §3): 10 bytes — the signing key's id (2 bytes,
/// big-endian) and 8 random bytes — and the first 5 bytes of their HMAC-SHA256 under that key, written as 24 Crockford
/// base-32 characters in groups of four (<c>7K2M-9QXA-…</c>). The key id lets every node that shares the keys folder
/// pick the key that signed a code, and keys rotate while old codes keep verifying. Codes made before key ids (10
/// random bytes under the one <c>report-signing.key</c>) verify under the legacy key. A code someone altered or made
/// up fails the signature before any database read, so the verify page can say "not issued by this platform" for it;
/// a reader may type it in any case, with or without dashes, and Crockford's look-alikes (O→0, I/L→1) are read as the
/// digits they stand for.
/// </summary>
public sealed class ReportCodes(ReportKeyRing keys)
{
    public ReportCodes(ReportSigningKey key)
        : this(new ReportKeyRing(key))
    {
    }

    /// <summary>Characters of a canonical code (no separators).</summary>
    public const int Length = 24;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int SignedBytes = 10;
    private const int TagBytes = 5;

    public string NewCode()
    {
        var key = keys.Current;
        Span<byte> code = stackalloc byte[SignedBytes + TagBytes];
        RandomNumberGenerator.Fill(code[..SignedBytes]);
        if (key.KeyId != ReportSigningKey.LegacyId)
        {
            BinaryPrimitives.WriteUInt16BigEndian(code, key.KeyId);
        }

        Tag(key, code[..SignedBytes], code[SignedBytes..]);
        return Encode(code);
    }

    /// <summary>The id of the key a well-formed code names (0 for a code made before key ids, or one that names none).</summary>
    public static ushort KeyIdOf(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (canonical.Length != Length)
        {
            throw new ArgumentException($"A canonical code has {Length} characters.", nameof(canonical));
        }

        Span<byte> code = stackalloc byte[SignedBytes + TagBytes];
        Decode(canonical, code);
        return BinaryPrimitives.ReadUInt16BigEndian(code);
    }

    /// <summary>True when <paramref name="text"/> is a well-formed code this platform signed; <paramref name="canonical"/> is then its stored form.</summary>
    public bool TryVerify(string? text, out string canonical)
    {
        canonical = Canonical(text) ?? string.Empty;
        if (canonical.Length != Length)
        {
            return false;
        }

        Span<byte> code = stackalloc byte[SignedBytes + TagBytes];
        Decode(canonical, code);
        Span<byte> expected = stackalloc byte[TagBytes];
        // The key the code names, then the legacy key (codes from before key ids carry random bytes there).
        var keyId = BinaryPrimitives.ReadUInt16BigEndian(code);
        if (keyId != ReportSigningKey.LegacyId && keys.Find(keyId) is { } named)
        {
            Tag(named, code[..SignedBytes], expected);
            if (CryptographicOperations.FixedTimeEquals(expected, code[SignedBytes..]))
            {
                return true;
            }
        }

        if (keys.Find(ReportSigningKey.LegacyId) is not { } legacy)
        {
            return false;
        }

        Tag(legacy, code[..SignedBytes], expected);
        return CryptographicOperations.FixedTimeEquals(expected, code[SignedBytes..]);
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

    private static void Tag(ReportSigningKey key, ReadOnlySpan<byte> signed, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Value, signed, mac);
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
