using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Storage;
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

    /// <summary>The owning department suspended the target of an objection that had only opened a review (ADR 0034).</summary>
    public const string Suspended = "objection-suspended";
}

/// <summary>How many objections the recorders of one department may file per hour (0 = no limit; ADR 0034).</summary>
public sealed record ObjectionLimits(int PerDepartmentPerHour)
{
    public const int DefaultPerDepartmentPerHour = 30;

    public static ObjectionLimits Default { get; } = new(DefaultPerDepartmentPerHour);
}

/// <param name="Created">False when this was the same filing again (ADR 0013 §2): nothing was written.</param>
public sealed record FiledObjection(ObjectionRow Objection, bool Created);

/// <summary>
/// Files an objection against a designation or a record (docs/api.md#objections <c>POST /api/v1/objections</c>; docs/domain.md#objections-and-restoration): the
/// subject with its own token (another subject's target is <c>subject-scope</c>, 403), or a recorder of any department
/// — GF〔2016〕33 §(22): a department that finds information inaccurate raises it with the providing unit.
/// <para>
/// Who suspends (docs/design.md#scope-no-department-acts-for-another; ADR 0034): the subject's own objection — and the owning department's — suspends the
/// target <em>in the same transaction</em> (docs/design.md#4-an-objection-suspends-at-once): a designation through
/// <see cref="DesignationLifecycle.FileObjection"/> (the enforcement index drops it on commit, so the very next check
/// is clear), a record by the objection row that every public view consults. Another department's objection opens a
/// review in the owning department's queue with the same deadline and suspends nothing; the owner may suspend
/// (<see cref="SuspendObjection"/>). After a rejection, the same filer's new objection on the same target also only
/// opens a review until <c>objections.refilingCoolingOffDays</c> have passed — the reviewer suspends if the new
/// evidence convinces it — so a subject cannot keep an entry suspended by refiling.
/// </para>
/// The review deadline is <c>objections.reviewWorkingDays</c> of the catalog after today. The same filing again while
/// it is open is answered with the first (200); another filing while a suspending objection is under review, or a
/// second one by the same filer, is <c>objection-already-open</c> (409).
/// </summary>
public sealed partial class FileObjection(
    PublicCreditDbContext db, AppendToLedger ledger, DesignationTransitions transitions, CreditCatalog catalog, TimeProvider clock,
    ILogger<FileObjection> log, ObjectionLimits limits)
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
        if (caller.SubjectId is null && caller.Department is { } department)
        {
            await RequireAllowanceAsync(department, cancellationToken);
        }

        var filed = designationId is { } designation
            ? await OnDesignationAsync(filing, designation, cancellationToken)
            : await OnRecordAsync(filing, recordId!.Value, cancellationToken);
        if (filed.Created && filed.Objection.SuspendedAt is null)
        {
            // The owning department's notice: the objection is first in its queue (GET /api/v1/objections?status=open,
            // the console's objection queue, marked "not suspended"); this line is for its operators' alerting.
            LogReviewOpened(log, filed.Objection.Id, filed.Objection.Department,
                filed.Objection.FiledBySubject ? "the subject" : filed.Objection.FiledByDepartment ?? "");
        }

        return filed;
    }

    /// <summary>
    /// Per-department rate limit (docs/design.md#scope-no-department-acts-for-another): objections filed by the department's recorders in the last hour, counted
    /// in the database so every node sees the same count. The subject's own objections are never limited.
    /// </summary>
    private async Task RequireAllowanceAsync(string department, CancellationToken cancellationToken)
    {
        if (limits.PerDepartmentPerHour <= 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var since = now.AddHours(-1);
        var recent = await db.Objections.AsNoTracking()
            .Where(o => o.FiledByDepartment == department && o.FiledAt > since)
            .OrderBy(o => o.FiledAt)
            .Select(o => o.FiledAt)
            .Take(limits.PerDepartmentPerHour)
            .ToListAsync(cancellationToken);
        if (recent.Count >= limits.PerDepartmentPerHour)
        {
            var retry = recent[0].AddHours(1) - now;
            throw DomainException.RateLimited(Codes.RateLimited,
                $"The recorders of department {department} have filed {limits.PerDepartmentPerHour} objections in the last hour; try again later.",
                retry > TimeSpan.Zero ? retry : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Who files what: "the same filing" is the same filer (the subject, or the recorder's department), the same
    /// target and the same normalised grounds and evidence (ADR 0013 §2).</summary>
    private sealed record Filing(Caller Caller, string Grounds, string? Evidence)
    {
        /// <summary>A subject files for its own entry, a responsible person for its reach (<see cref="ObjectionRow.ReachOf"/>):
        /// the two are different filers on the same designation.</summary>
        public bool IsSameFilerAs(ObjectionRow other) =>
            other.FiledBySubject == (Caller.SubjectId is not null)
            && string.Equals(other.FiledByDepartment, Caller.SubjectId is null ? Caller.Department : null, StringComparison.Ordinal)
            && (Caller.SubjectId is null || string.Equals(other.ReachOf ?? other.SubjectId, Caller.SubjectId, StringComparison.Ordinal));

        public bool IsSameAs(ObjectionRow open) =>
            IsSameFilerAs(open)
            && string.Equals(open.Grounds, Grounds, StringComparison.Ordinal)
            && string.Equals(open.Evidence, Evidence, StringComparison.Ordinal);

        public ObjectionRow Row(Guid? designationId, Guid? recordId, string department, string subjectId, DateTimeOffset now, DateOnly? deadline, bool suspends) => new()
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
            SuspendedAt = suspends ? now : null,
        };

        public Dictionary<string, object?> Payload(ObjectionRow row, string? reviewReason) => new(StringComparer.Ordinal)
        {
            ["objectionId"] = row.Id,
            ["filedBy"] = row.FiledBySubject ? "subject" : "department",
            ["filedByDepartment"] = row.FiledByDepartment,
            ["groundsSha256"] = DesignationTransitions.Sha256(Grounds),
            ["evidenceSha256"] = Evidence is null ? null : DesignationTransitions.Sha256(Evidence),
            ["reviewDeadline"] = row.ReviewDeadline,
            ["suspends"] = row.SuspendedAt is not null,
            ["review"] = reviewReason,
        };
    }

    /// <summary>Why a filing only opens a review (null: it suspends at once).</summary>
    public static class ReviewReasons
    {
        /// <summary>A department that does not own the target filed it.</summary>
        public const string OtherDepartment = "other-department";

        /// <summary>The same filer's objection on the same target was rejected within the cooling-off period.</summary>
        public const string RefiledAfterRejection = "refiled-after-rejection";
    }

    /// <summary>
    /// Under the ledger lock: whether this filing suspends (ADR 0034), and refusals for a target already under a
    /// suspending review or already objected to by the same filer.
    /// </summary>
    private async Task<string?> ReviewReasonAsync(
        Filing filing, string owner, System.Linq.Expressions.Expression<Func<ObjectionRow, bool>> target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Objections.AsNoTracking().Where(o => o.Status == ObjectionStatus.Open).Where(target).ToListAsync(cancellationToken);
        if (open.Exists(o => o.SuspendedAt is not null) || open.Exists(filing.IsSameFilerAs))
        {
            throw DomainException.Conflict(Codes.AlreadyOpen, "An objection against this target is already under review.");
        }

        if (filing.Caller.SubjectId is null && !string.Equals(filing.Caller.Department, owner, StringComparison.Ordinal))
        {
            return ReviewReasons.OtherDepartment;
        }

        var since = now.AddDays(-catalog.RefilingCoolingOffDays);
        var rejected = await db.Objections.AsNoTracking()
            .Where(o => o.Status == ObjectionStatus.Rejected).Where(target)
            .Select(o => new { o.FiledBySubject, o.FiledByDepartment, o.ResolvedAt })
            .ToListAsync(cancellationToken);
        var recentlyRejected = rejected.Exists(o =>
            o.FiledBySubject == (filing.Caller.SubjectId is not null)
            && string.Equals(o.FiledByDepartment, filing.Caller.SubjectId is null ? filing.Caller.Department : null, StringComparison.Ordinal)
            && o.ResolvedAt > since);
        return recentlyRejected ? ReviewReasons.RefiledAfterRejection : null;
    }

    private async Task<FiledObjection> OnDesignationAsync(Filing filing, Guid designationId, CancellationToken cancellationToken)
    {
        if (await SameOpenAsync(filing, o => o.DesignationId == designationId, cancellationToken) is { } earlier)
        {
            filing.Caller.RequireSubjectOrRole(earlier.ReachOf ?? earlier.SubjectId, Role.Recorder);
            return new FiledObjection(earlier, Created: false);
        }

        ObjectionRow? filed = null;
        try
        {
            await transitions.RunAsync(filing.Caller, designationId, async (row, now, cancel) =>
            {
                if (await ReachOfAsync(filing.Caller, row, cancel) is { } reach)
                {
                    return ForReach(filing, row, reach, now, added => filed = added);
                }

                filing.Caller.RequireSubjectOrRole(row.SubjectId, Role.Recorder);
                DesignationLifecycle.OpenReview(row.State); // closed → designation-closed (409)
                // The organisation's own entry: a person's objection to its reach neither blocks nor counts here.
                var review = await ReviewReasonAsync(filing, row.Department, o => o.DesignationId == designationId && o.ReachOf == null, now, cancel);
                // Suspending: under review → objection-already-open (409).
                var next = review is null ? DesignationLifecycle.FileObjection(row.State) : DesignationLifecycle.OpenReview(row.State);
                var added = filed = filing.Row(row.Id, null, row.Department, row.SubjectId, now, ReviewDeadline(now), suspends: review is null);
                db.Objections.Add(added);
                return new DesignationChange(next, ObjectionEvents.Filed, Document: null, Reasons: null,
                    filing.Payload(added, review), position => added.FiledPosition = position);
            }, cancellationToken);
        }
        catch (DomainException conflict) when (conflict.Code == Codes.AlreadyOpen)
        {
            // A retry that raced its first attempt: the first one committed while this one waited for the lock.
            if (await SameOpenAsync(filing, o => o.DesignationId == designationId, cancellationToken) is { } first)
            {
                return new FiledObjection(first, Created: false);
            }

            throw;
        }

        return new FiledObjection(filed!, Created: true);
    }

    /// <summary>
    /// The person the caller's own token names, when the designation is another subject's and names it as a
    /// responsible person (docs/objections.md#responsible-persons); null when the caller is the designated subject or staff. A subject
    /// the designation does not name is <c>subject-scope</c> (403), as for any other subject's target.
    /// </summary>
    private async Task<ResponsiblePersonRow?> ReachOfAsync(Caller caller, DesignationRow row, CancellationToken cancellationToken)
    {
        if (caller.SubjectId is not { } own || string.Equals(own, row.SubjectId, StringComparison.Ordinal))
        {
            return null;
        }

        return await db.ResponsiblePersons.FirstOrDefaultAsync(p => p.DesignationId == row.Id && p.ResidentId == own, cancellationToken)
            ?? throw DomainException.Forbidden(AccessProblemCodes.SubjectScope, "A self-service token gives access to its own subject only.");
    }

    /// <summary>
    /// A responsible person objects for its reach (docs/objections.md#responsible-persons): the designation's reach to this person is
    /// suspended in the same transaction (the enforcement index drops it on commit) and the owning department reviews
    /// it; the organisation's entry — its state, its own objections, its measures — is not touched. One open
    /// objection per reach; a reach that ended, or a designation no longer in force, is refused.
    /// </summary>
    private DesignationChange ForReach(Filing filing, DesignationRow row, ResponsiblePersonRow reach, DateTimeOffset now, Action<ObjectionRow> filed)
    {
        DesignationLifecycle.OpenReview(row.State); // closed → designation-closed (409)
        if (reach.ReachEndedAt is not null)
        {
            throw DomainException.Conflict(Codes.ReachEnded, "The designation no longer reaches you: an earlier objection of yours was upheld.");
        }

        if (reach.ReachSuspendedAt is not null)
        {
            throw DomainException.Conflict(Codes.AlreadyOpen, "An objection against this target is already under review.");
        }

        reach.ReachSuspendedAt = now;
        var added = filing.Row(row.Id, null, row.Department, row.SubjectId, now, ReviewDeadline(now), suspends: true);
        added.ReachOf = reach.ResidentId;
        db.Objections.Add(added);
        filed(added);
        var payload = filing.Payload(added, null);
        payload["reachOf"] = reach.Id; // the person's row, never the resident ID (ADR 0009 §4)
        return new DesignationChange(row.State, ObjectionEvents.Filed, Document: null, Reasons: null, payload,
            position => added.FiledPosition = position);
    }

    private async Task<FiledObjection> OnRecordAsync(Filing filing, Guid recordId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.LockAsync(cancellationToken);
        var record = await db.Records.Current().SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken)
                     ?? throw DomainException.NotFound(RecordProblemCodes.NotFound, $"There is no record {recordId}.");
        filing.Caller.RequireSubjectOrRole(record.SubjectId, Role.Recorder);

        if (await db.Objections.AsNoTracking().AnyAsync(o => o.RecordId == recordId && o.Status == ObjectionStatus.Upheld, cancellationToken))
        {
            throw DomainException.Conflict(Codes.RecordWithdrawn, "An objection against this record was upheld: it is withdrawn from publication for good.");
        }

        if (await SameOpenAsync(filing, o => o.RecordId == recordId, cancellationToken) is { } same)
        {
            return new FiledObjection(same, Created: false);
        }

        var now = LedgerChain.Truncate(clock.GetUtcNow());
        var review = await ReviewReasonAsync(filing, record.Department, o => o.RecordId == recordId, now, cancellationToken);
        var filed = filing.Row(null, record.Id, record.Department, record.SubjectId, now, ReviewDeadline(now), suspends: review is null);
        var details = filing.Payload(filed, review);
        details.Remove("objectionId"); // a member of the typed event itself
        // The changes feed tells downstream systems only about records that were public (ADR 0008 §6).
        var payload = new ObjectionOnRecord(filed.Id, record.Id, record.Version, "in-force", review is null ? "suspended" : "in-force",
            IsPublicNow(record, catalog, ChinaTime.DateOf(now))) { Details = details };
        var recorded = await ledger.AppendAsync(
            new LedgerEntry(ObjectionEvents.Filed, filing.Caller.Actor, record.Department, record.SubjectId, payload), cancellationToken);
        filed.FiledPosition = recorded.Position;
        db.Objections.Add(filed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FiledObjection(filed, Created: true);
    }

    /// <summary>Whether the record's current version is public on <paramref name="today"/>, objections aside (<see cref="RecordPublicOn"/>).</summary>
    internal static bool IsPublicNow(RecordRow record, CreditCatalog catalog, DateOnly today) =>
        record.IsPublicOn(today, RecordPublicOn.IndividualsPublicCategories(catalog));

    private async Task<ObjectionRow?> SameOpenAsync(
        Filing filing, System.Linq.Expressions.Expression<Func<ObjectionRow, bool>> target, CancellationToken cancellationToken) =>
        (await db.Objections.AsNoTracking().Where(o => o.Status == ObjectionStatus.Open).Where(target).ToListAsync(cancellationToken))
        .Find(filing.IsSameAs);

    /// <summary>
    /// The review deadline in working days (docs/domain.md#deadlines-and-working-days). A calendar that does not reach it leaves it unknown rather than
    /// refusing the objection: the suspension is the subject's right and never waits for the catalog (ADR 0013 §1).
    /// </summary>
    private DateOnly? ReviewDeadline(DateTimeOffset now)
    {
        try
        {
            return catalog.Calendar.AddWorkingDays(ChinaTime.DateOf(now), catalog.ObjectionReview);
        }
        catch (DomainException missing) when (missing.Code == CommonProblemCodes.CalendarYearMissing)
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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Objection {ObjectionId} awaits department {Department}'s review without suspension (filed by {Filer}); the department may suspend it")]
    private static partial void LogReviewOpened(ILogger logger, Guid objectionId, string department, string filer);
}
