using Microsoft.EntityFrameworkCore;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Changes;

/// <summary>
/// Announces the end of publicity (docs/domain.md#publicity-periods: at the end of the period publication stops everywhere,
/// downstream feeds included). Public views stop showing a record at 00:00 China time after its <c>publicUntil</c> on
/// their own (they compute it from the request time); this use case tells downstream systems, through the ledger and
/// so the changes feed: it finds current published versions whose period has ended and whose end was not yet
/// announced, and per chunk of up to <see cref="MaxChunk"/> marks them (<see cref="RecordRow.WithdrawalPosition"/>) and
/// appends one event, in one transaction under the ledger writers' lock — <c>record-withdrawn</c> for one record,
/// <c>records-withdrawn</c> listing <c>{id, version, publicUntil}</c> for several (ADR 0006's chunk pattern, ADR 0008).
/// Running it twice, or on two nodes at once, announces each end once.
/// </summary>
public sealed class AnnounceWithdrawals(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock) : IRoundWork
{
    public const string WithdrawnEvent = RecordWithdrawn.EventType;
    public const string ChunkWithdrawnEvent = RecordsWithdrawn.EventType;
    public const string Actor = "system:publicity-end";
    public const int MaxChunk = 1000;

    /// <summary>Announces every end due by now, chunk after chunk; returns how many records it announced.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var announced = await RunChunkAsync(cancellationToken);
            total += announced;
            if (announced < MaxChunk)
            {
                return total;
            }
        }
    }

    private async Task<int> RunChunkAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        // Read under the lock: a correction or another node's run cannot change these rows before the commit.
        var today = ChinaTime.Today(clock);
        var ended = await db.Records.Current().EndedUnannounced(today)
            .OrderBy(r => r.PublicUntil)
            .ThenBy(r => r.Id)
            .Take(MaxChunk)
            .ToListAsync(cancellationToken);
        if (ended.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        var entry = ended.Count == 1
            ? LedgerEntry.Of(new RecordWithdrawn(ended[0].Id, ended[0].Version, ended[0].PublicUntil), Actor, ended[0].Department, ended[0].SubjectId)
            : LedgerEntry.Of(
                new RecordsWithdrawn(ended.Count, [.. ended.Select(r => new RecordWithdrawn(r.Id, r.Version, r.PublicUntil))]), Actor, null, null);
        var recorded = await ledger.AppendAsync(entry, cancellationToken);
        foreach (var row in ended)
        {
            row.WithdrawalPosition = recorded.Position;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ended.Count;
    }
}
