using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

public sealed record SubmittedRestoration(Guid Id, RestorationStatus Status, DateOnly AcceptBy, DateOnly DecideBy, DateOnly EarliestRestoration, string Department);

/// <summary>
/// The subject applies for credit restoration through the single window (docs/api.md#restorations-and-removal <c>POST /api/v1/restorations</c>;
/// docs/domain.md#objections-and-restoration; docs/design.md#5-restoration-is-free-and-on-time): with its own self-service token only, a signed commitment (<c>commitment: true</c>)
/// and optional evidence, against one designation that is in force or one record that is public now. The platform
/// checks the minimum publicity period (<see cref="RestorationConditions"/>) and fixes the deadlines from the catalog
/// calendar: accept by the 3rd and decide by the 10th working day after submission (last days inclusive). One open
/// application per target. No fee is asked or recorded anywhere (docs/domain.md#objections-and-restoration).
/// </summary>
public sealed class SubmitRestoration(PublicCreditDbContext db, AppendToLedger ledger, CreditCatalog catalog, TimeProvider clock)
{
    public const int AcceptWithinWorkingDays = 3;
    public const int DecideWithinWorkingDays = 10;

    public async Task<SubmittedRestoration> RunAsync(Caller caller, RestorationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (caller.SubjectId is null)
        {
            if (caller == Caller.Public)
            {
                caller.RequireRole(); // 401: no credentials at all
            }

            throw DomainException.Forbidden(Codes.SubjectTokenRequired, "The subject applies itself, with its self-service token (docs/domain.md#objections-and-restoration).");
        }

        var errors = new List<FieldError>(input.ReadErrors);
        var evidence = new DesignationText(errors, RestorationText.Codes).Optional(RestorationJson.Evidence, input.Evidence, DesignationFields.MaxLongText);
        if (input.Commitment != true && !errors.Exists(e => e.Field == RestorationJson.Commitment))
        {
            errors.Add(new FieldError(RestorationJson.Commitment, Codes.CommitmentRequired,
                "Restoration needs the signed credit commitment: \"commitment\": true (docs/domain.md#objections-and-restoration)."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var today = ChinaTime.DateOf(now);
        var (subjectId, department, earliest, reach) = input.DesignationId is { } designationId
            ? await DesignationTargetAsync(caller, designationId, now, cancellationToken)
            : await RecordTargetAsync(caller, input.RecordId!.Value, today, cancellationToken);
        RestorationConditions.RequireReached(earliest, today);

        // One open application per target: the organisation's entry, or one person's reach of it — neither blocks the other.
        var reachOf = reach?.ResidentId;
        var open = await db.Restorations.AsNoTracking()
            .Where(r => r.DesignationId == input.DesignationId && r.RecordId == input.RecordId && r.ReachOf == reachOf
                        && (r.Status == RestorationStatus.Submitted || r.Status == RestorationStatus.Accepted))
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is { } openId)
        {
            throw DomainException.Conflict(Codes.AlreadyOpen, "An application for this target is already under review.", [],
                new Dictionary<string, object?> { ["restorationId"] = openId });
        }

        var row = new RestorationRow
        {
            Id = Guid.CreateVersion7(now),
            SubjectId = subjectId,
            DesignationId = input.DesignationId,
            RecordId = input.RecordId,
            ReachOf = reachOf,
            Department = department,
            Status = RestorationStatus.Submitted,
            Commitment = true,
            Evidence = evidence,
            EarliestRestoration = earliest,
            SubmittedAt = now,
            SubmittedBy = caller.Actor,
            AcceptBy = catalog.Calendar.AddWorkingDays(today, AcceptWithinWorkingDays),
            DecideBy = catalog.Calendar.AddWorkingDays(today, DecideWithinWorkingDays),
        };
        var submitted = new RestorationSubmitted(row.Id, row.DesignationId, row.RecordId, Commitment: true,
            evidence is null ? null : DesignationTransitions.Sha256(evidence), earliest, row.AcceptBy, row.DecideBy, reach?.Id);
        var recorded = await ledger.AppendAsync(LedgerEntry.Of(submitted, caller.Actor, department, subjectId), cancellationToken);
        row.LedgerPosition = recorded.Position;
        db.Restorations.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SubmittedRestoration(row.Id, row.Status, row.AcceptBy, row.DecideBy, earliest, department);
    }

    private async Task<(string Subject, string Department, DateOnly Earliest, ResponsiblePersonRow? Reach)> DesignationTargetAsync(
        Caller caller, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var designation = await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(Codes.TargetNotFound, $"There is no designation {id}.");
        // A person the organisation's designation names applies for its reach (docs/restorations.md#responsible-persons);
        // anyone else's token gets 403 before anything about the designation's state.
        var reach = caller.SubjectId is { } own && !string.Equals(own, designation.SubjectId, StringComparison.Ordinal)
            ? await db.ResponsiblePersons.AsNoTracking().FirstOrDefaultAsync(p => p.DesignationId == id && p.ResidentId == own, cancellationToken)
            : null;
        if (reach is null)
        {
            caller.RequireSubjectOrRole(designation.SubjectId);
        }

        var state = designation.State;
        if (state.StatusAt(now) != DesignationStatus.Effective || state.ObjectionOpen || designation.EffectiveFrom is not { } from)
        {
            throw DomainException.Conflict(Codes.TargetNotInForce,
                $"Only a designation in force is restored; this one is {(state.StatusAt(now)).Code()}.");
        }

        if (reach is { Reached: false })
        {
            throw DomainException.Conflict(Codes.TargetNotInForce, reach.ReachEndedAt is null
                ? "The designation's reach to you is suspended by your objection: it is not in force against you while that is reviewed."
                : "The designation no longer reaches you: there is nothing of yours to restore.");
        }

        return (designation.SubjectId, designation.Department,
            RestorationConditions.EarliestForDesignation(catalog, designation.ListType, designation.Department, from), reach);
    }

    private async Task<(string Subject, string Department, DateOnly Earliest, ResponsiblePersonRow? Reach)> RecordTargetAsync(Caller caller, Guid id, DateOnly today, CancellationToken cancellationToken)
    {
        var record = await db.Records.AsNoTracking().Current().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(Codes.TargetNotFound, $"There is no record {id}.");
        caller.RequireSubjectOrRole(record.SubjectId);
        var publicNow = record.IsPublicOn(today, RecordPublicOn.IndividualsPublicCategories(catalog)) && record.RestoredAt is null;
        if (!publicNow)
        {
            throw DomainException.Conflict(Codes.TargetNotInForce, "Only a record that is public now is restored: this one is not published.");
        }

        return (record.SubjectId, record.Department,
            RestorationConditions.EarliestForRecord(catalog, record.Category, record.Severity, record.DecisionDate), null);
    }
}
