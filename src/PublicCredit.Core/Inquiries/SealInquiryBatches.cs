using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Inquiries;

/// <summary>
/// Seals the inquiry log's batches in the ledger (ADR 0032 §4): one <c>inquiries-sealed</c> event names every batch
/// written since the last seal, with its count and digest, and marks the batches with the event's position. From then
/// on the ledger proves the inquiry log: a deleted, edited or added inquiry changes its batch's count or digest, and a
/// deleted batch leaves an event without its row. The inquiry log itself stays off the ledger's lock — one seal covers
/// every batch of the interval, from every node.
/// </summary>
public sealed class SealInquiryBatches(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock) : IRoundWork
{
    public const string EventType = InquiriesSealed.EventType;

    public const string Actor = "system:inquiry-seal";

    /// <summary>The most batches one event names (~150 bytes each in the payload); the rest wait for the next round.</summary>
    public const int MaxBatchesPerSeal = 500;

    /// <summary>Seals every unsealed batch (up to <see cref="MaxBatchesPerSeal"/>); returns how many it sealed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // Most rounds find nothing: ask without the ledger's lock first (both by an index).
        var unbatched = await db.Inquiries.AnyAsync(i => i.BatchId == null, cancellationToken);
        if (!unbatched && !await db.InquiryBatches.AnyAsync(b => b.SealedPosition == null, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        if (unbatched)
        {
            await AdoptUnbatchedAsync(cancellationToken);
        }

        // Read again under the lock: another node may have sealed them meanwhile.
        var batches = await db.InquiryBatches.Where(b => b.SealedPosition == null)
            .OrderBy(b => b.WrittenAt).ThenBy(b => b.Id)
            .Take(MaxBatchesPerSeal)
            .ToListAsync(cancellationToken);
        if (batches.Count == 0)
        {
            return 0;
        }

        var sealedBy = await ledger.AppendAsync(
            LedgerEntry.Of(new InquiriesSealed(batches.ConvertAll(b => new SealedBatch(b.Id, b.Count, b.Digest))), Actor, null, null), cancellationToken);
        foreach (var batch in batches)
        {
            batch.SealedPosition = sealedBy.Position;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batches.Count;
    }

    /// <summary>
    /// Inquiries written before batches were kept (a database upgraded to this version) are gathered into one batch by
    /// the first seal ever. After the first seal, an inquiry in no batch can only have been inserted outside the
    /// platform: it is left for verification to report, never adopted.
    /// </summary>
    private async Task AdoptUnbatchedAsync(CancellationToken cancellationToken)
    {
        if (await db.LedgerEvents.AnyAsync(e => e.Type == EventType, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var adopted = new InquiryBatchRow { Id = Guid.CreateVersion7(now), WrittenAt = LedgerChain.Truncate(now), Digest = "" };
        await db.Inquiries.Where(i => i.BatchId == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.BatchId, adopted.Id), cancellationToken);
        var digest = new InquiryDigest();
        await foreach (var row in db.Inquiries.AsNoTracking().Where(i => i.BatchId == adopted.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            digest.Add(row);
        }

        adopted.Count = digest.Count;
        adopted.Digest = digest.Finish();
        db.InquiryBatches.Add(adopted);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Seals the inquiry log's batches every <c>interval</c> of the injected clock (<c>serve --inquiry-seal-seconds</c>).</summary>
public sealed class InquirySealer(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<InquirySealer> logger)
    : RoundsOfWork<SealInquiryBatches>(scopes, clock, interval, logger)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    protected override string Work => "Sealed inquiry batches in the ledger";
}
