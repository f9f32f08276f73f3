using Microsoft.EntityFrameworkCore;
using PublicCredit.Designations;
using PublicCredit.Storage;

namespace PublicCredit.Objections;

/// <summary>The records an upheld objection withdrew (<see cref="IWithdrawnRecords"/>): withdrawn for good, whatever their publicity.</summary>
public sealed class UpheldRecordObjections(PublicCreditDbContext db) : IWithdrawnRecords
{
    public async Task<IReadOnlyCollection<Guid>> AmongAsync(IReadOnlyCollection<Guid> recordIds, CancellationToken cancellationToken) =>
        await db.Objections.AsNoTracking()
            .Where(o => o.RecordId != null && recordIds.Contains(o.RecordId.Value) && o.Status == ObjectionStatus.Upheld)
            .Select(o => o.RecordId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
}
