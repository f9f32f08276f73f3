using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Time;
using Codes = PublicCredit.Objections.ObjectionProblemCodes;
using Fields = PublicCredit.Objections.ObjectionFields;

namespace PublicCredit.Objections;

/// <summary>The ledger event types of objections (ADR 0013 §4); each carries <c>objectionId</c> and the target's id.</summary>
public static class ObjectionEvents
{
    public const string Filed = "objection-filed";
    public const string Upheld = "objection-upheld";
    public const string Rejected = "objection-rejected";
}

/// <param name="Created">False when this was the same filing again (ADR 0013 §2): nothing was written.</param>
public sealed record FiledObjection(ObjectionRow Objection, bool Created);

/// <summary>
/// Files an objection against a designation or a record (API.md <c>POST /api/v1/objections</c>; FACTS §8): the
/// subject with its own token (another subject's target is <c>subject-scope</c>, 403), or a recorder of any department
/// — seed 000 §(22): a department that finds information inaccurate raises it with the providing unit. Filing
/// suspends the target <em>in the same transaction</em> (DESIGN principle 4): a designation through
/// <see cref="DesignationLifecycle.FileObjection"/> (the enforcement index drops it on commit, so the very next check
/// is clear), a record by the open objection row that every public view consults. The review deadline is
/// <c>objections.reviewWorkingDays</c> of the catalog after today. The same filing again while it is open is answered
/// with the first (200); any other filing against a target under review is <c>objection-already-open</c> (409).
/// </summary>
public sealed class FileObjection(
    PublicCreditDbContext db, AppendToLedger ledger, DesignationTransitions transitions, CreditCatalog catalog, TimeProvider clock)
{
    public async Task<FiledObjection> RunAsync(Caller caller, ObjectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (caller.SubjectId is null)
        {
            caller.RequireRole(Role.Recorder);
        }

        var errors = new List<FieldError>(input.ReadErrors);
        var (designationId, recordId) = Target(input, errors);
        var grounds = ObjectionText.Read(Fields.Grounds, input.Grounds, errors);
        if (grounds is null && !errors.Exists(e => e.Field == Fields.Grounds))
        {
            errors.Add(new FieldError(Fields.Grounds, Codes.GroundsMissing, "An objection states its grounds: what is wrong with the record or designation."));
        }

        var evidence = ObjectionText.Read(Fields.Evidence, input.Evidence, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var filing = new Filing(caller, grounds!, evidence);
        return designationId is { } designation
            ? await OnDesignationAsync(filing, designation, cancellationToken)
            : await OnRecordAsync(filing, recordId!.Value, cancellationToken);
    }

    /// <summary>Who files what: "the same filing" is the same filer (the subject, or the recorder's department), the same
    /// target and the same normalised grounds and evidence (ADR 0013 §2).</summary>
    private sealed record Filing(Caller Caller, string Grounds, string? Evidence)
    {
        public bool IsSameAs(ObjectionRow open) =>
            open.FiledBySubject == (Caller.SubjectId is not null)
            && string.Equals(open.FiledByDepartment, Caller.SubjectId is null ? Caller.Department : null, StringComparison.Ordinal)
            && string.Equals(open.Grounds, Grounds, StringComparison.Ordinal)
            && string.Equals(open.Evidence, Evidence, StringComparison.Ordinal);

        public ObjectionRow Row(Guid? designationId, Guid? recordId, string department, string subjectId, DateTimeOffset now, DateOnly? deadline) => new()
        {
            Id = Guid.CreateVersion7(now),
            DesignationId = designationId,
            RecordId = recordId,
            Department = department,
            SubjectId = subjectId,
            FiledBySubject = Caller.SubjectId is not null,
            FiledByDepartment = Caller.SubjectId is null ? Caller.Department : null,
            FiledBy = Caller.Actor,
            Grounds = Grounds,
            Evidence = Evidence,
            FiledAt = now,
            ReviewDeadline = deadline,
            Status = ObjectionStatus.Open,
        };

        public Dictionary<string, object?> Payload(ObjectionRow row) => new(StringComparer.Ordinal)
        {
            ["objectionId"] = row.Id,
            ["filedBy"] = row.FiledBySubject ? "subject" : "department",
            ["filedByDepartment"] = row.FiledByDepartment,
            ["groundsSha256"] = DesignationTransitions.Sha256(Grounds),
            ["evidenceSha256"] = Evidence is null ? null : DesignationTransitions.Sha256(Evidence),
            ["reviewDeadline"] = row.ReviewDeadline,
        };
    }

    private async Task<FiledObjection> OnDesignationAsync(Filing filing, Guid designationId, CancellationToken cancellationToken)
    {
        if (await OpenAsync(o => o.DesignationId == designationId, cancellationToken) is { } earlier && filing.IsSameAs(earlier))
        {
            filing.Caller.RequireSubjectOrRole(earlier.SubjectId, Role.Recorder);
            return new FiledObjection(earlier, Created: false);
        }

        ObjectionRow? filed = null;
        try
        {
            await transitions.RunAsync(filing.Caller, designationId, (row, now) =>
            {
                filing.Caller.RequireSubjectOrRole(row.SubjectId, Role.Recorder);
                // Closed → designation-closed; under review → objection-already-open (both 409).
                var next = DesignationLifecycle.FileObjection(row.State);
                var added = filed = filing.Row(row.Id, null, row.Department, row.SubjectId, now, ReviewDeadline(now));
                db.Objections.Add(added);
                return new DesignationChange(next, ObjectionEvents.Filed, Document: null, Reasons: null,
                    filing.Payload(added), position => added.FiledPosition = position);
            }, cancellationToken);
        }
        catch (DomainException conflict) when (conflict.Code == Codes.AlreadyOpen)
        {
            // A retry that raced its first attempt: the first one committed while this one waited for the lock.
            if (await OpenAsync(o => o.DesignationId == designationId, cancellationToken) is { } first && filing.IsSameAs(first))
            {
                return new FiledObjection(first, Created: false);
            }

            throw;
        }

        return new FiledObjection(filed!, Created: true);
    }

    private async Task<FiledObjection> OnRecordAsync(Filing filing, Guid recordId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var record = await db.Records.Current().SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken)
                     ?? throw DomainException.NotFound(RecordProblemCodes.NotFound, $"There is no record {recordId}.");
        filing.Caller.RequireSubjectOrRole(record.SubjectId, Role.Recorder);

        var standing = await db.Objections.AsNoTracking()
            .Where(o => o.RecordId == recordId && o.Status != ObjectionStatus.Rejected)
            .ToListAsync(cancellationToken);
        if (standing.Exists(o => o.Status == ObjectionStatus.Upheld))
        {
            throw DomainException.Conflict(Codes.RecordWithdrawn, "An objection against this record was upheld: it is withdrawn from publication for good.");
        }

        if (standing.Find(o => o.Status == ObjectionStatus.Open) is { } open)
        {
            return filing.IsSameAs(open)
                ? new FiledObjection(open, Created: false)
                : throw DomainException.Conflict(Codes.AlreadyOpen, "An objection against this record is already under review.");
        }

        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var filed = filing.Row(null, record.Id, record.Department, record.SubjectId, now, ReviewDeadline(now));
        var payload = filing.Payload(filed);
        payload["recordId"] = record.Id;
        payload["version"] = record.Version;
        payload["from"] = "in-force";
        payload["to"] = "suspended";
        // The changes feed tells downstream systems only about records that were public (ADR 0008 §6).
        payload["public"] = IsPublicNow(record, catalog, ChinaTime.DateOf(now));
        var recorded = await ledger.AppendAsync(
            new LedgerEntry(ObjectionEvents.Filed, filing.Caller.Actor, record.Department, record.SubjectId, payload), cancellationToken);
        filed.FiledPosition = recorded.Position;
        db.Objections.Add(filed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FiledObjection(filed, Created: true);
    }

    /// <summary>Whether the record's current version is public on <paramref name="today"/>, objections aside (<see cref="PublicRecords"/>).</summary>
    internal static bool IsPublicNow(RecordRow record, CreditCatalog catalog, DateOnly today) =>
        PublicRecords.IsPublicOn(record.Published, record.PublicUntil, today)
        && (record.SubjectKind == SubjectKind.Organisation || PublicRecords.IndividualsPublicCategories(catalog).Contains(record.Category));

    private Task<ObjectionRow?> OpenAsync(System.Linq.Expressions.Expression<Func<ObjectionRow, bool>> target, CancellationToken cancellationToken) =>
        db.Objections.AsNoTracking().Where(o => o.Status == ObjectionStatus.Open).Where(target).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The review deadline in working days (FACTS §10). A calendar that does not reach it leaves it unknown rather than
    /// refusing the objection: the suspension is the subject's right and never waits for the catalog (ADR 0013 §1).
    /// </summary>
    private DateOnly? ReviewDeadline(DateTimeOffset now)
    {
        try
        {
            return catalog.Calendar.AddWorkingDays(ChinaTime.DateOf(now), catalog.ObjectionReview);
        }
        catch (DomainException missing) when (missing.Code == "calendar-year-missing")
        {
            return null;
        }
    }

    /// <summary>Exactly one of <c>target.designationId</c> and <c>target.recordId</c>, a UUID.</summary>
    private static (Guid? Designation, Guid? Record) Target(ObjectionInput input, List<FieldError> errors)
    {
        if (errors.Exists(e => e.Field.StartsWith(Fields.Target, StringComparison.Ordinal)))
        {
            return (null, null);
        }

        if (input.DesignationId is null == (input.RecordId is null))
        {
            errors.Add(new FieldError(Fields.Target, Codes.TargetInvalid,
                "target names exactly one of designationId and recordId: {\"designationId\":\"…\"} or {\"recordId\":\"…\"}."));
            return (null, null);
        }

        var (field, text) = input.DesignationId is not null ? (Fields.DesignationId, input.DesignationId) : (Fields.RecordId, input.RecordId!);
        if (!Guid.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            errors.Add(new FieldError(field, Codes.TargetInvalid, $"{field} is the id (a UUID) of the designation or record objected to."));
            return (null, null);
        }

        return input.DesignationId is not null ? (id, null) : (null, id);
    }
}
