using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Codes = PublicCredit.Objections.ObjectionProblemCodes;
using Fields = PublicCredit.Objections.ObjectionFields;

namespace PublicCredit.Objections;

/// <summary>
/// The owning department decides an objection (docs/api.md#objections <c>POST /api/v1/objections/{id}/resolve</c>; docs/domain.md#objections-and-restoration "the
/// source department reviews and corrects or confirms; results are notified with reasons"): a reviewer of the
/// department that owns the target (another department is <c>department-scope</c>, 403), with <c>outcome</c> and
/// <c>reasons</c>, once (<c>objection-already-resolved</c>, 409). Upheld: a designation is revoked
/// (<see cref="DesignationLifecycle.ResolveObjection"/>); a record is withdrawn from publication for good — it stays
/// in the archive, never published again (ADR 0013 §3). Rejected: the target is in force again, and the reasons are
/// kept for the subject to read. One ledger event, in the transaction of the change.
/// </summary>
public sealed class ResolveObjection(
    PublicCreditDbContext db, AppendToLedger ledger, DesignationTransitions transitions, CreditCatalog catalog, TimeProvider clock)
{
    public async Task<ObjectionRow> RunAsync(Caller caller, Guid id, ResolutionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        caller.RequireRole(Role.Reviewer);

        var errors = new List<FieldError>(input.ReadErrors);
        bool? upheld = input.Outcome?.Trim() switch
        {
            "upheld" => true,
            "rejected" => false,
            _ => null,
        };
        if (upheld is null && !errors.Exists(e => e.Field == Fields.Outcome))
        {
            errors.Add(new FieldError(Fields.Outcome, Codes.OutcomeInvalid, "outcome is \"upheld\" (the objection is right) or \"rejected\"."));
        }

        var reasons = ObjectionText.Read(Fields.Reasons, input.Reasons, errors);
        if (reasons is null && !errors.Exists(e => e.Field == Fields.Reasons))
        {
            errors.Add(new FieldError(Fields.Reasons, Codes.ReasonsMissing, "A resolution states its reasons, which the subject is told (docs/domain.md#objections-and-restoration)."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var found = await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw NotFound(id);
        caller.RequireDepartment(found.Department);
        var outcome = upheld!.Value;
        if (found.DesignationId is { } designationId)
        {
            ObjectionRow? resolved = null;
            await transitions.RunAsync(caller, designationId, async (row, now, cancel) =>
            {
                var objection = resolved = await OpenAsync(id, cancel);
                if (objection.ReachOf is { } person)
                {
                    return await ForReachAsync(row, objection, person, outcome, reasons!, caller, now, cancel);
                }

                // Revoked by its department meanwhile: the objection is still answered, the designation stays as it is.
                // A review that never suspended: upheld revokes, rejected changes nothing (ADR 0034).
                var next = objection.SuspendedAt is null ? DesignationLifecycle.ResolveReview(row.State, outcome)
                    : row.ObjectionOpen ? DesignationLifecycle.ResolveObjection(row.State, outcome) : row.State;
                if (next.Stored == DesignationStatus.Revoked && row.RevokedAt is null)
                {
                    row.RevokedAt = now;
                    row.RevokedBy = caller.Actor;
                    row.RevocationReasons = reasons;
                }

                Close(objection, outcome, reasons!, caller, now);
                return new DesignationChange(next, outcome ? ObjectionEvents.Upheld : ObjectionEvents.Rejected, Document: null, reasons,
                    new Dictionary<string, object?> { ["objectionId"] = objection.Id },
                    position => objection.ResolvedPosition = position);
            }, cancellationToken);
            return resolved!;
        }

        return await OnRecordAsync(caller, id, outcome, reasons!, cancellationToken);
    }

    /// <summary>
    /// A responsible person's objection for its reach (docs/objections.md#responsible-persons): upheld ends the designation's reach to the
    /// person for good, rejected puts it back in force; the organisation's entry stays as it is either way.
    /// </summary>
    private async Task<DesignationChange> ForReachAsync(
        DesignationRow row, ObjectionRow objection, string person, bool upheld, string reasons, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reach = await db.ResponsiblePersons.FirstAsync(p => p.DesignationId == row.Id && p.ResidentId == person, cancellationToken);
        reach.ReachSuspendedAt = null;
        if (upheld)
        {
            reach.ReachEndedAt = now;
        }

        Close(objection, upheld, reasons, caller, now);
        return new DesignationChange(row.State, upheld ? ObjectionEvents.Upheld : ObjectionEvents.Rejected, Document: null, reasons,
            new Dictionary<string, object?> { ["objectionId"] = objection.Id, ["reachOf"] = reach.Id },
            position => objection.ResolvedPosition = position);
    }

    private async Task<ObjectionRow> OnRecordAsync(Caller caller, Guid id, bool upheld, string reasons, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var objection = await OpenAsync(id, cancellationToken);
        var record = await db.Records.Current().SingleAsync(r => r.Id == objection.RecordId, cancellationToken);
        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var wasPublic = FileObjection.IsPublicNow(record, catalog, ChinaTime.DateOf(now));
        Close(objection, upheld, reasons, caller, now);
        var recorded = await ledger.AppendAsync(new LedgerEntry(
            upheld ? ObjectionEvents.Upheld : ObjectionEvents.Rejected, caller.Actor, record.Department, record.SubjectId,
            new ObjectionOnRecord(objection.Id, record.Id, record.Version, objection.SuspendedAt is null ? "in-force" : "suspended",
                upheld ? "withdrawn" : "in-force", wasPublic)
            {
                Details = new Dictionary<string, object?>(StringComparer.Ordinal) { ["reasonsSha256"] = DesignationTransitions.Sha256(reasons) },
            }), cancellationToken);
        objection.ResolvedPosition = recorded.Position;
        if (upheld && record.Published && record.WithdrawalPosition is null)
        {
            // Its publicity is over now: the publicity-end job must not announce it again later (ADR 0008 §6).
            record.WithdrawalPosition = recorded.Position;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return objection;
    }

    /// <summary>Re-read under the ledger lock: of two concurrent resolutions only the first finds it open.</summary>
    private async Task<ObjectionRow> OpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var objection = await db.Objections.SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw NotFound(id);
        return objection.Status == ObjectionStatus.Open
            ? objection
            : throw DomainException.Conflict(Codes.AlreadyResolved, $"The objection was already resolved: {objection.Status.Code()}.");
    }

    private static void Close(ObjectionRow objection, bool upheld, string reasons, Caller caller, DateTimeOffset now)
    {
        objection.Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected;
        objection.ResolvedAt = now;
        objection.ResolvedBy = caller.Actor;
        objection.ResolutionReasons = reasons;
    }

    public static DomainException NotFound(Guid id) => DomainException.NotFound(Codes.NotFound, $"There is no objection {id}.");
}
