using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PublicCredit.Ledger;

/// <summary>The fields of one ledger event that its hash covers.</summary>
public sealed record LedgerEventContent(
    long Position,
    string Type,
    DateTimeOffset OccurredAt,
    string Actor,
    string? Department,
    string? Subject,
    string Payload);

/// <summary>
/// The hash chain: hash(n) = SHA-256(hash(n-1) ‖ canonical(event n)), hex lower-case. Position 0 is the genesis
/// with an all-zero hash. Any edit, deletion or reordering of an event changes a hash that a later event or the
/// recorded head depends on (DESIGN principle 8).
/// </summary>
public static class LedgerChain
{
    public static readonly string GenesisHash = new('0', 64);

    public static string ComputeHash(string previousHash, LedgerEventContent content)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(content);
        var canonical = CanonicalJson.Serialize(new
        {
            position = content.Position,
            type = content.Type,
            occurredAt = FormatInstant(content.OccurredAt),
            actor = content.Actor,
            department = content.Department,
            subject = content.Subject,
            payload = content.Payload,
        });
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Instants are hashed in UTC with microsecond precision: PostgreSQL keeps microseconds, so an instant with
    /// finer ticks would hash differently after a round trip. Writers truncate with <see cref="Truncate"/>.
    /// </summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        Truncate(instant).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Truncate(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
