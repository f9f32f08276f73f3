using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Storage;

namespace PublicCredit.Objections;

/// <summary>The review deadline of each open objection against the designations listed (<c>objection-review</c>,
/// docs/domain.md#objections-and-restoration; ADR 0013): the department's, overdue once passed.</summary>
public sealed class DesignationObjectionDeadlines(PublicCreditDbContext db) : IDesignationDeadlines
{
    public async Task<IReadOnlyList<HeldDeadline>> OpenAsync(IReadOnlyList<Guid> designationIds, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(designationIds);
        List<Guid> ids = [.. designationIds];
        var reviews = await db.Objections.AsNoTracking()
            .Where(o => o.DesignationId != null && ids.Contains(o.DesignationId.Value) && o.Status == ObjectionStatus.Open)
            .Select(o => new { DesignationId = o.DesignationId!.Value, o.ReviewDeadline })
            .ToListAsync(cancellationToken);
        return [.. reviews.Where(o => o.ReviewDeadline is not null).Select(o => new HeldDeadline(o.DesignationId,
            new DesignationDeadline("objection-review", o.ReviewDeadline!.Value, today > o.ReviewDeadline.Value)))];
    }
}
