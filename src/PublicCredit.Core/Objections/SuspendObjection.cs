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
/// The owning department suspends the target of an objection that only opened a review (API
/// <c>POST /api/v1/objections/{id}/suspend</c>; docs/design.md#scope-no-department-acts-for-another; ADR 0034): another department's objection it finds
/// serious, or a refiling after a rejection whose new evidence it accepts. A reviewer of the department that owns
/// the target (another is <c>department-scope</c>, 403), with <c>reasons</c>; the objection must be open
/// (<c>objection-already-resolved</c>) and not suspending yet (<c>objection-already-suspended</c>), and no other
/// suspending objection may be open on the target (<c>objection-already-open</c>). From then on it is exactly a
/// suspending objection: a designation goes effective → suspended through <see cref="DesignationLifecycle.FileObjection"/>,
/// a record leaves every public view. One ledger event <c>objection-suspended</c>, in the transaction of the change.
/// </summary>
public sealed class SuspendObjection(
    PublicCreditDbContext db, AppendToLedger ledger, DesignationTransitions transitions, CreditCatalog catalog, TimeProvider clock)
{
    public async Task<ObjectionRow> RunAsync(Caller caller, Guid id, string? reasonsText, IReadOnlyList<FieldError> readErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(readErrors);
        caller.RequireRole(Role.Reviewer);
        var errors = new List<FieldError>(readErrors);
        var reasons = ObjectionText.Read(Fields.Reasons, reasonsText, errors);
        if (reasons is null && !errors.Exists(e => e.Field == Fields.Reasons))
        {
            errors.Add(new FieldError(Fields.Reasons, Codes.ReasonsMissing, "A suspension states its reasons: why the objection's evidence convinces the department."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var found = await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw ResolveObjection.NotFound(id);
        caller.RequireDepartment(found.Department);
        if (found.DesignationId is { } designationId)
        {
            ObjectionRow? suspended = null;
            await transitions.RunAsync(caller, designationId, async (row, now, cancel) =>
            {
                var objection = suspended = await OpenNotSuspendingAsync(id, cancel);
                // Closed → designation-closed; another suspending objection open → objection-already-open (409).
                var next = DesignationLifecycle.FileObjection(row.State);
                objection.SuspendedAt = now;
                return new DesignationChange(next, ObjectionEvents.Suspended, Document: null, reasons,
                    new Dictionary<string, object?> { ["objectionId"] = objection.Id });
            }, cancellationToken);
            return suspended!;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var target = await OpenNotSuspendingAsync(id, cancellationToken);
        if (await db.Objections.AnyAsync(o => o.RecordId == target.RecordId && o.Status == ObjectionStatus.Open && o.SuspendedAt != null, cancellationToken))
        {
            throw DomainException.Conflict(Codes.AlreadyOpen, "Another objection against this record already suspends it.");
        }

        var record = await db.Records.Current().SingleAsync(r => r.Id == target.RecordId, cancellationToken);
        var at = LedgerChain.Truncate(clock.GetUtcNow());
        target.SuspendedAt = at;
        await ledger.AppendAsync(new LedgerEntry(ObjectionEvents.Suspended, caller.Actor, record.Department, record.SubjectId,
            new ObjectionOnRecord(target.Id, record.Id, record.Version, "in-force", "suspended", FileObjection.IsPublicNow(record, catalog, ChinaTime.DateOf(at)))
            {
                Details = new Dictionary<string, object?>(StringComparer.Ordinal) { ["reasonsSha256"] = DesignationTransitions.Sha256(reasons!) },
            }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return target;
    }

    /// <summary>Re-read under the ledger lock, tracked: of two concurrent suspensions only the first finds it not suspending.</summary>
    private async Task<ObjectionRow> OpenNotSuspendingAsync(Guid id, CancellationToken cancellationToken)
    {
        var objection = await db.Objections.SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw ResolveObjection.NotFound(id);
        if (objection.Status != ObjectionStatus.Open)
        {
            throw DomainException.Conflict(Codes.AlreadyResolved, $"The objection was already resolved: {objection.Status.Code()}.");
        }

        return objection.SuspendedAt is null
            ? objection
            : throw DomainException.Conflict(Codes.AlreadySuspended, "The objection already suspends its target.");
    }
}
