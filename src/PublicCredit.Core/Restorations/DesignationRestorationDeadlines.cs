using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Storage;

namespace PublicCredit.Restorations;

/// <summary>The deadline of each restoration application under way on the designations listed: to accept it
/// (<c>restoration-accept</c>) or to decide it (<c>restoration-decide</c>), the department's working-day deadline
/// (ADR 0014), overdue once passed.</summary>
public sealed class DesignationRestorationDeadlines(PublicCreditDbContext db) : IDesignationDeadlines
{
    public async Task<IReadOnlyList<HeldDeadline>> OpenAsync(IReadOnlyList<Guid> designationIds, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(designationIds);
        List<Guid> ids = [.. designationIds];
        var restorations = await db.Restorations.AsNoTracking()
            .Where(r => r.DesignationId != null && ids.Contains(r.DesignationId.Value)
                        && (r.Status == RestorationStatus.Submitted || r.Status == RestorationStatus.Accepted))
            .ToListAsync(cancellationToken);
        return [.. restorations.Select(r => new HeldDeadline(r.DesignationId!.Value, new DesignationDeadline(
            r.Status == RestorationStatus.Submitted ? "restoration-accept" : "restoration-decide", r.DueBy, today > r.DueBy)))];
    }
}
