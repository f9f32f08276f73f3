using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Enforcement;

/// <summary>
/// What the green channel (GF〔2016〕33 §(4); catalog <c>greenChannel</c>) needs on the hot path, in memory (ADR 0010 §3):
/// per subject, the latest instant of anything negative — the decision date (00:00 China time) of a current version of
/// a record in a negative category, published or not, and the effective start of a black-list designation. Loaded
/// at start-up, raised on every commit in this process; it only ever moves forward, so a correction that moves a
/// decision date back, or a later negative when a check asks about the past, can only withhold the green channel —
/// never grant it wrongly (the incentive is recommended, a wrongful grant is the worse error).
/// </summary>
public sealed class CleanRecord(CreditCatalog catalog) : IDesignationCommitted, IRecordsCommitted
{
    private readonly ConcurrentDictionary<SubjectKey, DateTimeOffset> latestNegative = new();
    private readonly Measure[] greenChannel = [.. catalog.GreenChannelMeasures];

    public int Subjects => latestNegative.Count;

    public async Task LoadAsync(PublicCreditDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var negative = catalog.Categories.Where(c => c.Polarity == Polarity.Negative).Select(c => c.Code).ToList();
        var records = await db.Records.AsNoTracking().Current()
            .Where(r => negative.Contains(r.Category))
            .GroupBy(r => r.SubjectId)
            .Select(g => new { SubjectId = g.Key, Latest = g.Max(r => r.DecisionDate) })
            .ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            // A stored date outside the input range (written before ADR 0027) is skipped, never a failed start-up.
            if (InputRange.Contains(record.Latest))
            {
                Raise(record.SubjectId, ChinaTime.StartOf(record.Latest));
            }
        }

        var black = catalog.ListTypes.Where(l => l.Kind == ListKind.Black).Select(l => l.Code).ToList();
        // Streamed: millions of designations are never held as a list at start-up.
        var designations = db.Designations.AsNoTracking()
            .Where(d => black.Contains(d.ListType) && d.EffectiveFrom != null)
            .Select(d => new { d.SubjectId, d.EffectiveFrom })
            .AsAsyncEnumerable();
        await foreach (var designation in designations.WithCancellation(cancellationToken))
        {
            Raise(designation.SubjectId, designation.EffectiveFrom!.Value);
        }
    }

    /// <summary>The green-channel measures of <paramref name="matter"/> the subject qualifies for at <paramref name="asOf"/>.</summary>
    public IEnumerable<Measure> GreenChannel(SubjectId subject, string matter, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var found = latestNegative.TryGetValue(SubjectKey.Of(subject.Value), out var latest);
        foreach (var measure in greenChannel)
        {
            var rule = measure.GreenChannel!;
            if (!measure.Matters.Contains(matter, StringComparer.Ordinal) || !rule.SubjectKinds.Contains(subject.Kind))
            {
                continue;
            }

            // Clean: nothing negative in (asOf − cleanPeriod, asOf]; anything after asOf also withholds it (see above).
            if (!found || latest <= rule.CleanPeriod.SubtractFrom(asOf))
            {
                yield return measure;
            }
        }
    }

    public void Committed(DesignationRow designation, IReadOnlyList<string> responsiblePersons, long position)
    {
        ArgumentNullException.ThrowIfNull(designation);
        if (designation.EffectiveFrom is { } from && catalog.ListTypes.TryGet(designation.ListType, out var list) && list.Kind == ListKind.Black)
        {
            Raise(designation.SubjectId, from);
        }
    }

    public void Committed(IReadOnlyList<RecordRow> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        foreach (var row in written)
        {
            if (catalog.Categories.TryGet(row.Category, out var category) && category.Polarity == Polarity.Negative)
            {
                Raise(row.SubjectId, ChinaTime.StartOf(row.DecisionDate));
            }
        }
    }

    private void Raise(string subjectId, DateTimeOffset at) =>
        latestNegative.AddOrUpdate(SubjectKey.Of(subjectId), at, (_, seen) => at > seen ? at : seen);
}
