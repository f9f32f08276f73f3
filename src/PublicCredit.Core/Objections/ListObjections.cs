using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Inquiries;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Codes = PublicCredit.Objections.ObjectionProblemCodes;
using Fields = PublicCredit.Objections.ObjectionFields;

namespace PublicCredit.Objections;

public sealed record ObjectionPage(IReadOnlyList<ObjectionView> Items, int Total, int Page, int PageSize);

/// <summary>
/// Lists objections (<c>GET /api/v1/objections?status=&amp;page=</c>), most urgent first — by review deadline, then
/// filing time: for a reviewer, those against its own department's records and designations (the staff console's
/// work queue); for a subject's token, its own. <c>status</c> is <c>open</c>, <c>upheld</c> or <c>rejected</c>
/// (absent: all). Each subject a reviewer is shown is an inquiry about it, logged before the answer (docs/domain.md#personal-information).
/// </summary>
public sealed class ListObjections(PublicCreditDbContext db, InquiryLog inquiries, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxPage = 1000;
    public const string InquiryPurpose = "objection-review";

    public async Task<ObjectionPage> RunAsync(Caller caller, string? status, string? page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var objections = db.Objections.AsNoTracking();
        if (caller.SubjectId is { } subject)
        {
            // Its own objections: on its records and entries, and a responsible person's for its reach (docs/objections.md#responsible-persons).
            objections = objections.Where(ObjectionRow.OwnedBy(subject));
        }
        else
        {
            caller.RequireRole(Role.Reviewer);
            var department = caller.Department;
            objections = objections.Where(o => o.Department == department);
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = Enum.GetValues<ObjectionStatus>().Where(s => s.Code() == status.Trim()).ToList();
            if (wanted.Count == 0)
            {
                throw DomainException.Invalid(Fields.Status, Codes.StatusInvalid, "status is open, upheld or rejected.");
            }

            var only = wanted[0];
            objections = objections.Where(o => o.Status == only);
        }

        var number = PageNumbers.Parse(page, MaxPage);

        var total = await objections.CountAsync(cancellationToken);
        // Unknown deadlines (a calendar that did not reach) first: they need a person's attention most.
        var rows = await objections
            .OrderBy(o => o.ReviewDeadline == null ? 0 : 1)
            .ThenBy(o => o.ReviewDeadline)
            .ThenBy(o => o.FiledAt)
            .ThenBy(o => o.Id)
            .Skip((number - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);

        if (caller.IsStaff)
        {
            await Task.WhenAll(rows.Select(r => r.SubjectId).Distinct(StringComparer.Ordinal).Select(s =>
                inquiries.RecordAsync(caller, s, InquiryPurpose, "GET /api/v1/objections", "objections under review", cancellationToken)));
        }

        var today = ChinaTime.Today(clock);
        return new ObjectionPage([.. rows.Select(r => ObjectionView.From(r, today))], total, number, PageSize);
    }
}
