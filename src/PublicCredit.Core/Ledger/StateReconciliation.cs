using System.Globalization;
using System.Text.Json;
using PublicCredit.Storage;

namespace PublicCredit.Ledger;

/// <summary>The first place where a state table and the ledger disagree: table, row, field and what differs (ADR 0032).</summary>
public sealed record StateMismatch(string Table, string Row, string Field, string Problem)
{
    public override string ToString() => $"table {Table}, row {Row}, field {Field}: {Problem}";

    /// <summary>
    /// The row the ledger wrote earliest (by <paramref name="position"/>) that the table no longer holds — it was
    /// deleted — or null when every ledgered row was <paramref name="seen"/>. <paramref name="wrote"/> says what the
    /// event did ("sealed this batch").
    /// </summary>
    public static StateMismatch? FirstDeleted<TKey>(
        string table, string field, IEnumerable<TKey> ledgered, IReadOnlySet<TKey> seen, Func<TKey, long> position, Func<TKey, string> row, string wrote)
    {
        ArgumentNullException.ThrowIfNull(ledgered);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(row);
        foreach (var key in ledgered.Where(k => !seen.Contains(k)).OrderBy(position).Take(1))
        {
            return new StateMismatch(table, row(key), field,
                $"ledger event {position(key)} {wrote} but the table has no such row: it was deleted");
        }

        return null;
    }
}

/// <summary>
/// Proves one state table from the ledger (ADR 0032): it is shown every event of a verified chain in order, then reads
/// its table and names the first row and field that the events do not account for — a row edited, added or deleted
/// straight in the database. One reconciler per table; <see cref="StateReconcilers"/> holds them all, and a test fails
/// when a table of the model has neither a reconciler nor a stated reason why it is not ledgered.
/// </summary>
public interface IStateReconciler
{
    /// <summary>The row type (entity) of the table this reconciler proves.</summary>
    Type Table { get; }

    /// <summary>Takes in one event of the chain (in position order); most events concern other tables.</summary>
    void Observe(LedgerEventRow row, JsonElement payload);

    /// <summary>Reads the table and returns the first disagreement, or null when every row is what the events say.</summary>
    Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken);
}

/// <summary>Small helpers the reconcilers share to read payload members and compare them with columns.</summary>
internal static class Payloads
{
    public static string? String(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool Has(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out _);

    public static Guid? Id(JsonElement payload, string name) =>
        String(payload, name) is { } text && Guid.TryParse(text, out var id) ? id : null;

    public static int? Int(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var number)
            ? number
            : null;

    public static bool? Bool(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    public static DateTimeOffset? Instant(JsonElement payload, string name) =>
        String(payload, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? LedgerChain.Truncate(instant)
            : null;

    public static DateOnly? Date(JsonElement payload, string name) =>
        String(payload, name) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    public static string Text(object? value) => value switch
    {
        null => "(none)",
        DateTimeOffset instant => LedgerChain.FormatInstant(instant),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };

    public static string Row(Guid id) => id.ToString();

    public static string Row(Guid id, int version) => string.Create(CultureInfo.InvariantCulture, $"{id} v{version}");
}

/// <summary>Collects the field comparisons of one row and keeps the first that differs.</summary>
internal sealed class RowCheck(string table, string row)
{
    public StateMismatch? First { get; private set; }

    public RowCheck Field<T>(string field, T stored, T ledgered)
    {
        if (First is null && !EqualityComparer<T>.Default.Equals(stored, ledgered))
        {
            First = new StateMismatch(table, row, field,
                $"the table holds {Payloads.Text(stored)} but the ledger says {Payloads.Text(ledgered)}");
        }

        return this;
    }

    /// <summary>Compares a column with a SHA-256 the ledger keeps of it (free text and documents are hashed, never copied).</summary>
    public RowCheck Digest(string field, string? stored, string? ledgeredSha256)
    {
        var storedSha256 = stored is null ? null : Designations.DesignationTransitions.Sha256(stored);
        if (First is null && !string.Equals(storedSha256, ledgeredSha256, StringComparison.Ordinal))
        {
            First = new StateMismatch(table, row, field, "the stored text does not match the digest in the ledger");
        }

        return this;
    }
}
