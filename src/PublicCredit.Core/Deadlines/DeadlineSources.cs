using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Records;
using PublicCredit.Restorations;
using PublicCredit.Storage;

namespace PublicCredit.Deadlines;

/// <summary>Restoration applications not accepted by <c>acceptBy</c> or not decided by <c>decideBy</c> (docs/domain.md#objections-and-restoration: 3 / 10 working days).</summary>
public sealed class RestorationDeadlines(PublicCreditDbContext db) : IDeadlineSource
{
    public string Name => "restorations";

    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.Restorations.AsNoTracking()
            .Where(r => (r.Status == RestorationStatus.Submitted && r.AcceptBy < today)
                        || (r.Status == RestorationStatus.Accepted && r.DecideBy < today))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.Status == RestorationStatus.Submitted
            ? new OverdueItem(Name, "restoration-accept", r.Department, r.AcceptBy, today.DayNumber - r.AcceptBy.DayNumber, r.Id, r.DesignationId, r.RecordId)
            : new OverdueItem(Name, "restoration-decide", r.Department, r.DecideBy, today.DayNumber - r.DecideBy.DayNumber, r.Id, r.DesignationId, r.RecordId))];
    }
}

/// <summary>Designations whose performance was recorded but which are still not removed after <c>removalDueBy</c> (docs/domain.md#lists).</summary>
public sealed class RemovalDeadlines(PublicCreditDbContext db) : IDeadlineSource
{
    public string Name => "automatic-removals";

    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        // Still listed: effective or suspended, within its term (a designation revoked or expired meanwhile is gone anyway).
        var rows = await (from p in db.Performances.AsNoTracking()
                          join d in db.Designations.AsNoTracking() on p.DesignationId equals d.Id
                          where p.RemovedAt == null && p.RemovalDueBy < today && d.ExpiresAt > now
                                && (d.Status == DesignationStatus.Effective || d.Status == DesignationStatus.Suspended)
                          select new { p.DesignationId, p.Department, p.RemovalDueBy })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OverdueItem(Name, "designation-removal", r.Department, r.RemovalDueBy,
            today.DayNumber - r.RemovalDueBy.DayNumber, DesignationId: r.DesignationId))];
    }
}

/// <summary>
/// Publicity obligations: current published versions whose period has ended but whose end has not been announced to
/// downstream systems (docs/domain.md#publicity-periods: publication stops everywhere, feeds included). Public views already hide them on
/// their own; an item listed for more than a minute means the publicity-end job is behind (it runs every 30 s, ADR 0008).
/// </summary>
public sealed class PublicityDeadlines(PublicCreditDbContext db) : IDeadlineSource
{
    public string Name => "publicity-end";

    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.Records.AsNoTracking().Current().EndedUnannounced(today)
            .OrderBy(r => r.PublicUntil)
            .Take(1000)
            .Select(r => new { r.Id, r.Department, r.PublicUntil })
            .ToListAsync(cancellationToken);
        // Due on the first day after the last public day, when publication stops (ADR 0008).
        return [.. rows.Select(r => new OverdueItem(Name, "publicity-end-announcement", r.Department, r.PublicUntil!.Value.AddDays(1),
            today.DayNumber - r.PublicUntil.Value.AddDays(1).DayNumber, RecordId: r.Id))];
    }
}

/// <summary>Objections still open after their review deadline (docs/domain.md#objections-and-restoration; catalog <c>objections.reviewWorkingDays</c>; ADR 0013):
/// the target stays suspended meanwhile, so a late review keeps a measure from applying — still the department's duty.</summary>
public sealed class ObjectionDeadlines(PublicCreditDbContext db) : IDeadlineSource
{
    public string Name => "objections";

    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.Objections.AsNoTracking()
            .Where(o => o.Status == Objections.ObjectionStatus.Open && o.ReviewDeadline != null && o.ReviewDeadline < today)
            .Select(o => new { o.Id, o.Department, o.ReviewDeadline, o.DesignationId, o.RecordId })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(o => new OverdueItem(Name, "objection-review", o.Department, o.ReviewDeadline!.Value,
            today.DayNumber - o.ReviewDeadline.Value.DayNumber, DesignationId: o.DesignationId, RecordId: o.RecordId, ObjectionId: o.Id))];
    }
}

/// <summary>Red entries a black one set aside (<c>suspended-by-conflict</c>, ADR 0042) that their department has neither
/// revoked nor confirmed by <c>conflictReviewDue</c> (the red list's <c>conflictReviewWorkingDays</c>).</summary>
public sealed class ConflictReviewDeadlines(PublicCreditDbContext db) : IDeadlineSource
{
    public string Name => "conflict-reviews";

    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.Designations.AsNoTracking()
            .Where(d => d.Status == DesignationStatus.SuspendedByConflict && d.ConflictReviewDue != null && d.ConflictReviewDue < today)
            .Select(d => new { d.Id, d.Department, d.ConflictReviewDue })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(d => new OverdueItem(Name, "conflict-review", d.Department, d.ConflictReviewDue!.Value,
            today.DayNumber - d.ConflictReviewDue.Value.DayNumber, DesignationId: d.Id))];
    }
}
