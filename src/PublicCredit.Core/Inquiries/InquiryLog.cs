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

    private readonly Channel<(InquiryRow Row, TaskCompletionSource Stored)> queue =
        Channel.CreateBounded<(InquiryRow, TaskCompletionSource)>(new BoundedChannelOptions(Capacity)
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
        // Microseconds, as PostgreSQL keeps them: the digest is computed over what is stored.
        var now = Ledger.LedgerChain.Truncate(clock.GetUtcNow());
        var row = new InquiryRow
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            SubjectId = subjectId,
            Department = caller.Department,
            Role = caller.Role?.Code() ?? (caller.SubjectId is null ? null : "subject"),
            Actor = caller.Actor,
            Purpose = why.Purpose,
            Note = why.Note,
            Endpoint = endpoint,
            Returned = returned,
        };
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync((row, stored), cancellationToken);
        await stored.Task.WaitAsync(cancellationToken);
        return row.Id;
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
                var batch = new List<(InquiryRow Row, TaskCompletionSource Stored)>(Math.Min(MaxBatch, 256));
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
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
        List<(InquiryRow Row, TaskCompletionSource Stored)> batch, SemaphoreSlim inFlight, CancellationToken stoppingToken)
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

    private async Task FlushAsync(List<(InquiryRow Row, TaskCompletionSource Stored)> batch, CancellationToken stoppingToken)
    {
        var rows = batch.ConvertAll(b => b.Row);
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
                LogWriteFailed(logger, ex, batch.Count, attempt);
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
