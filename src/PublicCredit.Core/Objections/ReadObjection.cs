using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Inquiries;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Objections;

/// <summary>What was objected to: exactly one of the two ids.</summary>
public sealed record ObjectionTargetView(Guid? DesignationId, Guid? RecordId);

/// <summary>The department's answer, with the reasons the subject is told (docs/domain.md#objections-and-restoration).</summary>
public sealed record ObjectionResolutionView(string Outcome, string Reasons, DateTimeOffset ResolvedAt);

/// <summary>An objection as its subject and the staff concerned see it.</summary>
public sealed record ObjectionView(
    Guid Id,
    string Status,
    ObjectionTargetView Target,
    string Department,
    string SubjectId,
    string FiledBy,
    string? FiledByDepartment,
    DateTimeOffset FiledAt,
    DateOnly? ReviewDeadline,
    bool Overdue,
    string Grounds,
    string? Evidence,
    ObjectionResolutionView? Resolution,
    bool Suspended,
    DateTimeOffset? SuspendedAt,
    string? ReachOf = null)
{
    public static ObjectionView From(ObjectionRow row, DateOnly today) => new(
        row.Id,
        row.Status.Code(),
        new ObjectionTargetView(row.DesignationId, row.RecordId),
        row.Department,
        row.SubjectId,
        row.FiledBySubject ? "subject" : "department",
        row.FiledByDepartment,
        row.FiledAt,
        row.ReviewDeadline,
        row.Status == ObjectionStatus.Open && row.ReviewDeadline is { } due && today > due,
        row.Grounds,
        row.Evidence,
        row.ResolvedAt is { } at ? new ObjectionResolutionView(row.Status.Code(), row.ResolutionReasons ?? "", at) : null,
        row.SuspendedAt is not null,
        row.SuspendedAt,
        row.ReachOf);
}

/// <summary>
/// Reads one objection (<c>GET /api/v1/objections/{id}</c>): the subject's own token (another subject's is
/// <c>subject-scope</c>), staff of the department that owns the target or that filed it, and auditors (others:
/// <c>department-scope</c>). Grounds and evidence are the subject's data: a staff read is an inquiry, logged before
/// the answer (docs/domain.md#personal-information).
/// </summary>
public sealed class ReadObjection(PublicCreditDbContext db, InquiryLog inquiries, TimeProvider clock)
{
    public const string InquiryPurpose = "objection";

    public async Task<ObjectionView> RunAsync(Caller caller, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsStaff && caller.SubjectId is null)
        {
            caller.RequireRole(StaffRoles.All); // 401: an anonymous caller learns nothing, not even whether it exists
        }

        var row = await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                  ?? throw ResolveObjection.NotFound(id);
        // A responsible person's objection for its reach is the person's to read, not the organisation's (docs/objections.md#responsible-persons).
        caller.RequireSubjectOrRole(row.ReachOf ?? row.SubjectId, StaffRoles.All);
        if (caller.IsStaff)
        {
            if (caller.Role != Role.Auditor && !string.Equals(caller.Department, row.FiledByDepartment, StringComparison.Ordinal))
            {
                caller.RequireDepartment(row.Department);
            }

            await inquiries.RecordAsync(caller, row.ReachOf ?? row.SubjectId, InquiryPurpose, "GET /api/v1/objections/{id}", "objection", cancellationToken);
        }

        return ObjectionView.From(row, ChinaTime.Today(clock));
    }
}
