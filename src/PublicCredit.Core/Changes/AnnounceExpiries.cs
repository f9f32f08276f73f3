using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Changes;

/// <summary>
/// Announces the end of designations' terms (ADR 0044; docs/changes.md#designation-items). Checks and public views stop
/// applying a designation at its <c>expiresAt</c> on their own (they compute it from the request time); this use case
/// tells downstream systems, through the ledger and so the changes feed: it finds designations whose term has ended
/// while they were still effective or suspended by an objection under review and whose end was not yet announced, and per
/// chunk of up to <see cref="MaxChunk"/> appends one <c>designation-expired</c> event each and marks them
/// (<see cref="DesignationRow.ExpiryPosition"/>), in one transaction under the ledger writers' lock. Running it twice,
/// or on two nodes at once, announces each end once. A designation revoked, restored or removed before its end is
/// not announced: its own event already took it off the lists.
/// </summary>
public sealed class AnnounceExpiries(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock) : IRoundWork
{
    public const string Actor = "system:designation-expiry";
    public const int MaxChunk = 500;

    /// <summary>The stored states a term's end takes off a list — in force, or suspended by an objection under review (the
    /// copy downstream still holds it): an expiry of anything else would announce nothing.</summary>
    private static readonly DesignationStatus[] Ending = [DesignationStatus.Effective, DesignationStatus.Suspended];

    /// <summary>Announces every end due by now, chunk after chunk; returns how many designations it announced.</summary>
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
        // Read under the lock: a revocation or another node's run cannot change these rows before the commit.
        var now = clock.GetUtcNow();
        var ended = await db.Designations
            .Where(d => Ending.Contains(d.Status) && d.ExpiryPosition == null && d.ExpiresAt != null && d.ExpiresAt <= now)
            .OrderBy(d => d.ExpiresAt)
            .ThenBy(d => d.Id)
            .Take(MaxChunk)
            .ToListAsync(cancellationToken);
        if (ended.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        foreach (var row in ended)
        {
            var recorded = await ledger.AppendAsync(
                LedgerEntry.Of(new DesignationExpired(row.Id, row.ListType, row.ExpiresAt!.Value), Actor, row.Department, row.SubjectId),
                cancellationToken);
            row.ExpiryPosition = recorded.Position;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ended.Count;
    }
}
