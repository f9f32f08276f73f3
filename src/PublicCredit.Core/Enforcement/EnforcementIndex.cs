using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using PublicCredit.Catalog;

namespace PublicCredit.Enforcement;

/// <summary>Whether a measure reaches the designated subject itself or a person responsible for it (docs/domain.md#joint-measures).</summary>
public enum Reach : byte
{
    Subject,
    ResponsiblePerson,
}

/// <summary>
/// One effective, unsuspended designation as the index holds it for one subject: 32 bytes. Times are seconds since
/// 2000-01-01 UTC, enough until 2136 and precise enough for terms counted in days.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct EnforcedDesignation(Guid DesignationId, ushort ListType, Reach Reach, uint FromSeconds, uint UntilSeconds)
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static uint Seconds(DateTimeOffset instant) =>
        instant <= Epoch ? 0 : (uint)Math.Min(uint.MaxValue, (instant - Epoch).Ticks / TimeSpan.TicksPerSecond);

    /// <summary>In force at <paramref name="asOf"/>: from its effective instant (inclusive) to its end (exclusive).</summary>
    public bool InForceAt(uint asOf) => asOf >= FromSeconds && asOf < UntilSeconds;
}

/// <summary>A measure that applies, with the designation and memorandum that make it apply.</summary>
public readonly record struct AppliedMeasure(MeasureRule Rule, Guid DesignationId, Reach Reach);

/// <summary>What the catalog says a list type triggers in one matter, through one memorandum (precomputed once).</summary>
public sealed record MeasureRule(Measure Measure, ListType ListType, Memorandum Memorandum);

/// <summary>
/// The catalog's memoranda flattened to lookups: (list type, matter) → the measures it triggers, split by who they
/// reach. Built once per catalog, so a check never walks the memoranda (docs/design.md#the-hot-path-the-embedded-check).
/// </summary>
public sealed class MeasureRules
{
    private readonly MeasureRule[][] bySubject;
    private readonly MeasureRule[][] byResponsiblePerson;
    private readonly Dictionary<string, int> matterIndex;
    private readonly Dictionary<string, ushort> listTypeIndex;
    private readonly bool[] black;
    private readonly int matters;

    public MeasureRules(CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        listTypeIndex = catalog.ListTypes.Select((l, i) => (l.Code, (ushort)i)).ToDictionary(p => p.Code, p => p.Item2, StringComparer.Ordinal);
        matterIndex = catalog.Matters.Select((m, i) => (m.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        matters = catalog.Matters.Count;
        black = [.. catalog.ListTypes.Select(l => l.Kind == ListKind.Black)];
        var subject = new List<MeasureRule>[catalog.ListTypes.Count * matters];
        var responsible = new List<MeasureRule>[catalog.ListTypes.Count * matters];
        foreach (var memorandum in catalog.Memoranda)
        {
            foreach (var listCode in memorandum.ListTypes)
            {
                var list = catalog.ListTypes[listCode];
                foreach (var measureCode in memorandum.Measures)
                {
                    var measure = catalog.Measures[measureCode];
                    foreach (var matter in measure.Matters)
                    {
                        var slot = (listTypeIndex[listCode] * matters) + matterIndex[matter];
                        (subject[slot] ??= []).Add(new MeasureRule(measure, list, memorandum));
                        if (measure.ReachesResponsiblePersons && list.ReachesResponsiblePersons)
                        {
                            (responsible[slot] ??= []).Add(new MeasureRule(measure, list, memorandum));
                        }
                    }
                }
            }
        }

        bySubject = [.. subject.Select(l => l?.ToArray() ?? [])];
        byResponsiblePerson = [.. responsible.Select(l => l?.ToArray() ?? [])];
    }

    public CreditCatalog Catalog { get; }

    public bool TryMatter(string code, out int index) => matterIndex.TryGetValue(code, out index);

    public bool TryListType(string code, out ushort index) => listTypeIndex.TryGetValue(code, out index);

    /// <summary>Whether the list type (by its index) is a black list.</summary>
    public bool IsBlack(ushort listType) => black[listType];

    public ReadOnlySpan<MeasureRule> For(ushort listType, int matter, Reach reach) =>
        (reach == Reach.Subject ? bySubject : byResponsiblePerson)[(listType * matters) + matter];
}

/// <summary>
/// The in-memory enforcement index (docs/design.md#the-hot-path-the-embedded-check): subject → its effective, unsuspended designations. Checks read
/// it without locks and never touch the database; writers (the ledger follower) replace a subject's small array
/// copy-on-write under one lock, so a reader always sees a whole before- or after-state. <see cref="Position"/> is
/// the ledger position the index reflects (`dataVersion`).
/// </summary>
public sealed class EnforcementIndex(MeasureRules rules)
{
    private readonly ConcurrentDictionary<UInt128, EnforcedDesignation[]> bySubject = new();
    private readonly Lock writer = new();
    private long position;

    public MeasureRules Rules { get; } = rules;

    public long Position => Interlocked.Read(ref position);

    public int Subjects => bySubject.Count;

    /// <summary>How many entries (designation × reached subject) the index holds; counts, so not for the hot path.</summary>
    public long Entries => bySubject.Values.Sum(v => (long)v.Length);

    /// <summary>Adds (or replaces) a designation's entry for one subject.</summary>
    public void Put(SubjectKey subject, EnforcedDesignation entry)
    {
        lock (writer)
        {
            // One small array per change, no intermediate list: the start-up load puts millions of entries this way.
            var current = bySubject.GetValueOrDefault(subject.Value, []);
            var at = Array.FindIndex(current, e => e.DesignationId == entry.DesignationId && e.Reach == entry.Reach);
            var next = new EnforcedDesignation[at < 0 ? current.Length + 1 : current.Length];
            current.CopyTo(next, 0);
            next[at < 0 ? current.Length : at] = entry;
            bySubject[subject.Value] = next;
        }
    }

    /// <summary>Removes a designation's entries for one subject (suspended, revoked, restored).</summary>
    public void Remove(SubjectKey subject, Guid designationId)
    {
        lock (writer)
        {
            if (!bySubject.TryGetValue(subject.Value, out var current))
            {
                return;
            }

            var next = current.Where(e => e.DesignationId != designationId).ToArray();
            if (next.Length == 0)
            {
                bySubject.TryRemove(subject.Value, out _);
            }
            else
            {
                bySubject[subject.Value] = next;
            }
        }
    }

    /// <summary>Marks the ledger position the index now reflects; positions only move forward.</summary>
    public void Advance(long ledgerPosition)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref position);
            if (ledgerPosition <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref position, ledgerPosition, seen) != seen);
    }

    /// <summary>
    /// Adds to <paramref name="into"/> every measure that applies to the subject in the matter at <paramref name="asOf"/>;
    /// returns how many. Allocation-free apart from the caller's list.
    /// </summary>
    public int Check(SubjectKey subject, int matter, DateTimeOffset asOf, List<AppliedMeasure> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!bySubject.TryGetValue(subject.Value, out var entries))
        {
            return 0;
        }

        var at = EnforcedDesignation.Seconds(asOf);
        var added = 0;
        foreach (var entry in entries)
        {
            if (!entry.InForceAt(at))
            {
                continue;
            }

            foreach (var rule in Rules.For(entry.ListType, matter, entry.Reach))
            {
                into.Add(new AppliedMeasure(rule, entry.DesignationId, entry.Reach));
                added++;
            }
        }

        return added;
    }

    /// <summary>
    /// The first black designation in force for the subject at <paramref name="asOf"/> — its own, or an organisation's
    /// that reaches it as a responsible person — or null. The index holds only effective designations with no objection
    /// under review, so this is the "effective, unsuspended black entry" beside which no incentive is given (ADR 0042).
    /// </summary>
    public EnforcedDesignation? BlackInForce(SubjectKey subject, DateTimeOffset asOf)
    {
        if (!bySubject.TryGetValue(subject.Value, out var entries))
        {
            return null;
        }

        var at = EnforcedDesignation.Seconds(asOf);
        foreach (var entry in entries)
        {
            if (entry.InForceAt(at) && Rules.IsBlack(entry.ListType))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The designations held for a subject (for rebuild checks and diagnostics).</summary>
    public IReadOnlyList<EnforcedDesignation> EntriesOf(SubjectKey subject) => bySubject.GetValueOrDefault(subject.Value, []);
}
