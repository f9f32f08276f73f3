using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Time;

namespace PublicCredit.Records;

/// <summary>A correction: the <em>whole</em> corrected record (same shape and validation as a submission) and why.</summary>
public sealed record CorrectionRequest(RecordInput Record, string? Reason);

/// <summary><see cref="Changed"/> false when the corrected content equals the current version (nothing written).</summary>
public sealed record CorrectionOutcome(Guid Id, int Version, bool Changed);

/// <summary>
/// Corrects a record (docs/api.md#records <c>POST /api/v1/records/{id}/corrections</c>): only a recorder of the
/// department that owns it; the body replaces the whole content and is validated exactly like a submission; the
/// current version is superseded, never edited, and a new version with the reason becomes current, with the
/// <c>record-corrected</c> event in the same transaction. Resending the same correction changes nothing (ADR 0006).
/// </summary>
public sealed class CorrectRecord(
    PublicCreditDbContext db, AppendToLedger ledger, RecordValidator validator, CreditCatalog catalog, TimeProvider clock,
    IRecordCorrectionHold hold, IEnumerable<IRecordsCommitted> committed, ILogger<CorrectRecord>? logger = null)
{
    public const string EventType = RecordCorrected.EventType;

    public async Task<CorrectionOutcome> RunAsync(
        Caller caller, Guid id, CorrectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        caller.RequireRole(Role.Recorder);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var current = await db.Records.Current().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                      ?? throw DomainException.NotFound(RecordProblemCodes.NotFound, $"There is no record {id}.");
        caller.RequireDepartment(current.Department);
        await hold.RefuseCorrectionAsync(id, cancellationToken);
        CategoryProviders.Require(catalog, caller.Department, request.Record.Category);

        var validation = validator.Validate(request.Record, ChinaTime.DateOf(now));
        var errors = validation.Errors.ToList();
        var reasonUnreadable = request.Record.ReadErrors.Any(e => e.Field == RecordFields.Reason);
        var reason = RecordValidator.Reason(request.Reason, reasonUnreadable, errors);
        if (errors.Count > 0 || validation.Record is not { } record || reason is null)
        {
            throw DomainException.Invalid(errors);
        }

        if (string.Equals(record.ContentHash, current.ContentHash, StringComparison.Ordinal))
        {
            return new CorrectionOutcome(id, current.Version, Changed: false);
        }

        if (!string.Equals(record.DocumentNumber, current.DocumentNumber, StringComparison.Ordinal)
            && await db.Records.Current().AnyAsync(
                r => r.Department == current.Department && r.DocumentNumber == record.DocumentNumber, cancellationToken))
        {
            throw DomainException.Conflict(RecordProblemCodes.DocumentNumberTaken,
                $"Your department already has another record for document '{record.DocumentNumber}'; correct that one instead.");
        }

        // The deadline is judged against when the record first reached the platform, with the corrected decision date.
        var late = DoublePublicity.IsLate(catalog.Calendar, record.DecisionDate, ChinaTime.DateOf(current.SubmittedAt));
        var next = RecordRow.From(record, id, current.Version + 1, current.Department, current.SubmittedAt, now, caller.Actor, late, reason);

        // Supersede first, in its own statement: the filtered unique index allows one current version per document.
        current.SupersededAt = now;
        await db.SaveChangesAsync(cancellationToken);

        var recorded = await ledger.AppendAsync(
            LedgerEntry.Of(new RecordCorrected(id, current.Version, next.Version, reason, current.ContentHash, RecordCreated.Of(next)),
                caller.Actor, current.Department, next.SubjectId),
            cancellationToken);
        next.LedgerPosition = recorded.Position;
        RecordRows.MarkEndedBeforeWritten([next], recorded.Position, ChinaTime.DateOf(now));
        // A restored record stays unpublished when corrected (docs/domain.md#objections-and-restoration; ADR 0014): never public, nothing to announce.
        if (current.RestoredAt is { } restoredAt)
        {
            next.RestoredAt = restoredAt;
            next.WithdrawalPosition ??= recorded.Position;
        }

        db.Records.Add(next);
        await SubjectRegister.NoteAsync(db, RecordRows.NotedSubjects([next]), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterCommit.Tell(committed, observer => observer.Committed([next]), logger, next.LedgerPosition);

        return new CorrectionOutcome(id, next.Version, Changed: true);
    }
}
