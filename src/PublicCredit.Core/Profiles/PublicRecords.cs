using PublicCredit.Catalog;
using PublicCredit.Objections;
using PublicCredit.Records;

namespace PublicCredit.Profiles;

/// <summary>
/// What the public may see of records at a moment — the one composition every public view uses (ADR 0008;
/// docs/domain.md#publicity-periods, docs/design.md#7-privacy-by-default): the version that stood at the moment (the
/// current one for "now"), public on its day by <see cref="RecordPublicOn"/>, and neither suspended or withdrawn by an
/// objection nor ended by a restoration.
/// </summary>
public static class PublicRecords
{
    /// <summary>
    /// The record versions the public sees at <paramref name="moment"/>: never a record under objection, nor one an
    /// upheld objection withdrew (docs/design.md#4-an-objection-suspends-at-once; ADR 0013 §3) — <paramref name="objections"/> is the objections table.
    /// </summary>
    public static IQueryable<RecordRow> PublicAt(
        this IQueryable<RecordRow> rows, PublicMoment moment, CreditCatalog catalog, IQueryable<ObjectionRow> objections)
    {
        ArgumentNullException.ThrowIfNull(moment);
        var standing = moment.IsNow ? rows.Current() : rows.Where(RecordPublicOn.StandingAt(moment.Instant));
        var instant = moment.Instant;
        var withdrawn = objections.WithdrawnAt(instant);
        // A granted restoration ends publication from its instant on (docs/domain.md#objections-and-restoration, ADR 0014).
        return standing.Where(RecordPublicOn.Day(moment.Day, RecordPublicOn.IndividualsPublicCategories(catalog)))
            .Where(r => !withdrawn.Any(o => o.RecordId == r.Id))
            .Where(r => r.RestoredAt == null || r.RestoredAt > instant);
    }
}
