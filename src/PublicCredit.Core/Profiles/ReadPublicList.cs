using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>An entry of a public list: the subject as the public sees it and the decision summary (ADR 0044).</summary>
public sealed record PublicListEntry(
    Guid Id,
    PublicSubjectView Subject,
    string Department,
    string DecisionDocument,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    PublicDesignationBasis? Basis,
    IReadOnlyList<PublicEntryField>? EntryFields);

/// <summary>One page of a public list, newest entries first; <see cref="Total"/> entries in all, <see cref="Page"/> counted from 1.</summary>
public sealed record PublicListPage(
    string ListType,
    LocalizedText Name,
    string Kind,
    DateTimeOffset AsOf,
    IReadOnlyList<PublicListEntry> Items,
    int Total,
    int Page,
    int PageSize);

/// <summary>
/// A red or black list as the public sees it now (docs/api.md#subjects-and-public-views
/// <c>GET /api/v1/public/lists/{listType}?page=</c>; ADR 0044): the entries in force at the time of the request whose
/// subject the public may see — the rule of the public profile (<see cref="SubjectDesignations.PublishedAt"/>):
/// organisations, and individuals only where the list's category publishes individuals, by their public id and masked
/// number. Entries that reach a person through an organisation are never listed under the person. The portal's list
/// pages and downloads (<c>/lists/{code}</c>, <c>.csv</c>, <c>.ndjson</c>) read through the same class, narrowed by a
/// <see cref="PublicListFilter"/> (docs/web.md; ADR 0047).
/// </summary>
public sealed class ReadPublicList(PublicCreditDbContext db, CreditCatalog catalog, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Deep pages are for crawlers, not people; the bound keeps OFFSET cheap (the full list is 10,000 entries deep).</summary>
    public const int MaxPage = 200;

    /// <summary>How many entries a download reads from the database at a time.</summary>
    private const int StreamBatch = 500;

    public Task<PublicListPage> RunAsync(string listType, string? page, CancellationToken cancellationToken = default) =>
        RunAsync(listType, page, PublicListFilter.None, cancellationToken);

    public async Task<PublicListPage> RunAsync(string listType, string? page, PublicListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var list = Find(listType);
        var number = PageNumbers.Parse(page, MaxPage);
        var moment = PublicMoment.Now(clock);
        var entries = Entries(list, filter, moment);
        var total = await entries.CountAsync(cancellationToken);
        var items = await ReadAsync(list, entries, (number - 1) * PageSize, PageSize, moment, cancellationToken);
        return new PublicListPage(list.Code, list.Name, list.Kind.Code(), moment.Instant, items, total, number, PageSize);
    }

    /// <summary>The list type by its catalog code, or 404 <c>list-type-not-found</c>.</summary>
    public ListType Find(string listType)
    {
        ArgumentNullException.ThrowIfNull(listType);
        return catalog.ListTypes.TryGet(listType, out var list)
            ? list
            : throw DomainException.NotFound(SubjectProblemCodes.ListTypeNotFound, $"There is no list type '{JsonMembers.Shorten(listType)}' in the catalog.");
    }

    /// <summary>
    /// Every entry of the list the public sees now (narrowed by <paramref name="filter"/>), newest first, read in batches
    /// so a download of the whole list is written as it is read rather than held in memory. The moment is fixed when the
    /// enumeration starts: every batch is judged at the same instant.
    /// </summary>
    public async IAsyncEnumerable<PublicListEntry> StreamAsync(
        ListType list, PublicListFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(filter);
        var moment = PublicMoment.Now(clock);
        var entries = Entries(list, filter, moment);
        for (var skip = 0; ; skip += StreamBatch)
        {
            var batch = await ReadAsync(list, entries, skip, StreamBatch, moment, cancellationToken);
            foreach (var entry in batch)
            {
                yield return entry;
            }

            if (batch.Count < StreamBatch)
            {
                yield break;
            }
        }
    }

    /// <summary>The public profile's rule (<see cref="SubjectDesignations.PublishedAt"/>) for one list, then the filter.</summary>
    private IQueryable<DesignationRow> Entries(ListType list, PublicListFilter filter, PublicMoment moment)
    {
        var entries = db.Designations.AsNoTracking().Where(d => d.ListType == list.Code).PublishedAt(catalog, moment.Instant);
        if (filter.Department is { } department)
        {
            entries = entries.Where(d => d.Department == department);
        }

        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOf(from);
            entries = entries.Where(d => d.EffectiveFrom >= start);
        }

        if (filter.To is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            entries = entries.Where(d => d.EffectiveFrom < end);
        }

        if (filter.Region is { } region)
        {
            // An organisation by the division in its USCC (characters 3–8); an individual only by as many digits as its
            // masked number shows (4): a county filter lists organisations only (ADR 0047).
            var length = region.Length;
            entries = length <= PublicListFilter.IndividualRegionDigits
                ? entries.Where(d => d.SubjectKind == SubjectKind.Organisation
                    ? d.SubjectId.Substring(2, length) == region
                    : d.SubjectId.Substring(0, length) == region)
                : entries.Where(d => d.SubjectKind == SubjectKind.Organisation && d.SubjectId.Substring(2, length) == region);
        }

        return entries.OrderByDescending(d => d.EffectiveFrom).ThenBy(d => d.Id);
    }

    private async Task<List<PublicListEntry>> ReadAsync(ListType list, IQueryable<DesignationRow> entries, int skip, int take, PublicMoment moment, CancellationToken cancellationToken)
    {
        var rows = await entries.Skip(skip).Take(take).ToListAsync(cancellationToken);
        var subjectIds = rows.Select(r => r.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.SubjectId)).ToDictionaryAsync(s => s.SubjectId, cancellationToken);
        // The basis records the public sees now, by the public profile's rule: only those are linked (ADR 0043).
        var basisIds = rows.SelectMany(r => r.BasisRecordIds).Distinct().ToList();
        var publicBasis = basisIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Records.AsNoTracking().PublicAt(moment, catalog, db.Objections).Where(r => basisIds.Contains(r.Id)).Select(r => r.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        return rows
            .Where(r => subjects.ContainsKey(r.SubjectId))
            .Select(r =>
            {
                var subject = PublicSubjectView.From(subjects[r.SubjectId]);
                return new PublicListEntry(r.Id, subject, r.Department, r.DecisionDocument!, r.EffectiveFrom!.Value, r.ExpiresAt!.Value,
                    PublicDesignationBasis.Of(r.BasisRecordIds, publicBasis, subject.Id), PublicEntryField.Of(r.EntryFieldsJson, list));
            })
            .ToList();
    }
}

/// <summary>
/// What a reader narrows a public list to (docs/web.md#lists-catalog-and-home; ADR 0047): <see cref="Region"/>, an administrative
/// division prefix of 2, 4 or 6 digits (province, prefecture, county); <see cref="Department"/>, the catalog code of the
/// designating department; <see cref="From"/>/<see cref="To"/>, China dates the entry took effect between (inclusive).
/// </summary>
public sealed record PublicListFilter(string? Region, string? Department, DateOnly? From, DateOnly? To)
{
    public const string RegionField = "region";
    public const string DepartmentField = "department";
    public const string FromField = "from";
    public const string ToField = "to";

    /// <summary>The digits of a resident ID number a public view shows (<c>1101**********002X</c>).</summary>
    public const int IndividualRegionDigits = 4;

    public static PublicListFilter None { get; } = new(null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>Reads the query's filters; blank ones are absent. 422 with the field's code for anything unreadable.</summary>
    public static PublicListFilter Parse(string? region, string? department, string? from, string? to, CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (region is not null && (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit)))
        {
            throw DomainException.Invalid(RegionField, SubjectProblemCodes.ListRegionInvalid,
                "region is an administrative division code of 2, 4 or 6 digits, e.g. 35 or 350100.");
        }

        if (department is not null && !catalog.Departments.TryGet(department, out _))
        {
            throw DomainException.Invalid(DepartmentField, SubjectProblemCodes.ListDepartmentUnknown,
                $"department '{JsonMembers.Shorten(department)}' is not a department of the catalog.");
        }

        var start = Day(from, FromField);
        var end = Day(to, ToField);
        if (start is { } s && end is { } e && e < s)
        {
            throw DomainException.Invalid(ToField, SubjectProblemCodes.ListDateInvalid, "to may not be before from.");
        }

        return new PublicListFilter(region, department, start, end);
    }

    private static DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            && day >= InputRange.Earliest && day.Year <= 9998
            ? day
            : throw DomainException.Invalid(field, SubjectProblemCodes.ListDateInvalid, $"{field} is a date YYYY-MM-DD.");
    }
}
