using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Records;
using PublicCredit.Storage;

namespace PublicCredit.Objections;

/// <summary>
/// A record under objection is not corrected (<see cref="CorrectRecord"/>). Under review, the department answers the
/// objection before it corrects (a correction would republish what the objection suspended); once an objection is
/// upheld the record is withdrawn for good (ADR 0013 §3) — a corrected decision is a new record with its own document.
/// </summary>
public sealed class ObjectionsHoldCorrections(PublicCreditDbContext db) : IRecordCorrectionHold
{
    public async Task RefuseCorrectionAsync(Guid recordId, CancellationToken cancellationToken)
    {
        var standing = await db.Objections.AsNoTracking()
            .Where(o => o.RecordId == recordId && o.Status != ObjectionStatus.Rejected)
            .Select(o => o.Status)
            .ToListAsync(cancellationToken);
        if (standing.Contains(ObjectionStatus.Upheld))
        {
            throw DomainException.Conflict(ObjectionProblemCodes.RecordWithdrawn,
                "An objection against this record was upheld: it is withdrawn for good; record the corrected decision as a new record.");
        }

        if (standing.Contains(ObjectionStatus.Open))
        {
            throw DomainException.Conflict(ObjectionProblemCodes.RecordObjectionOpen,
                "An objection against this record is under review: resolve it (POST /api/v1/objections/{id}/resolve) before correcting.");
        }
    }
}
