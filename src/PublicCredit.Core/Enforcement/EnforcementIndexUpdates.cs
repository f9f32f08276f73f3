using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Storage;

namespace PublicCredit.Enforcement;

/// <summary>An effective, unobjected designation as the start-up load reads it: what the index needs, no more.</summary>
public sealed record EnforcedRow(
    Guid Id, string ListType, string SubjectId, IReadOnlyList<string> ResponsiblePersons, DateTimeOffset From, DateTimeOffset Until);

/// <summary>
/// Keeps the <see cref="EnforcementIndex"/> equal to the stored designations (docs/design.md#the-hot-path-the-embedded-check; ADR 0010): loaded
/// whole at start-up, then told of every transition this process commits (<see cref="IDesignationCommitted"/>) and,
/// on PostgreSQL, of every transition other nodes commit (<see cref="FollowLedger"/>, ADR 0012).
/// A designation is in the index while it is stored effective with no open objection; its term is kept in the entry,
/// so expiry needs no event (the check compares <c>asOf</c> with the term).
/// </summary>
/// <remarks>
/// Two paths report the same designation: this process's own commit (after commit, with the row it wrote) and the
/// ledger follower (with the row as it re-read it, possibly before a later local commit). A state is applied only if
/// it is newer than what the index already shows for that designation — the row's <see cref="DesignationRow.LedgerPosition"/>
/// is its version — so neither path can take a designation back to an older state, and applying a state twice is a
/// no-op (ADR 0012 §3). Versions are remembered only above <see cref="Followed"/>: anything at or below it the follower
/// has already applied in ledger order, from a read made after that event committed.
/// </remarks>
public sealed class EnforcementIndexUpdates(EnforcementIndex index) : IDesignationCommitted
{
    /// <summary>Without a follower (SQLite, one node) versions are forgotten beyond this many ledger positions back: a
    /// commit's own hook runs microseconds after its commit, never thousands of transitions later.</summary>
    private const long UnfollowedMemory = 10_000;

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, long> applied = [];
    private long followed;
    private long newest;

    public EnforcementIndex Index { get; } = index;

    /// <summary>The ledger position up to which every event has been applied in order (the load, then the follower).</summary>
    public long Followed
    {
        get
        {
            lock (gate)
            {
                return followed;
            }
        }
    }

    /// <summary>Loads every enforced designation and its responsible persons; sets the position to the ledger head.
    /// Returns how many designations were loaded.</summary>
    public async Task<int> LoadAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.LedgerHead.AsNoTracking().Select(h => h.Position).SingleAsync(cancellationToken);
        // Persons first (far fewer), then the designations streamed straight into the index: no list of millions of
        // rows is ever held (start-up memory; bench check-http reports the load time at 2M designations).
        // Only the persons a designation reaches now: a person's own objection holds its reach (docs/objections.md#responsible-persons).
        var persons = (await db.ResponsiblePersons.AsNoTracking()
                .Where(p => p.ReachSuspendedAt == null && p.ReachEndedAt == null)
                .Select(p => new { p.DesignationId, p.ResidentId })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.DesignationId, p => p.ResidentId);
        var rows = db.Designations.AsNoTracking()
            .Where(DesignationInForce.Enforceable)
            .Select(d => new { d.Id, d.ListType, d.SubjectId, d.EffectiveFrom, d.ExpiresAt })
            .AsAsyncEnumerable();
        var loaded = 0;
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            loaded += Load([new EnforcedRow(r.Id, r.ListType, r.SubjectId, [.. persons[r.Id]], r.EffectiveFrom!.Value, r.ExpiresAt!.Value)]);
        }

        // Rows read after the head may already show later transitions; the follower re-applies those events from the
        // head on, reading the then-current rows, so nothing is missed and nothing goes back.
        MarkFollowed(head);
        return loaded;
    }

    /// <summary>Puts designations read elsewhere (the start-up load; the benchmark's synthetic rows) into the index;
    /// returns how many had a list type the catalog knows.</summary>
    public int Load(IEnumerable<EnforcedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var loaded = 0;
        foreach (var row in rows)
        {
            if (!Index.Rules.TryListType(row.ListType, out var list))
            {
                continue;
            }

            Put(row.Id, list, row.SubjectId, row.ResponsiblePersons, row.From, row.Until);
            loaded++;
        }

        return loaded;
    }

    /// <summary>Every event up to <paramref name="position"/> has been applied (called by the follower after each event).</summary>
    public void MarkFollowed(long position)
    {
        lock (gate)
        {
            if (position <= followed)
            {
                return;
            }

            followed = position;
            foreach (var (id, version) in applied)
            {
                if (version <= followed)
                {
                    applied.Remove(id);
                }
            }
        }

        Index.Advance(position);
    }

    /// <inheritdoc />
    /// <remarks><paramref name="position"/> is the event being reported; the designation's own version is its
    /// <see cref="DesignationRow.LedgerPosition"/> (equal for a local commit, possibly later for the follower).</remarks>
    public void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, long position) =>
        Committed(designation, responsiblePersons, [], position);

    /// <inheritdoc />
    public void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, IReadOnlyList<string> heldPersons, long position)
    {
        ArgumentNullException.ThrowIfNull(designation);
        ArgumentNullException.ThrowIfNull(responsiblePersons);
        ArgumentNullException.ThrowIfNull(heldPersons);
        lock (gate)
        {
            var version = designation.LedgerPosition;
            if (version <= followed || (applied.TryGetValue(designation.Id, out var shown) && shown >= version))
            {
                // Already showing this state or a newer one (ADR 0012 §3).
                Index.Advance(position);
                return;
            }

            Apply(designation, responsiblePersons, heldPersons);
            applied[designation.Id] = version;
            newest = Math.Max(newest, version);
            if (applied.Count > UnfollowedMemory)
            {
                foreach (var (id, seen) in applied)
                {
                    if (seen < newest - UnfollowedMemory)
                    {
                        applied.Remove(id);
                    }
                }
            }
        }

        Index.Advance(position);
    }

    private void Apply(DesignationRow designation, IReadOnlyList<string> responsiblePersons, IReadOnlyList<string> heldPersons)
    {
        // A person whose reach is held is in no entry of this designation, whatever its state (docs/objections.md#responsible-persons).
        foreach (var person in heldPersons)
        {
            Index.Remove(SubjectKey.Of(person), designation.Id);
        }

        // Only an effective designation with no objection under review triggers measures (docs/design.md#3-notice-before-listing, docs/design.md#4-an-objection-suspends-at-once);
        // the index keeps its term and answers for the instant of each check.
        if (designation.IsEnforceable() && Index.Rules.TryListType(designation.ListType, out var list))
        {
            Put(designation.Id, list, designation.SubjectId, responsiblePersons, designation.EffectiveFrom!.Value, designation.ExpiresAt!.Value);
        }
        else
        {
            Index.Remove(SubjectKey.Of(designation.SubjectId), designation.Id);
            foreach (var person in responsiblePersons)
            {
                Index.Remove(SubjectKey.Of(person), designation.Id);
            }
        }
    }

    private void Put(Guid id, ushort list, string subjectId, IEnumerable<string> persons, DateTimeOffset from, DateTimeOffset until)
    {
        var fromSeconds = EnforcedDesignation.Seconds(from);
        var untilSeconds = EnforcedDesignation.Seconds(until);
        Index.Put(SubjectKey.Of(subjectId), new EnforcedDesignation(id, list, Reach.Subject, fromSeconds, untilSeconds));
        foreach (var person in persons)
        {
            Index.Put(SubjectKey.Of(person), new EnforcedDesignation(id, list, Reach.ResponsiblePerson, fromSeconds, untilSeconds));
        }
    }
}
