using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Inquiries;
using PublicCredit.Storage;

namespace PublicCredit.Ledger;

/// <summary>
/// The inquiry log's batches (ADR 0032 §4): every batch an <c>inquiries-sealed</c> event names must exist with that
/// count, digest and sealing position; a batch not yet sealed must not claim a seal.
/// </summary>
internal sealed class InquiryBatchesReconciler : IStateReconciler
{
    private const string TableName = "inquiry_batches";

    private readonly Dictionary<Guid, (long Position, int Count, string? Digest)> sealedBatches = [];

    public Type Table => typeof(InquiryBatchRow);

    public void Observe(LedgerEventRow row, JsonElement payload)
    {
        if (row.Type != SealInquiryBatches.EventType || !payload.TryGetProperty("batches", out var batches) || batches.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var batch in batches.EnumerateArray())
        {
            if (Payloads.Id(batch, "id") is { } id)
            {
                sealedBatches[id] = (row.Position, Payloads.Int(batch, "count") ?? -1, Payloads.String(batch, "digest"));
            }
        }
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        await foreach (var row in db.InquiryBatches.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var name = Payloads.Row(row.Id);
            if (!sealedBatches.TryGetValue(row.Id, out var ledgered))
            {
                if (row.SealedPosition is { } position)
                {
                    return new StateMismatch(TableName, name, "sealed_position",
                        $"the row claims the seal of ledger event {position}, which does not name this batch");
                }

                continue; // written since the last seal: its rows are still compared with its digest
            }

            seen.Add(row.Id);
            var check = new RowCheck(TableName, name)
                .Field("sealed_position", row.SealedPosition, ledgered.Position)
                .Field("count", row.Count, ledgered.Count)
                .Field("digest", row.Digest, ledgered.Digest);
            if (check.First is { } mismatch)
            {
                return mismatch;
            }
        }

        return StateMismatch.FirstDeleted(TableName, "id", sealedBatches.Keys, seen, k => sealedBatches[k].Position,
            Payloads.Row, "sealed this batch");
    }
}

/// <summary>
/// The inquiries themselves: each belongs to a batch, and each batch's inquiries must still count and hash to what the
/// batch recorded when it was written (and, once sealed, what the ledger holds). A deleted, edited or added inquiry
/// changes its batch's count or digest; an inquiry in no batch, or in a batch that does not exist, was inserted outside
/// the platform.
/// </summary>
internal sealed class InquiriesReconciler : IStateReconciler
{
    private const string TableName = "inquiries";

    public Type Table => typeof(InquiryRow);

    public void Observe(LedgerEventRow row, JsonElement payload)
    {
        // The batches prove the inquiries; the batches' own seals are InquiryBatchesReconciler's.
    }

    public async Task<StateMismatch?> CheckAsync(PublicCreditDbContext db, CancellationToken cancellationToken)
    {
        var batches = await db.InquiryBatches.AsNoTracking().ToDictionaryAsync(b => b.Id, b => (b.Count, b.Digest), cancellationToken);
        var checkedBatches = new HashSet<Guid>();
        (Guid Id, InquiryDigest Digest)? current = null;
        // One batch at a time (by the batch index), so memory holds one batch's row hashes, not the whole log's.
        await foreach (var row in db.Inquiries.AsNoTracking().OrderBy(i => i.BatchId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.BatchId is not { } batch)
            {
                return new StateMismatch(TableName, Payloads.Row(row.Id), "batch_id",
                    "the inquiry belongs to no batch: it was inserted outside the platform's inquiry log");
            }

            if (!batches.ContainsKey(batch))
            {
                return new StateMismatch(TableName, Payloads.Row(row.Id), "batch_id",
                    $"the inquiry names batch {batch}, which does not exist: it was inserted outside the platform's inquiry log");
            }

            if (current?.Id != batch)
            {
                if (current is { } done && Compare(done.Id, done.Digest, batches[done.Id]) is { } mismatch)
                {
                    return mismatch;
                }

                current = (batch, new InquiryDigest());
                checkedBatches.Add(batch);
            }

            current.Value.Digest.Add(row);
        }

        if (current is { } last && Compare(last.Id, last.Digest, batches[last.Id]) is { } lastMismatch)
        {
            return lastMismatch;
        }

        // A batch whose every inquiry is gone holds none of the inquiries it wrote.
        var emptied = batches.Keys.Where(b => batches[b].Count > 0 && !checkedBatches.Contains(b)).Order().FirstOrDefault();
        return emptied == Guid.Empty ? null : Compare(emptied, new InquiryDigest(), batches[emptied]);
    }

    private static StateMismatch? Compare(Guid id, InquiryDigest stored, (int Count, string Digest) written)
    {
        if (stored.Count != written.Count)
        {
            return new StateMismatch(TableName, $"batch {id}", "count",
                $"the batch wrote {written.Count} inquiries but the table holds {stored.Count} of them: inquiries were deleted or added");
        }

        return stored.Finish() == written.Digest
            ? null
            : new StateMismatch(TableName, $"batch {id}", "digest",
                "the batch's inquiries no longer hash to the digest it was written with: an inquiry was edited");
    }
}
