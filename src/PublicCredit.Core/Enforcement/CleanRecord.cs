using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Enforcement;

/// <summary>Why a check withheld an incentive the subject would otherwise have had (the check's <c>withheld</c>,
/// docs/checks.md).</summary>
public enum WithholdingReason
{
    /// <summary>The platform has not known the subject's history for the green channel's clean period: no record
    /// about it reached the platform that long ago, and no registration record dates its establishment that far back.</summary>
    [Code("history-unknown")]
    HistoryUnknown,

    /// <summary>The subject — or the organisation that names it as a responsible person, on a list that reaches them —
    /// has an effective black entry with no objection under review at the instant asked: no incentive is given beside it
    /// (ADR 0042), whatever red entry or clean record would otherwise give one.</summary>
    [Code("black-entry-in-force")]
    BlackEntryInForce,
}

/// <summary>A green-channel measure of the matter and subject kind, granted, or withheld with its reason.</summary>
public readonly record struct GreenChannelAnswer(Measure Measure, WithholdingReason? Withheld);

/// <summary>
/// What the green channel (GF〔2016〕33 §(4); catalog <c>greenChannel</c>) needs on the hot path, in memory (ADR 0010 §3):
/// per subject, the latest instant of anything negative — the decision date (00:00 China time) of a current version of
/// a record in a negative category, published or not, and the effective start of a black-list designation — and the
/// instant since which the platform has known the subject's history: when its first record reached the platform, or
/// the date of establishment (00:00 China time) that a record of a category the rule names in <c>establishedBy</c>
/// carries as its decision date, whichever is earlier (docs/domain.md#record-fields). Loaded at start-up, moved on
/// every commit in this process and every event the follower applies. The latest negative only moves forward, so a
/// correction that moves a decision date back, or a later negative when a check asks about the past, can only withhold
/// the green channel — never grant it wrongly (the incentive is recommended, a wrongful grant is the worse error).
/// "Known since" only moves back: a correction that moves an establishment date later is seen at the next start-up
/// (rare — a registration authority's date of establishment — and named in docs/checks.md). A subject the platform
/// has never seen, or has known for less than the clean period, has nothing to show it clean: the measure is withheld
/// as <see cref="WithholdingReason.HistoryUnknown"/>.
/// </summary>
public sealed class CleanRecord : IDesignationCommitted, IRecordsCommitted
{
    private readonly ConcurrentDictionary<SubjectKey, DateTimeOffset> latestNegative = new();
    private readonly ConcurrentDictionary<SubjectKey, DateTimeOffset> knownSince = new();
    private readonly CreditCatalog catalog;
    private readonly Measure[] greenChannel;

    // Only subjects some green channel serves have a history kept (organisations in the default catalog): the map
    // holds one entry per such subject, not per individual.
    private readonly HashSet<SubjectKind> served;
    private readonly HashSet<string> establishing;

    public CleanRecord(CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        greenChannel = [.. catalog.GreenChannelMeasures];
        served = [.. greenChannel.SelectMany(m => m.GreenChannel!.SubjectKinds)];
        establishing = new HashSet<string>(greenChannel.SelectMany(m => m.GreenChannel!.EstablishedBy), StringComparer.Ordinal);
    }

    public int Subjects => latestNegative.Count;

    /// <summary>How many subjects have a known history.</summary>
    public int KnownSubjects => knownSince.Count;

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

        if (served.Count == 0)
        {
            return;
        }

        // Known since the first record (every version keeps version 1's SubmittedAt) — streamed, one row per subject.
        var first = db.Records.AsNoTracking()
            .GroupBy(r => new { r.SubjectId, r.SubjectKind })
            .Select(g => new { g.Key.SubjectId, g.Key.SubjectKind, First = g.Min(r => r.SubmittedAt) })
            .AsAsyncEnumerable();
        await foreach (var subject in first.WithCancellation(cancellationToken))
        {
            if (served.Contains(subject.SubjectKind))
            {
                Lower(subject.SubjectId, subject.First);
            }
        }

        if (establishing.Count == 0)
        {
            return;
        }

        var establishingCodes = establishing.ToList();
        var established = db.Records.AsNoTracking().Current()
            .Where(r => establishingCodes.Contains(r.Category))
            .GroupBy(r => new { r.SubjectId, r.SubjectKind })
            .Select(g => new { g.Key.SubjectId, g.Key.SubjectKind, On = g.Min(r => r.DecisionDate) })
            .AsAsyncEnumerable();
        await foreach (var subject in established.WithCancellation(cancellationToken))
        {
            if (served.Contains(subject.SubjectKind) && InputRange.Contains(subject.On))
            {
                Lower(subject.SubjectId, ChinaTime.StartOf(subject.On));
            }
        }
    }

    /// <summary>The green-channel measures of <paramref name="matter"/> for the subject's kind at
    /// <paramref name="asOf"/>: granted, or withheld because its history is unknown. A measure withheld because
    /// something negative lies within the clean period is not returned at all (the check's measures say why).</summary>
    public IEnumerable<GreenChannelAnswer> GreenChannel(SubjectId subject, string matter, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var key = SubjectKey.Of(subject.Value);
        var found = latestNegative.TryGetValue(key, out var latest);
        var known = knownSince.TryGetValue(key, out var since);
        foreach (var measure in greenChannel)
        {
            var rule = measure.GreenChannel!;
            if (!measure.Matters.Contains(matter, StringComparer.Ordinal) || !rule.SubjectKinds.Contains(subject.Kind))
            {
                continue;
            }

            // Clean: nothing negative in (asOf − cleanPeriod, asOf]; anything after asOf also withholds it (see above).
            var start = rule.CleanPeriod.SubtractFrom(asOf);
            if (found && latest > start)
            {
                continue;
            }

            // Known: the history reaches back to the start of the clean period, or nothing shows the period clean.
            yield return new GreenChannelAnswer(measure, known && since <= start ? null : WithholdingReason.HistoryUnknown);
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

            if (served.Contains(row.SubjectKind))
            {
                Lower(row.SubjectId, row.SubmittedAt);
                if (establishing.Contains(row.Category) && InputRange.Contains(row.DecisionDate))
                {
                    Lower(row.SubjectId, ChinaTime.StartOf(row.DecisionDate));
                }
            }
        }
    }

    private void Raise(string subjectId, DateTimeOffset at) =>
        latestNegative.AddOrUpdate(SubjectKey.Of(subjectId), at, (_, seen) => at > seen ? at : seen);

    private void Lower(string subjectId, DateTimeOffset at) =>
        knownSince.AddOrUpdate(SubjectKey.Of(subjectId), at, (_, seen) => at < seen ? at : seen);
}
