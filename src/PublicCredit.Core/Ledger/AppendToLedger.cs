using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PublicCredit.Storage;

namespace PublicCredit.Ledger;

/// <summary>The PostgreSQL notification channel on which every append announces its position (ADR 0012).</summary>
public static class LedgerNotifications
{
    public const string Channel = "pcredit_ledger";
}

/// <summary>What a use case records: the event type, who did it, for which department and subject, and a payload.</summary>
public sealed partial record LedgerEntry(string Type, string Actor, string? Department, string? Subject, object Payload);

/// <summary>
/// Appends events to the hash chain inside the caller's transaction, so an event exists exactly when the state
/// change it records was committed (docs/design.md#8-everything-is-evidence). Writers are serialised: on PostgreSQL by a transaction
/// advisory lock, on SQLite by its single writer (BEGIN IMMEDIATE); the unique index on the previous hash is the
/// backstop that makes a fork impossible even if that serialisation were bypassed.
/// </summary>
public sealed class AppendToLedger(PublicCreditDbContext db, TimeProvider clock)
{
    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // Any constant works; all ledger writers must use the same one.
    private const long LedgerLockKey = 0x5043_4C45_4447_4552; // "PCLEDGER"

    /// <summary>
    /// The transaction that holds the writers' lock, and the head as of its last append or read under the lock: while
    /// the same transaction goes on, nobody else can move the head, so neither is asked for again (an import's chunk
    /// asks for both several times; each was a round trip to the server; ADR 0024 §10).
    /// </summary>
    private (IDbContextTransaction Transaction, long Position, string Hash)? held;

    private IDbContextTransaction? lockedBy;

    public async Task<LedgerEventRow> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException(
                "A ledger event must be appended inside the transaction of the change it records.");
        }

        var (lastPosition, lastHash) = await CurrentHeadAsync(cancellationToken);
        var content = new LedgerEventContent(
            lastPosition + 1,
            entry.Type,
            LedgerChain.Truncate(clock.GetUtcNow()),
            entry.Actor,
            entry.Department,
            entry.Subject,
            CanonicalJson.Serialize(entry.Payload));
        var hash = LedgerChain.ComputeHash(lastHash, content);
        var row = new LedgerEventRow
        {
            Position = content.Position,
            Type = content.Type,
            OccurredAt = content.OccurredAt,
            Actor = content.Actor,
            Department = content.Department,
            Subject = content.Subject,
            Payload = content.Payload,
            PreviousHash = lastHash,
            Hash = hash,
        };
        db.LedgerEvents.Add(row);
        MoveHead(content.Position, hash);
        held = (db.Database.CurrentTransaction!, content.Position, hash);
        if (db.Database.ProviderName == PostgresProvider)
        {
            // Other nodes follow the ledger (ADR 0012): NOTIFY is transactional, so they hear of the event exactly when
            // it commits, and never of one that rolled back.
            await db.Database.ExecuteSqlRawAsync(
                "SELECT pg_notify({0}, {1})", [LedgerNotifications.Channel, content.Position.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        }

        return row;
    }

    /// <summary>
    /// Takes the ledger writers' lock now, inside the current transaction, and holds it until commit: on PostgreSQL the
    /// transaction advisory lock (re-entrant, so the append that follows takes it again at no cost); on SQLite the
    /// transaction already holds the single writer lock (BEGIN IMMEDIATE). A use case calls this before reading the
    /// state its decision and event depend on (e.g. "does this document number exist?"), so no other writer can change
    /// that state between its read and its commit.
    /// </summary>
    public async Task LockAsync(CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The ledger lock is held by a transaction; begin one first.");
        if (ReferenceEquals(lockedBy, transaction))
        {
            return;
        }

        if (db.Database.ProviderName == PostgresProvider)
        {
            await db.Database.ExecuteSqlRawAsync(
                "SELECT pg_advisory_xact_lock({0})", [LedgerLockKey], cancellationToken);
        }

        lockedBy = transaction;
    }

    /// <summary>
    /// The position of the newest event, read under the writers' lock (taken here if not yet held): while it is the
    /// position a writer appended last, nobody else has changed anything since (every change is an event).
    /// </summary>
    public async Task<long> HeadPositionAsync(CancellationToken cancellationToken = default) =>
        (await CurrentHeadAsync(cancellationToken)).Position;

    private async Task<(long Position, string Hash)> CurrentHeadAsync(CancellationToken cancellationToken)
    {
        // A second append in the same unit of work follows the first one, which is not saved yet.
        var pending = db.ChangeTracker.Entries<LedgerEventRow>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .MaxBy(e => e.Position);
        if (pending is not null)
        {
            return (pending.Position, pending.Hash);
        }

        if (held is { } known && ReferenceEquals(known.Transaction, db.Database.CurrentTransaction))
        {
            return (known.Position, known.Hash);
        }

        await LockAsync(cancellationToken);

        // Read after the lock, untracked: a head tracked earlier by this context may be stale.
        var head = await db.LedgerHead.AsNoTracking().SingleAsync(cancellationToken);
        held = (db.Database.CurrentTransaction!, head.Position, head.Hash);
        return (head.Position, head.Hash);
    }

    private void MoveHead(long position, string hash)
    {
        var tracked = db.LedgerHead.Local.FirstOrDefault();
        if (tracked is null)
        {
            tracked = new LedgerHeadRow { Id = LedgerHeadRow.SingletonId, Hash = hash };
            db.LedgerHead.Attach(tracked);
        }

        tracked.Position = position;
        tracked.Hash = hash;
        db.Entry(tracked).State = EntityState.Modified;
    }
}
