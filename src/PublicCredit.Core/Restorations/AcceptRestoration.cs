using PublicCredit.Access;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

/// <summary>
/// The owning department accepts an application for review or refuses it at once (docs/api.md
/// <c>POST /api/v1/restorations/{id}/accept</c> <c>{accepted, reasons}</c>; docs/domain.md#objections-and-restoration: within 3 working days). A
/// reviewer of the department that designated or recorded; only a submitted application; a refusal needs reasons and
/// closes the application (the subject reads the reasons and its remedies). A step after <c>acceptBy</c> is still
/// taken, and its event says it was late — the deadline monitor has listed it meanwhile.
/// </summary>
public sealed class AcceptRestoration(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock)
{
    public async Task<RestorationStep> RunAsync(Caller caller, Guid id, RestorationStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Reviewer);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var row = await RestorationSteps.LoadAsync(db, caller, id, cancellationToken);
        RestorationSteps.RequireStatus(row, RestorationStatus.Submitted, Codes.NotSubmitted);
        var (accepted, reasons) = RestorationSteps.Read(input, "accepted");

        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var late = RestorationSteps.IsLate(now, row.AcceptBy);
        row.AcceptedAt = now;
        row.AcceptedBy = caller.Actor;
        row.AcceptanceReasons = reasons;
        row.Status = accepted ? RestorationStatus.Accepted : RestorationStatus.Refused;
        row.RefusedAtStep = accepted ? null : RestorationSteps.Accept;
        await RestorationSteps.RecordAsync(ledger, row, accepted ? RestorationEvents.Accepted : RestorationEvents.Refused, caller.Actor,
            RestorationSteps.Step(row, RestorationSteps.Accept, accepted, reasons, late), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RestorationStep(row.Id, row.Status, now, late);
    }
}
