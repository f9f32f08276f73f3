using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Records;
using PublicCredit.Statistics;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Text;

namespace PublicCredit.Profiles;

/// <summary>A record as the double-publicity query shows it: the subject as the public sees it (masked number, an
/// individual by public id) and the record's publication fields.</summary>
public sealed record PublicRecordEntry(PublicSubjectView Subject, PublicRecordView Record);

/// <summary>
/// One page of the double-publicity query (docs/api.md#subjects-and-public-views). <see cref="Total"/> is exact up to
/// <see cref="SearchPublicRecords.TotalCap"/>; beyond it <see cref="TotalIsLowerBound"/> is true and the total reads
/// "10,000+", since counting every match would cost more than the page (ADR 0046).
/// </summary>
public sealed record PublicRecordsPage(IReadOnlyList<PublicRecordEntry> Items, int Total, bool TotalIsLowerBound, int Page, int PageSize);

/// <summary>
/// The double-publicity query (双公示; docs/api.md#subjects-and-public-views
/// <c>GET /api/v1/public/records?q=&amp;department=&amp;category=&amp;from=&amp;to=&amp;page=</c>): the records public at the
/// time of the request — the very rule of the public profile (<see cref="PublicRecords.PublicAt"/>: in their publicity
/// period, individuals only where the catalog publishes the category, nothing under objection or restored) — by
/// document number (<c>q</c>, exact), source department, category and decision-date range (China dates, inclusive;
/// <see cref="ReportingPeriod"/>). Newest decisions first, <see cref="PageSize"/> a page. This is how people check a
/// licence or a penalty: it can never show a record the subject's public profile does not.
/// </summary>
public sealed class SearchPublicRecords(PublicCreditDbContext db, CreditCatalog catalog, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>Deep pages are for crawlers, not people; the bound keeps OFFSET cheap.</summary>
    public const int MaxPage = 500;

    /// <summary>Matches are counted up to this many; a larger total is reported as a lower bound.</summary>
    public const int TotalCap = 10_000;

    public const string DepartmentField = "department";
    public const string CategoryField = "category";
    public const string QueryField = "q";

    public async Task<PublicRecordsPage> RunAsync(
        string? query, string? department, string? category, string? from, string? to, string? page, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var documentNumber = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        var maxDocument = RecordFields.MaxLength(RecordFields.DocumentNumber);
        if (documentNumber is not null && documentNumber.Length > maxDocument)
        {
            errors.Add(new FieldError(QueryField, SubjectProblemCodes.QueryTooLong, $"A document number has at most {maxDocument} characters."));
        }

        var departmentCode = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (departmentCode is not null && !catalog.Departments.TryGet(departmentCode, out _))
        {
            errors.Add(new FieldError(DepartmentField, AccessProblemCodes.DepartmentUnknown,
                $"'{JsonMembers.Shorten(departmentCode)}' is not a department of catalog {catalog.Version}."));
        }

        var categoryCode = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (categoryCode is not null && !catalog.Categories.TryGet(categoryCode, out _))
        {
            errors.Add(new FieldError(CategoryField, RecordProblemCodes.UnknownCategory,
                $"'{JsonMembers.Shorten(categoryCode)}' is not a category of catalog {catalog.Version} (GET /api/v1/catalog lists them)."));
        }

        ReportingPeriod period = ReportingPeriod.All;
        try
        {
            period = ReportingPeriod.Parse(from, to);
        }
        catch (DomainException refused)
        {
            errors.AddRange(refused.Errors);
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var number = PageNumbers.Parse(page, MaxPage);
        var moment = PublicMoment.Now(clock);
        var records = db.Records.AsNoTracking().PublicAt(moment, catalog, db.Objections);
        if (documentNumber is not null)
        {
            records = records.Where(r => r.DocumentNumber == documentNumber);
        }

        if (departmentCode is not null)
        {
            records = records.Where(r => r.Department == departmentCode);
        }

        if (categoryCode is not null)
        {
            records = records.Where(r => r.Category == categoryCode);
        }

        if (period.From is { } start)
        {
            records = records.Where(r => r.DecisionDate >= start);
        }

        if (period.To is { } end)
        {
            records = records.Where(r => r.DecisionDate <= end);
        }

        // Counting stops after the cap: a total is worth its cost only while a person would page through it.
        var counted = await records.Take(TotalCap + 1).CountAsync(cancellationToken);
        var rows = await records
            .OrderByDescending(r => r.DecisionDate)
            .ThenBy(r => r.Id)
            .Skip((number - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        var subjectIds = rows.Select(r => r.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.SubjectId)).ToDictionaryAsync(s => s.SubjectId, cancellationToken);
        var items = rows
            .Where(r => subjects.ContainsKey(r.SubjectId))
            .Select(r => new PublicRecordEntry(PublicSubjectView.From(subjects[r.SubjectId]), PublicRecordView.From(r, catalog)))
            .ToList();
        return new PublicRecordsPage(items, Math.Min(counted, TotalCap), counted > TotalCap, number, PageSize);
    }
}
