using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Storage;

namespace PublicCredit.Enforcement;

/// <summary>
/// Keeps the <see cref="EnforcementIndex"/> equal to the stored designations (DESIGN "Hot path"; ADR 0010): loaded
/// whole at start-up, then told of every transition this process commits (<see cref="IDesignationCommitted"/>).
/// A designation is in the index while it is stored effective with no open objection; its term is kept in the entry,
/// so expiry needs no event (the check compares <c>asOf</c> with the term).
/// </summary>
public sealed class EnforcementIndexUpdates(EnforcementIndex index) : IDesignationCommitted
{
    public EnforcementIndex Index { get; } = index;

    /// <summary>Loads every enforced designation and its responsible persons; sets the position to the ledger head.
    /// Returns how many designations were loaded.</summary>
    public async Task<int> LoadAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.LedgerHead.AsNoTracking().Select(h => h.Position).SingleAsync(cancellationToken);
        var rows = await db.Designations.AsNoTracking()
            .Where(d => d.Status == DesignationStatus.Effective && !d.ObjectionOpen)
            .Select(d => new { d.Id, d.ListType, d.SubjectId, d.EffectiveFrom, d.ExpiresAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToHashSet();
        var persons = (await db.ResponsiblePersons.AsNoTracking()
                .Select(p => new { p.DesignationId, p.ResidentId })
                .ToListAsync(cancellationToken))
            .Where(p => ids.Contains(p.DesignationId))
            .ToLookup(p => p.DesignationId, p => p.ResidentId);

        var loaded = 0;
        foreach (var row in rows)
        {
            if (row.EffectiveFrom is not { } from || row.ExpiresAt is not { } until || !Index.Rules.TryListType(row.ListType, out var list))
            {
                continue;
            }

            Put(row.Id, list, row.SubjectId, persons[row.Id], from, until);
            loaded++;
        }

        Index.Advance(head);
        return loaded;
    }

    /// <inheritdoc />
    public void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, long position)
    {
        ArgumentNullException.ThrowIfNull(designation);
        ArgumentNullException.ThrowIfNull(responsiblePersons);
        var state = designation.State;
        // Only an effective designation with no objection under review triggers measures (DESIGN principle 3 and 4).
        if (state.Stored == DesignationStatus.Effective && !state.ObjectionOpen && state.Decision is { } decision
            && Index.Rules.TryListType(designation.ListType, out var list))
        {
            Put(designation.Id, list, designation.SubjectId, responsiblePersons, decision.EffectiveFrom, decision.ExpiresAt);
        }
        else
        {
            Index.Remove(SubjectKey.Of(designation.SubjectId), designation.Id);
            foreach (var person in responsiblePersons)
            {
                Index.Remove(SubjectKey.Of(person), designation.Id);
            }
        }

        Index.Advance(position);
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
