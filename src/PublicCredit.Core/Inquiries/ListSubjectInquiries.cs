using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Time;

namespace PublicCredit.Inquiries;

/// <summary>One inquiry as docs/api.md shows it: when, which department and role, why, through which endpoint.</summary>
public sealed record InquiryView(DateTimeOffset At, string? Department, string? Role, string Purpose, string Endpoint, string? Note);

/// <summary>
/// Who looked at a subject (docs/api.md#subjects-and-public-views <c>GET /api/v1/subjects/{subjectId}/inquiries</c>; docs/domain.md#personal-information: the subject may see
/// the query log): the subject's own self-service token, or an auditor. Newest first, at most <c>limit</c>
/// (default <see cref="DefaultLimit"/>). The key that asked is not shown to the subject; the department and role are.
/// An auditor's read of the log is itself a read of the subject's data (docs/design.md#edges-public-limits-and-audit-reads, ADR 0039): it needs a purpose and
/// is logged as an inquiry, durable before the answer, so the subject sees that its log was read and why. The subject
/// reading its own log is not logged (it would only log itself).
/// </summary>
public sealed class ListSubjectInquiries(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/subjects/{subjectId}/inquiries";

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<IReadOnlyList<InquiryView>> RunAsync(
        Caller caller, string subjectId, string? limit, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller == Caller.Public)
        {
            caller.RequireRole(Role.Auditor);
        }

        var id = SubjectId.Parse(subjectId, ChinaTime.Today(clock));
        caller.RequireSubjectOrRole(id.Value, Role.Auditor);
        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            throw DomainException.Invalid("limit", SubjectProblemCodes.LimitOutOfRange, $"limit is a whole number from 1 to {MaxLimit}.");
        }

        var why = caller.SubjectId is null ? InquiryPurpose.Require(caller, catalog, purpose, note) : null;
        var log = await db.Inquiries.AsNoTracking()
            .Where(i => i.SubjectId == id.Value)
            .OrderByDescending(i => i.At)
            .ThenByDescending(i => i.Id)
            .Take(take)
            .Select(i => new InquiryView(i.At, i.Department, i.Role, i.Purpose, i.Endpoint, i.Note))
            .ToListAsync(cancellationToken);
        if (why is not null)
        {
            await inquiries.RecordAsync(caller, id.Value, why, Endpoint,
                string.Create(CultureInfo.InvariantCulture, $"inquiry log: {log.Count} entries"), cancellationToken);
        }

        return log;
    }
}
