using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>
/// What one transition did: the state <see cref="DesignationLifecycle"/> returned, the event type, the document it
/// was made by and its reasons (hashed into the event, never copied: free text may hold personal data), further
/// payload members, and a callback told the event's position (e.g. to stamp a statement row with it).
/// </summary>
public sealed record DesignationChange(
    DesignationState Next,
    string EventType,
    string? Document,
    string? Reasons,
    IReadOnlyDictionary<string, object?>? Details = null,
    Action<long>? Recorded = null);

/// <summary>
/// Runs one life-cycle transition of one designation (docs/design.md#designation-life-cycle: "every transition records actor, department, time,
/// reason and document, as one ledger event"): in one transaction it takes the ledger writers' lock <em>before</em>
/// reading the designation — so two concurrent decisions cannot both see it noticed — loads it, lets the use case
/// authorise and decide (<paramref name="decide"/> calls <see cref="DesignationLifecycle"/>; a refusal rolls back),
/// appends the event and writes the new state with the event's position. Objections, restorations and expiry
/// handling use it the same way (ADR 0009 §3).
/// </summary>
public sealed class DesignationTransitions(
    PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock, IEnumerable<IDesignationCommitted> committed,
    CreditCatalog catalog, ILogger<DesignationTransitions>? logger = null)
{
    public Task<(DesignationRow Designation, LedgerEventRow Event)> RunAsync(
        Caller caller, Guid id, Func<DesignationRow, DateTimeOffset, DesignationChange> decide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return RunAsync(caller, id, (row, now, _) => Task.FromResult(decide(row, now)), cancellationToken);
    }

    /// <inheritdoc cref="RunAsync(Caller, Guid, Func{DesignationRow, DateTimeOffset, DesignationChange}, CancellationToken)"/>
    /// <remarks>For a decision that reads more (persons, statements) while the lock is held.</remarks>
    public async Task<(DesignationRow Designation, LedgerEventRow Event)> RunAsync(
        Caller caller, Guid id, Func<DesignationRow, DateTimeOffset, CancellationToken, Task<DesignationChange>> decide,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(decide);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var row = await db.Designations.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw NotFound(id);
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var before = row.State;
        var change = await decide(row, now, cancellationToken);

        var recorded = await ledger.AppendAsync(
            new LedgerEntry(change.EventType, caller.Actor, row.Department, row.SubjectId, Payload(row, before, change)),
            cancellationToken);
        row.Apply(change.Next, recorded.Position);
        change.Recorded?.Invoke(recorded.Position);
        await db.SaveChangesAsync(cancellationToken);
        // Read after the save, in the transaction: a transition that suspended or ended a person's reach shows it.
        var (persons, held) = await ReachAsync(db, row.Id, cancellationToken);

        // A black entry that stands now sets aside the red entries beside it, in the same transaction (ADR 0042).
        var conflicts = await ConflictSuspensions.SuspendAsync(db, ledger, catalog, row, caller.Actor, now, cancellationToken);
        var conflictReach = new List<(DesignationRow Row, List<string> Reached, List<string> Held, long Position)>(conflicts.Count);
        if (conflicts.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (red, position) in conflicts)
            {
                var (redPersons, redHeld) = await ReachAsync(db, red.Id, cancellationToken);
                conflictReach.Add((red, redPersons, redHeld, position));
            }
        }

        await transaction.CommitAsync(cancellationToken);

        // After the commit, never before: derived state must not show what a rolled-back transaction did (ADR 0010 §1).
        // A failing observer never turns the committed transition into an error answer (ADR 0027 §2).
        AfterCommit.Tell(committed, observer => observer.Committed(row, persons, held, recorded.Position), logger, recorded.Position);
        foreach (var (red, redPersons, redHeld, position) in conflictReach)
        {
            AfterCommit.Tell(committed, observer => observer.Committed(red, redPersons, redHeld, position), logger, position);
        }

        return (row, recorded);
    }

    /// <summary>The persons a designation names, split into those it reaches now and those whose reach is held
    /// (suspended by their objection, or ended: docs/objections.md#responsible-persons).</summary>
    public static async Task<(List<string> Reached, List<string> Held)> ReachAsync(
        PublicCreditDbContext db, Guid designationId, CancellationToken cancellationToken, string tag = nameof(ReachAsync))
    {
        ArgumentNullException.ThrowIfNull(db);
        var named = await db.ResponsiblePersons.AsNoTracking().TagWith(tag)
            .Where(p => p.DesignationId == designationId)
            .Select(p => new { p.ResidentId, p.ReachSuspendedAt, p.ReachEndedAt })
            .ToListAsync(cancellationToken);
        return ([.. named.Where(p => p.ReachSuspendedAt == null && p.ReachEndedAt == null).Select(p => p.ResidentId)],
            [.. named.Where(p => p.ReachSuspendedAt != null || p.ReachEndedAt != null).Select(p => p.ResidentId)]);
    }

    /// <summary>The payload every transition event carries: ids, list type, the states, the document and a hash of the
    /// reasons — no personal data beyond the event's subject column (ADR 0009 §4).</summary>
    private static DesignationTransition Payload(DesignationRow row, DesignationState before, DesignationChange change)
    {
        var payload = new DesignationTransition(
            row.Id, row.ListType, before.Stored.Code(), change.Next.Stored.Code(), change.Document,
            change.Reasons is null ? null : Sha256(change.Reasons));
        var fixedMembers = CanonicalJson.Members(payload);
        foreach (var (name, value) in change.Details ?? new Dictionary<string, object?>())
        {
            // A detail may repeat a member (a restoration step names its designation): same value, written once.
            if (fixedMembers.TryGetValue(name, out var written))
            {
                if (written != CanonicalJson.Serialize(value))
                {
                    throw new InvalidOperationException($"The transition detail {name} contradicts the transition's own member.");
                }

                continue;
            }

            payload.Details[name] = value;
        }

        return payload;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text: what the ledger keeps of free text and stored documents.</summary>
    public static string Sha256(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static DomainException NotFound(Guid id) =>
        DomainException.NotFound(DesignationProblemCodes.NotFound, $"There is no designation {id}.");

    /// <summary>An id from a path: anything that is not a UUID is simply not a designation (404).</summary>
    public static Guid ParseId(string? id) =>
        PathIds.Parse(id, DesignationProblemCodes.NotFound, static raw => $"There is no designation '{JsonMembers.Shorten(raw)}'.");
}
