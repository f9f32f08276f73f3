using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Storage;

namespace PublicCredit.Profiles;

/// <summary>An item of the home page's "recently made public": a licence or penalty, by its subject's public id.</summary>
public sealed record PortalRecentItem(Guid Id, string Category, string SubjectId, string SubjectName, string DocumentNumber, DateOnly DecisionDate, string Department);

/// <summary>
/// What the platform holds that the public sees now (docs/web.md#what-each-page-shows): subjects with anything public, public
/// records, entries in force per list, and the latest licences and penalties ("double publicity"). Counted by the very
/// rules of the public views (<see cref="PublicRecords.PublicAt"/>, <see cref="SubjectDesignations.PublishedAt"/>).
/// </summary>
public sealed record PortalSummary(
    DateTimeOffset AsOf,
    int Subjects,
    int Records,
    IReadOnlyDictionary<string, int> ListEntries,
    IReadOnlyList<PortalRecentItem> RecentLicences,
    IReadOnlyList<PortalRecentItem> RecentPenalties);

public sealed class ReadPortalSummary(PublicCreditDbContext db, CreditCatalog catalog, TimeProvider clock)
{
    public const string Licensing = "administrative-licensing";
    public const string Penalty = "administrative-penalty";
    public const int Recent = 5;

    public async Task<PortalSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var moment = PublicMoment.Now(clock);
        var visible = db.Records.AsNoTracking().PublicAt(moment, catalog, db.Objections);
        var listed = db.Designations.AsNoTracking().PublishedAt(catalog, moment.Instant);
        var subjects = await db.Subjects.AsNoTracking()
            .CountAsync(s => visible.Any(r => r.SubjectId == s.SubjectId) || listed.Any(d => d.SubjectId == s.SubjectId), cancellationToken);
        var records = await visible.CountAsync(cancellationToken);
        var perList = await listed.GroupBy(d => d.ListType).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var entries = catalog.ListTypes.ToDictionary(l => l.Code, l => perList.FirstOrDefault(p => p.Key == l.Code)?.Count ?? 0, StringComparer.Ordinal);
        return new PortalSummary(moment.Instant, subjects, records, entries,
            await RecentAsync(visible, Licensing, cancellationToken), await RecentAsync(visible, Penalty, cancellationToken));
    }

    private async Task<IReadOnlyList<PortalRecentItem>> RecentAsync(IQueryable<Records.RecordRow> visible, string category, CancellationToken cancellationToken)
    {
        var rows = await visible.Where(r => r.Category == category)
            .OrderByDescending(r => r.DecisionDate).ThenByDescending(r => r.RecordedAt).ThenBy(r => r.Id)
            .Take(Recent)
            .Join(db.Subjects, r => r.SubjectId, s => s.SubjectId, (r, s) => new { r.Id, r.Category, s.PublicId, s.SubjectId, s.Kind, r.SubjectName, r.DocumentNumber, r.DecisionDate, r.Department })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(r => r.DecisionDate)
            .Select(r => new PortalRecentItem(r.Id, r.Category, r.Kind == Identifiers.SubjectKind.Organisation ? r.SubjectId : r.PublicId, r.SubjectName, r.DocumentNumber, r.DecisionDate, r.Department))];
    }
}
