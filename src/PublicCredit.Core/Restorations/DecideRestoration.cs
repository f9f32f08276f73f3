using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Designations;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

/// <summary>
/// The owning department decides an accepted application (docs/api.md#restorations-and-removal <c>POST /api/v1/restorations/{id}/decide</c>
/// <c>{granted, reasons}</c>; docs/domain.md#objections-and-restoration: within 10 working days). Granted:
/// <list type="bullet">
/// <item>a designation becomes <c>restored</c> through <see cref="DesignationTransitions"/> and
/// <see cref="DesignationLifecycle.Restore"/> — one <c>designation-restored</c> event naming the application — and the
/// enforcement index drops it as the transaction commits, so the next check is clear (docs/design.md#5-restoration-is-free-and-on-time);</item>
/// <item>a record's publication stops at once: its current version is marked restored (every public view excludes it
/// from that instant) and its end of publicity is announced by the <c>record-restored</c> event, which the changes
/// feed carries (the publicity-end job then has nothing left to announce).</item>
/// </list>
/// Refused: the reasons are stored for the subject with its remedies (<c>restoration-refused</c>).
/// </summary>
public sealed class DecideRestoration(PublicCreditDbContext db, AppendToLedger ledger, DesignationTransitions transitions, TimeProvider clock)
{
    public async Task<RestorationStep> RunAsync(Caller caller, Guid id, RestorationStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Reviewer);

        var row = await RestorationSteps.LoadAsync(db, caller, id, cancellationToken);
        RestorationSteps.RequireStatus(row, RestorationStatus.Accepted, Codes.NotAccepted);
        var (granted, reasons) = RestorationSteps.Read(input, "granted");

        if (granted && row.DesignationId is { } designationId)
        {
            // The one transition runner takes the ledger lock, then the application is read again under it.
            await transitions.RunAsync(caller, designationId, async (designation, now, cancel) =>
            {
                await db.Entry(row).ReloadAsync(cancel);
                RestorationSteps.RequireStatus(row, RestorationStatus.Accepted, Codes.NotAccepted);
                // A person's application (docs/restorations.md#responsible-persons) ends the designation's reach to that
                // person for good and leaves the entry as it is; any other ends the entry.
                var reach = row.ReachOf is { } person
                    ? await db.ResponsiblePersons.FirstAsync(p => p.DesignationId == designation.Id && p.ResidentId == person, cancel)
                    : null;
                var next = reach is null ? DesignationLifecycle.Restore(designation.State, now) : designation.State;
                var late = Close(row, caller, now, reasons, RestorationStatus.Granted);
                var details = RestorationSteps.Payload(row, RestorationSteps.Decide, true, reasons, late);
                details.Remove("reasonsSha256"); // the runner hashes the reasons itself
                if (reach is not null)
                {
                    reach.ReachEndedAt ??= now;
                    details["reachOf"] = reach.Id; // the person's row, never the resident ID (ADR 0009 §4)
                }

                return new DesignationChange(next, reach is null ? DesignationEvents.Restored : DesignationEvents.ReachRestored, null, reasons, details,
                    position => row.LedgerPosition = position);
            }, cancellationToken);
            return new RestorationStep(row.Id, row.Status, row.DecidedAt!.Value, RestorationSteps.IsLate(row.DecidedAt.Value, row.DecideBy));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        await db.Entry(row).ReloadAsync(cancellationToken);
        RestorationSteps.RequireStatus(row, RestorationStatus.Accepted, Codes.NotAccepted);
        var at = LedgerChain.Truncate(clock.GetUtcNow());
        var wasLate = Close(row, caller, at, reasons, granted ? RestorationStatus.Granted : RestorationStatus.Refused);
        var payload = RestorationSteps.Step(row, RestorationSteps.Decide, granted, reasons, wasLate);
        if (!granted)
        {
            await RestorationSteps.RecordAsync(ledger, row, RestorationEvents.Refused, caller.Actor, payload, cancellationToken);
        }
        else
        {
            var record = await db.Records.Current().SingleAsync(r => r.Id == row.RecordId, cancellationToken);
            var recorded = await RestorationSteps.RecordAsync(
                ledger, row, RestorationEvents.RecordRestored, caller.Actor, payload with { Version = record.Version }, cancellationToken);
            record.RestoredAt = at;
            if (record.Published)
            {
                // The end of publicity is announced by this event (ADR 0008's withdrawal position): never twice.
                record.WithdrawalPosition ??= recorded.Position;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RestorationStep(row.Id, row.Status, at, wasLate);
    }

    /// <summary>Closes the application with the decision; returns whether it came after <c>decideBy</c>.</summary>
    private static bool Close(RestorationRow row, Caller caller, DateTimeOffset now, string? reasons, RestorationStatus status)
    {
        row.Status = status;
        row.DecidedAt = now;
        row.DecidedBy = caller.Actor;
        row.DecisionReasons = reasons;
        row.RefusedAtStep = status == RestorationStatus.Refused ? RestorationSteps.Decide : null;
        return RestorationSteps.IsLate(now, row.DecideBy);
    }
}
