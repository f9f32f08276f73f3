using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

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
/// recorded head depends on (docs/design.md#8-everything-is-evidence).
/// </summary>
public static class LedgerChain
{
    public static readonly string GenesisHash = new('0', 64);

    public static string ComputeHash(string previousHash, LedgerEventContent content)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new PooledBytes(512 + (content.Payload.Length * 3));
        buffer.Write(Encoding.UTF8.GetBytes(previousHash + "\n"));
        using (var writer = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            WriteCanonical(writer, content);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>
    /// The canonical JSON of an event, written directly: members in ordinal order (actor, department, occurredAt,
    /// payload, position, subject, type), the same text <see cref="CanonicalJson"/> produces for these members —
    /// a test holds the two together — without building a JSON tree for every event.
    /// </summary>
    internal static void WriteCanonical(Utf8JsonWriter writer, LedgerEventContent content)
    {
        writer.WriteStartObject();
        writer.WriteString("actor", content.Actor);
        WriteNullable(writer, "department", content.Department);
        writer.WriteString("occurredAt", FormatInstant(content.OccurredAt));
        writer.WriteString("payload", content.Payload);
        writer.WriteNumber("position", content.Position);
        WriteNullable(writer, "subject", content.Subject);
        writer.WriteString("type", content.Type);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
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
