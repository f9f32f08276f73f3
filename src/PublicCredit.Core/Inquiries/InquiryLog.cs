using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Text;

namespace PublicCredit.Inquiries;

/// <summary>
/// Writes a batch of inquiries and its <see cref="InquiryBatchRow"/> in one transaction; per provider (prepared
/// insert, binary COPY). The rows already carry the batch's id.
/// </summary>
public interface IInquiryBatchWriter
{
    /// <summary>How many batches may be written at once: 1 where the database has a single writer (SQLite); more where
    /// commits can overlap (PostgreSQL flushes concurrent commits' WAL together).</summary>
    int Concurrency => 1;

    Task WriteAsync(InquiryBatchRow batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken);
}

/// <summary>One inquiry of a request that records several at once (<see cref="InquiryLog.RecordAllAsync"/>).</summary>
public sealed record InquiryEntry(string SubjectId, InquiryReason Why, string? Returned);

/// <summary>
/// Durable inquiry logging by group commit (docs/design.md#inquiry-log-on-the-hot-path): a request hands its inquiry to a
/// bounded channel and waits until the batch holding it has committed; one writer flushes whatever is queued in one
/// transaction. When the channel is full, requests wait (back-pressure) — an inquiry is never dropped, and a request
/// never answers before its inquiry is stored. Each batch is written with its count and digest, which the ledger later
/// seals (<see cref="SealInquiryBatches"/>), so deleting or editing logged inquiries is detected (ADR 0032 §4).
/// </summary>
public sealed partial class InquiryLog(IInquiryBatchWriter writer, TimeProvider clock, ILogger<InquiryLog> logger) : BackgroundService
{
    public const int Capacity = 50_000;
    public const int MaxBatch = 5_000;

    // An entry is one request's inquiries (one, or a batch check's items): they are always committed together.
    private readonly Channel<(InquiryRow[] Rows, TaskCompletionSource Stored)> queue =
        Channel.CreateBounded<(InquiryRow[], TaskCompletionSource)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    /// <summary>Records that <paramref name="caller"/> read <paramref name="subjectId"/>'s data, and returns the inquiry's id once it is durable.</summary>
    public Task<Guid> RecordAsync(Caller caller, string subjectId, string purpose, string endpoint, string? returned, CancellationToken cancellationToken = default) =>
        RecordAsync(caller, subjectId, new InquiryReason(purpose), endpoint, returned, cancellationToken);

    /// <summary>Records that <paramref name="caller"/> read <paramref name="subjectId"/>'s data for <paramref name="why"/> (purpose and note), and returns the inquiry's id once it is durable.</summary>
    public async Task<Guid> RecordAsync(Caller caller, string subjectId, InquiryReason why, string endpoint, string? returned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(why);
        var ids = await RecordAllAsync(caller, [new InquiryEntry(subjectId, why, returned)], endpoint, cancellationToken);
        return ids[0];
    }

    /// <summary>
    /// Records several inquiries of one request (a batch check's items, ADR 0050) in the same commit, and returns their
    /// ids, in order, once all of them are durable.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RecordAllAsync(Caller caller, IReadOnlyList<InquiryEntry> entries, string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, $"At most {MaxBatch} inquiries are committed together.");
        }

        // Microseconds, as PostgreSQL keeps them: the digest is computed over what is stored.
        var now = Ledger.LedgerChain.Truncate(clock.GetUtcNow());
        var role = caller.Role?.Code() ?? (caller.SubjectId is null ? null : "subject");
        var rows = new InquiryRow[entries.Count];
        var ids = new Guid[entries.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var entry = entries[i];
            ArgumentNullException.ThrowIfNull(entry.Why);
            rows[i] = new InquiryRow
            {
                Id = ids[i] = Guid.CreateVersion7(now),
                At = now,
                SubjectId = entry.SubjectId,
                Department = caller.Department,
                Role = role,
                Actor = caller.Actor,
                Purpose = entry.Why.Purpose,
                Note = entry.Why.Note,
                Endpoint = endpoint,
                Returned = entry.Returned,
            };
        }

        if (rows.Length == 0)
        {
            return ids;
        }

        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync((rows, stored), cancellationToken);
        await stored.Task.WaitAsync(cancellationToken);
        return ids;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Up to Concurrency batches in flight: while one commits (a durable commit waits for the disk), the next takes
        // whatever has queued meanwhile and commits alongside, instead of every request waiting a commit more.
        var writers = Math.Max(1, writer.Concurrency);
        using var inFlight = new SemaphoreSlim(writers, writers);
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await inFlight.WaitAsync(stoppingToken);
                var batch = new List<(InquiryRow[] Rows, TaskCompletionSource Stored)>(256);
                var rows = 0;
                // A request's inquiries are never split between commits: an entry that would pass MaxBatch waits for the next.
                while (reader.TryPeek(out var next) && (rows == 0 || rows + next.Rows.Length <= MaxBatch) && reader.TryRead(out var item))
                {
                    batch.Add(item);
                    rows += item.Rows.Length;
                }

                if (batch.Count == 0)
                {
                    inFlight.Release();
                    continue;
                }

                _ = FlushThenReleaseAsync(batch, inFlight, stoppingToken);
            }
        }
        finally
        {
            // Stopping: let the batches in flight finish (or fail their requests) before the host goes.
            for (var i = 0; i < writers; i++)
            {
                await inFlight.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task FlushThenReleaseAsync(
        List<(InquiryRow[] Rows, TaskCompletionSource Stored)> batch, SemaphoreSlim inFlight, CancellationToken stoppingToken)
    {
        try
        {
            await FlushAsync(batch, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            foreach (var item in batch)
            {
                item.Stored.TrySetCanceled(stoppingToken);
            }
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task FlushAsync(List<(InquiryRow[] Rows, TaskCompletionSource Stored)> batch, CancellationToken stoppingToken)
    {
        var rows = batch.SelectMany(b => b.Rows).ToList();
        var now = clock.GetUtcNow();
        var written = new InquiryBatchRow { Id = Guid.CreateVersion7(now), WrittenAt = Ledger.LedgerChain.Truncate(now), Count = rows.Count, Digest = "" };
        var digest = new InquiryDigest();
        foreach (var row in rows)
        {
            row.BatchId = written.Id;
            digest.Add(row);
        }

        written.Digest = digest.Finish();

        // A failed write is retried: the requests wait rather than answer without their inquiry stored.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await writer.WriteAsync(written, rows, stoppingToken);
                foreach (var item in batch)
                {
                    item.Stored.TrySetResult();
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(logger, ex, rows.Count, attempt);
                if (attempt >= 5)
                {
                    foreach (var item in batch)
                    {
                        item.Stored.TrySetException(new InvalidOperationException("The inquiry could not be stored; the request is refused.", ex));
                    }

                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} inquiries failed (attempt {Attempt})")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt);
}
