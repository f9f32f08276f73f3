using System.Linq.Expressions;
using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Objections;
using PublicCredit.Records;

namespace PublicCredit.Subjects;

/// <summary>
/// What the public may see of records at a moment — the one rule every public view uses (ADR 0008; docs/domain.md#publicity-periods,
/// docs/design.md#7-privacy-by-default). A version is public on day <c>D</c> when it is published at all (<c>published</c>: a grade the
/// catalog publishes, and an organisation or a category with <c>individualsPublic</c>), its period has not ended
/// (<c>publicUntil</c> null or ≥ D — the last public day is inclusive, so publication stops at 00:00 China time the
/// day after) and, for individuals, the catalog <em>still</em> makes the category public: a catalog that withdraws
/// individuals' publication takes effect at once, without rewriting stored flags. Only the version that stood at the
/// moment counts (the current one for "now").
/// </summary>
public static class PublicRecords
{
    /// <summary>The rule on one stored version's facts, for code that has them in memory (the changes feed).</summary>
    public static bool IsPublicOn(bool published, DateOnly? publicUntil, DateOnly day) =>
        published && (publicUntil is null || publicUntil >= day);

    /// <summary>The rule as a query predicate (translated to SQL on both providers).</summary>
    public static Expression<Func<RecordRow, bool>> PublicOn(DateOnly day, IReadOnlyCollection<string> individualsPublicCategories) =>
        r => r.Published
             && (r.PublicUntil == null || r.PublicUntil >= day)
             && (r.SubjectKind == SubjectKind.Organisation || individualsPublicCategories.Contains(r.Category));

    /// <summary>The version of each record that stood at <paramref name="instant"/>: written by then, not yet superseded.</summary>
    public static Expression<Func<RecordRow, bool>> StandingAt(DateTimeOffset instant) =>
        r => r.RecordedAt <= instant && (r.SupersededAt == null || r.SupersededAt > instant);

    /// <summary>The categories whose records about individuals the catalog makes public.</summary>
    public static IReadOnlyCollection<string> IndividualsPublicCategories(CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Categories.Where(c => c.IndividualsPublic).Select(c => c.Code)];
    }

    /// <summary>
    /// The record versions the public sees at <paramref name="moment"/>: never a record under objection, nor one an
    /// upheld objection withdrew (docs/design.md#4-an-objection-suspends-at-once; ADR 0013 §3) — <paramref name="objections"/> is the objections table.
    /// </summary>
    public static IQueryable<RecordRow> PublicAt(
        this IQueryable<RecordRow> rows, PublicMoment moment, CreditCatalog catalog, IQueryable<ObjectionRow> objections)
    {
        ArgumentNullException.ThrowIfNull(moment);
        var standing = moment.IsNow ? rows.Current() : rows.Where(StandingAt(moment.Instant));
        var instant = moment.Instant;
        var withdrawn = objections.WithdrawnAt(instant);
        // A granted restoration ends publication from its instant on (docs/domain.md#objections-and-restoration, ADR 0014).
        return standing.Where(PublicOn(moment.Day, IndividualsPublicCategories(catalog)))
            .Where(r => !withdrawn.Any(o => o.RecordId == r.Id))
            .Where(r => r.RestoredAt == null || r.RestoredAt > instant);
    }
}
