using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Designations;

/// <summary>
/// A subject never holds a red entry beside a black one that stands (ADR 0042; docs/designations.md#red-and-black): when a
/// transition leaves a black designation standing (decided, or in force again after an objection or a person's reach
/// put back), every red entry of its subject — and of each responsible person it reaches, on a list that reaches them —
/// that is noticed, effective or suspended within its term is set aside as <c>suspended-by-conflict</c>, one
/// <c>designation-suspended-by-conflict</c> event each, in the same transaction, under the same ledger lock. The red
/// list's department then has <c>conflictReviewWorkingDays</c> to revoke or confirm it.
/// </summary>
internal static class ConflictSuspensions
{
    /// <summary>The red rows set aside (tracked, written, not yet saved) with their events' positions.</summary>
    public static async Task<List<(DesignationRow Row, long Position)>> SuspendAsync(
        PublicCreditDbContext db, AppendToLedger ledger, CreditCatalog catalog, DesignationRow black, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var suspended = new List<(DesignationRow, long)>();
        if (!catalog.ListTypes.TryGet(black.ListType, out var blackList) || blackList.Kind != ListKind.Black || !black.StandsAt(now))
        {
            return suspended;
        }

        List<string> subjects = [black.SubjectId];
        if (blackList.ReachesResponsiblePersons)
        {
            subjects.AddRange(await db.ResponsiblePersons.AsNoTracking()
                .Where(p => p.DesignationId == black.Id && p.ReachSuspendedAt == null && p.ReachEndedAt == null)
                .Select(p => p.ResidentId).ToListAsync(cancellationToken));
        }

        List<string> red = [.. catalog.ListTypes.Where(l => l.Kind == ListKind.Red && l.Eligibility is { NoEffectiveBlack: true }).Select(l => l.Code)];
        var candidates = await db.Designations
            .Where(d => subjects.Contains(d.SubjectId) && red.Contains(d.ListType)
                        && (d.Status == DesignationStatus.Noticed || d.Status == DesignationStatus.Effective || d.Status == DesignationStatus.Suspended))
            .OrderBy(d => d.NoticedAt).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        foreach (var row in candidates)
        {
            if (DesignationLifecycle.SuspendByConflict(row.State, now) is not { } next)
            {
                continue; // its term is over: nothing to set aside
            }

            var due = ReviewDue(catalog, row.ListType, now);
            var recorded = await ledger.AppendAsync(LedgerEntry.Of(
                new DesignationSuspendedByConflict(row.Id, row.ListType, row.Status.Code(), next.Stored.Code(), black.Id, black.ListType, due),
                actor, row.Department, row.SubjectId), cancellationToken);
            row.ConflictWith = black.Id;
            row.ConflictReviewDue = due;
            row.Apply(next, recorded.Position);
            suspended.Add((row, recorded.Position));
        }

        return suspended;
    }

    /// <summary>The red list's review period in working days from today; unknown (null) when the calendar does not reach
    /// it — the suspension itself never waits for the catalog.</summary>
    private static DateOnly? ReviewDue(CreditCatalog catalog, string listType, DateTimeOffset now)
    {
        var days = catalog.ListTypes.TryGet(listType, out var list) && list.Eligibility is { } eligibility
            ? eligibility.ConflictReview
            : RedEligibility.DefaultConflictReview;
        try
        {
            return catalog.Calendar.AddWorkingDays(ChinaTime.DateOf(now), days);
        }
        catch (DomainException missing) when (missing.Code == CommonProblemCodes.CalendarYearMissing)
        {
            return null;
        }
    }
}
