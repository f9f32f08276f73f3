using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Subscriptions;

/// <summary>The caller's department's subscriptions, newest first, and one of them (ADR 0052): checkers of that department only.</summary>
public sealed class ReadSubscriptions(PublicCreditDbContext db)
{
    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Checker);
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Department == caller.Department && s.DeletedAt == null)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Select(SubscriptionView.Of)];
    }

    public async Task<SubscriptionView> ReadAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return SubscriptionView.Of(await RegisterSubscription.FindOwnAsync(db, caller, id, cancellationToken));
    }
}

/// <summary>Ends a subscription (ADR 0052): nothing more is delivered; its pending deliveries are dropped. A ledger event.</summary>
public sealed class DeleteSubscription(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock)
{
    public async Task<SubscriptionView> RunAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var row = await RegisterSubscription.FindOwnAsync(db, caller, id, cancellationToken);
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        row.DeletedAt = now;
        row.DeletedBy = caller.Actor;
        await ledger.AppendAsync(LedgerEntry.Of(new SubscriptionDeleted(row.Id, now), caller.Actor, row.Department, null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SubscriptionView.Of(row);
    }
}

/// <summary>
/// Replaces a subscription's watchlist with the subjects of a CSV or NDJSON body (ADR 0052 §4): every row judged
/// first, nothing written when one is bad (422 listing rows and codes), at most <see cref="Watchlists.MaxSubjects"/>.
/// </summary>
public sealed class SetWatchlist(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock)
{
    public async Task<SubscriptionView> RunAsync(Caller caller, Guid id, Stream body, WatchlistFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await RegisterSubscription.FindOwnAsync(db, caller, id, cancellationToken);
        var subjects = await Watchlists.ReadAsync(body, format, ChinaTime.Today(clock), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var row = await RegisterSubscription.FindOwnAsync(db, caller, id, cancellationToken);
        await Watchlists.ReplaceWithinAsync(db, ledger, row, subjects, caller.Actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SubscriptionView.Of(row);
    }
}
