using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Inquiries;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Time;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>
/// One date that matters for a designation now: <c>objection-window</c> (the notice's last day to state a case),
/// <c>objection-review</c>, <c>conflict-review</c> (revoke or confirm a red entry a black one set aside, ADR 0042), <c>restoration-accept</c> / <c>restoration-decide</c>, <c>removal</c> (working-day
/// deadlines of the department, overdue once passed) and <c>expiry</c> (the China date its term ends; it ends by
/// itself, so never overdue).
/// </summary>
public sealed record DesignationDeadline(string Kind, DateOnly Date, bool Overdue);

/// <summary>One line of a department's designation list. <see cref="Decidable"/>: noticed, no objection under review,
/// and the window passed or a statement on file — the reviewer may decide now.</summary>
public sealed record DesignationListItem(
    Guid Id,
    string Status,
    string ListType,
    SubjectRef Subject,
    string NoticeDocument,
    DateTimeOffset NoticedAt,
    DateOnly ObjectionDeadline,
    bool StatementFiled,
    bool ObjectionOpen,
    bool Decidable,
    string? DecisionDocument,
    DateTimeOffset? EffectiveFrom,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<DesignationDeadline> Deadlines,
    bool Overdue);

public sealed record DesignationListPage(IReadOnlyList<DesignationListItem> Items, int Total, int Page, int PageSize);

/// <summary>
/// A department's designations (<c>GET /api/v1/designations?status=&amp;page=</c>, and the console's list — one use
/// case, so the page cannot query differently from the API): recorders and reviewers see the designations their own
/// department owns, by status with the deadlines that matter in that status (docs/design.md#9-time-is-an-input: working days from
/// the catalog calendar, fixed when each was computed; "today" is the China date of the injected clock). Expired is
/// derived from the time as everywhere (an effective designation past <c>expiresAt</c>). Each subject shown is an
/// inquiry about it, logged before the answer (docs/domain.md#personal-information).
/// </summary>
public sealed class ListDesignations(PublicCreditDbContext db, InquiryLog inquiries, TimeProvider clock, IEnumerable<IDesignationDeadlines> held)
{
    public const int PageSize = 50;
    public const int MaxPage = 1000;
    public const string Endpoint = "GET /api/v1/designations";

    /// <summary>The filter values: every status a designation can read as.</summary>
    public static readonly IReadOnlyList<string> Statuses = EnumCodes.All<DesignationStatus>();

    public async Task<DesignationListPage> RunAsync(Caller caller, string? status, string? page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Those who work designations: the recorder proposes, the reviewer decides and revokes (docs/api.md#roles).
        caller.RequireRole(Role.Recorder, Role.Reviewer);
        var department = caller.Department!;
        var now = clock.GetUtcNow();
        var query = db.Designations.AsNoTracking().Where(d => d.Department == department);

        DesignationStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wanted = Enum.GetValues<DesignationStatus>().Cast<DesignationStatus?>().FirstOrDefault(s => s!.Value.Code() == status.Trim())
                     ?? throw DomainException.Invalid("status", Codes.StatusInvalid, $"status is one of {string.Join(", ", Statuses)} (absent: all).");
        }

        var number = PageNumbers.Parse(page, MaxPage);

        // Most pressing first within a status: a noticed one by its window, an effective or expired one by its term.
        IOrderedQueryable<DesignationRow> ordered = wanted switch
        {
            DesignationStatus.Noticed => query.Where(d => d.Status == DesignationStatus.Noticed).OrderBy(d => d.ObjectionDeadline),
            DesignationStatus.Effective => query.Where(d => d.Status == DesignationStatus.Effective && d.ExpiresAt > now).OrderBy(d => d.ExpiresAt),
            DesignationStatus.Expired => query.Where(d => d.Status == DesignationStatus.Effective && d.ExpiresAt <= now).OrderByDescending(d => d.ExpiresAt),
            // The department's conflict reviews (ADR 0042): the one due soonest first, an unknown due date last.
            DesignationStatus.SuspendedByConflict => query.Where(d => d.Status == DesignationStatus.SuspendedByConflict)
                .OrderBy(d => d.ConflictReviewDue == null).ThenBy(d => d.ConflictReviewDue),
            { } stored => query.Where(d => d.Status == stored).OrderByDescending(d => d.NoticedAt),
            null => query.OrderByDescending(d => d.NoticedAt),
        };
        var total = await ordered.CountAsync(cancellationToken);
        var rows = await ordered.ThenBy(d => d.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var today = ChinaTime.Today(clock);
        // Objection reviews and restoration applications, answered by those capabilities (IDesignationDeadlines).
        var others = new List<HeldDeadline>();
        foreach (var source in held)
        {
            others.AddRange(await source.OpenAsync(ids, today, cancellationToken));
        }

        var removals = await db.Performances.AsNoTracking()
            .Where(p => ids.Contains(p.DesignationId) && p.RemovedAt == null)
            .Select(p => new { p.DesignationId, p.RemovalDueBy })
            .ToListAsync(cancellationToken);

        var items = new List<DesignationListItem>(rows.Count);
        foreach (var row in rows)
        {
            var state = row.State;
            var current = state.StatusAt(now);
            var deadlines = new List<DesignationDeadline>();
            if (current == DesignationStatus.Noticed)
            {
                // The window is the subject's time, not the department's: it passing is no lateness (docs/domain.md#lists).
                deadlines.Add(new("objection-window", row.ObjectionDeadline, false));
            }

            deadlines.AddRange(others.Where(h => h.DesignationId == row.Id).Select(h => h.Deadline));

            if (current == DesignationStatus.SuspendedByConflict && row.ConflictReviewDue is { } reviewDue)
            {
                // Revoke or confirm: the red list's department's duty once a black entry set the red one aside (ADR 0042).
                deadlines.Add(new("conflict-review", reviewDue, today > reviewDue));
            }

            if (current is DesignationStatus.Effective or DesignationStatus.Suspended)
            {
                deadlines.AddRange(removals.Where(p => p.DesignationId == row.Id).Select(p => new DesignationDeadline("removal", p.RemovalDueBy, today > p.RemovalDueBy)));
            }

            if (current is DesignationStatus.Effective or DesignationStatus.Suspended && row.ExpiresAt is { } expires)
            {
                deadlines.Add(new("expiry", ChinaTime.DateOf(expires), false));
            }

            var decidable = current == DesignationStatus.Noticed && !row.ObjectionOpen && (row.StatementFiled || today > row.ObjectionDeadline);
            items.Add(new DesignationListItem(row.Id, current.Code(), row.ListType,
                new SubjectRef(row.SubjectId, row.SubjectName, row.SubjectKind.Code()), row.NoticeDocument, row.NoticedAt,
                row.ObjectionDeadline, row.StatementFiled, row.ObjectionOpen, decidable, row.DecisionDocument, row.EffectiveFrom,
                row.ExpiresAt, row.RevokedAt, [.. deadlines.OrderBy(d => d.Date)], deadlines.Exists(d => d.Overdue)));
        }

        // The list shows who is designated: each subject listed has been looked at by this caller (docs/domain.md#personal-information).
        foreach (var subject in rows.Select(r => r.SubjectId).Distinct(StringComparer.Ordinal))
        {
            await inquiries.RecordAsync(caller, subject, ReadDesignation.InquiryPurpose, Endpoint, "designation list", cancellationToken);
        }

        return new DesignationListPage(items, total, number, PageSize);
    }
}
