using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Subscriptions;

/// <summary>The two body formats of a watchlist upload.</summary>
public enum WatchlistFormat
{
    Csv,
    Ndjson,
}

/// <summary>
/// Reads and writes watchlists (ADR 0052 §4): every row is judged (a USCC or a resident ID, as the import judges
/// subject ids), bad rows are reported by row number and code and then nothing is written; at most
/// <see cref="MaxSubjects"/> rows; duplicates count once. Writing replaces the whole list in the caller's
/// transaction, so a reader sees the old list or the new one, never half of it.
/// </summary>
public static class Watchlists
{
    public const int MaxSubjects = 1_000_000;

    /// <summary>Rows reported in a refusal at most (the count says how many more there were).</summary>
    public const int MaxReportedRows = 100;

    private const int InsertSlice = 5_000;

    /// <summary>The distinct normalised subject ids of a CSV or NDJSON body, or a 422 listing the bad rows.</summary>
    public static async Task<SortedSet<string>> ReadAsync(Stream body, WatchlistFormat format, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var reader = new StreamReader(body, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var subjects = new SortedSet<string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var bad = 0;
        var row = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                row++;
                var text = line.Trim();
                if (text.Length == 0 || (row == 1 && format == WatchlistFormat.Csv && text.Equals("subjectId", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var value = format == WatchlistFormat.Csv ? text.Trim('"') : FromJson(text);
                if (value is not null && SubjectId.TryParse(value, today, out var subject, out _))
                {
                    subjects.Add(subject.Value);
                    if (subjects.Count > MaxSubjects)
                    {
                        throw TooLarge();
                    }
                }
                else
                {
                    bad++;
                    if (errors.Count < MaxReportedRows)
                    {
                        errors.Add(RowError(row, value ?? text));
                    }
                }
            }
        }
        catch (DecoderFallbackException)
        {
            bad++;
            errors.Add(new FieldError(Row(row + 1), SubscriptionProblemCodes.WatchlistRowInvalid, $"Row {row + 1} is not UTF-8 text."));
        }

        if (bad > 0)
        {
            throw Refused(errors, bad);
        }

        return subjects;
    }

    /// <summary>The ids of a JSON array given with the registration (row = position from 1), judged the same way.</summary>
    public static SortedSet<string> FromList(IReadOnlyList<string?> ids, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > MaxSubjects)
        {
            throw TooLarge();
        }

        var subjects = new SortedSet<string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var bad = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            if (SubjectId.TryParse(ids[i], today, out var subject, out _))
            {
                subjects.Add(subject.Value);
            }
            else if (++bad <= MaxReportedRows)
            {
                errors.Add(RowError(i + 1, ids[i] ?? "null"));
            }
        }

        return bad > 0 ? throw Refused(errors, bad) : subjects;
    }

    /// <summary>SHA-256 (hex) of the sorted ids, one per line with a final newline, as the ledger event states it.</summary>
    public static string Digest(IEnumerable<string> sorted)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var id in sorted)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(id + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Replaces the subscription's watchlist and appends its event, inside the caller's transaction.</summary>
    internal static async Task ReplaceWithinAsync(
        PublicCreditDbContext db, AppendToLedger ledger, SubscriptionRow row, SortedSet<string> subjects, string actor, CancellationToken cancellationToken)
    {
        await db.SubscriptionSubjects.Where(s => s.SubscriptionId == row.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var slice in subjects.Chunk(InsertSlice))
        {
            db.SubscriptionSubjects.AddRange(slice.Select(s => new SubscriptionSubjectRow { SubscriptionId = row.Id, SubjectId = s }));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var entry in db.ChangeTracker.Entries<SubscriptionSubjectRow>().ToList())
            {
                entry.State = EntityState.Detached;
            }
        }

        row.HasWatchlist = true;
        row.WatchlistCount = subjects.Count;
        row.WatchlistSha256 = Digest(subjects);
        await ledger.AppendAsync(LedgerEntry.Of(new SubscriptionWatchlistSet(row.Id, row.WatchlistCount, row.WatchlistSha256), actor, row.Department, null),
            cancellationToken);
    }

    private static string? FromJson(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.String => root.GetString(),
                JsonValueKind.Object when root.TryGetProperty("subjectId", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Row(int row) => string.Create(CultureInfo.InvariantCulture, $"rows[{row}]");

    private static FieldError RowError(int row, string value) =>
        new(Row(row), SubscriptionProblemCodes.WatchlistRowInvalid,
            string.Create(CultureInfo.InvariantCulture, $"Row {row}: '{Shorten(value)}' is not a valid USCC or resident ID."));

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static DomainException Refused(List<FieldError> errors, int bad) =>
        new(ErrorKind.Invalid, SubscriptionProblemCodes.WatchlistRowInvalid,
            string.Create(CultureInfo.InvariantCulture, $"{bad} row(s) are not valid subject ids; nothing was written."), errors)
        {
            Extensions = new Dictionary<string, object?> { ["badRows"] = bad },
        };

    private static DomainException TooLarge() =>
        DomainException.Invalid("subjects", SubscriptionProblemCodes.WatchlistTooLarge,
            string.Create(CultureInfo.InvariantCulture, $"A watchlist holds at most {MaxSubjects} subjects; this one has more."));
}
