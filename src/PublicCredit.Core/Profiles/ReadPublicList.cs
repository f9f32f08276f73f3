using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Text;

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
/// number. Entries that reach a person through an organisation are never listed under the person.
/// </summary>
public sealed class ReadPublicList(PublicCreditDbContext db, CreditCatalog catalog, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Deep pages are for crawlers, not people; the bound keeps OFFSET cheap (the full list is 10,000 entries deep).</summary>
    public const int MaxPage = 200;

    public async Task<PublicListPage> RunAsync(string listType, string? page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listType);
        if (!catalog.ListTypes.TryGet(listType, out var list))
        {
            throw DomainException.NotFound(SubjectProblemCodes.ListTypeNotFound, $"There is no list type '{JsonMembers.Shorten(listType)}' in the catalog.");
        }

        var number = PageNumbers.Parse(page, MaxPage);
        var moment = PublicMoment.Now(clock);
        var entries = db.Designations.AsNoTracking().Where(d => d.ListType == list.Code).PublishedAt(catalog, moment.Instant);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries
            .OrderByDescending(d => d.EffectiveFrom)
            .ThenBy(d => d.Id)
            .Skip((number - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        var subjectIds = rows.Select(r => r.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.SubjectId)).ToDictionaryAsync(s => s.SubjectId, cancellationToken);
        // The basis records the public sees now, by the public profile's rule: only those are linked (ADR 0043).
        var basisIds = rows.SelectMany(r => r.BasisRecordIds).Distinct().ToList();
        var publicBasis = basisIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Records.AsNoTracking().PublicAt(moment, catalog, db.Objections).Where(r => basisIds.Contains(r.Id)).Select(r => r.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        var items = rows
            .Where(r => subjects.ContainsKey(r.SubjectId))
            .Select(r =>
            {
                var subject = PublicSubjectView.From(subjects[r.SubjectId]);
                return new PublicListEntry(r.Id, subject, r.Department, r.DecisionDocument!, r.EffectiveFrom!.Value, r.ExpiresAt!.Value,
                    PublicDesignationBasis.Of(r.BasisRecordIds, publicBasis, subject.Id), PublicEntryField.Of(r.EntryFieldsJson, list));
            })
            .ToList();
        return new PublicListPage(list.Code, list.Name, list.Kind.Code(), moment.Instant, items, total, number, PageSize);
    }
}
