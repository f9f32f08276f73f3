using System.Diagnostics;
using PublicCredit.Catalog;
using PublicCredit.Enforcement;
using static PublicCredit.Bench.CheckBench.BenchOutput;

namespace PublicCredit.Bench.CheckBench;

/// <summary>
/// <c>index-memory</c>: the enforcement index over the synthetic data set (docs/performance.md#checks: index memory ≤ 2× a plain
/// <c>Dictionary</c> holding the same keys; rebuild time reported). Both are measured in the same run as the growth of
/// the GC heap after a full, compacting collection, with the synthetic rows alive throughout (so they cancel out):
/// the index as <see cref="EnforcementIndexUpdates.Load"/> builds it at start-up, and a
/// <c>Dictionary&lt;UInt128, EnforcedDesignation[]&gt;</c> holding exactly the same keys and entries (copied from it).
/// </summary>
internal static class IndexMemoryBench
{
    public static int Run(int subjects, int designations)
    {
        Say(Invariant($"machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; server GC {System.Runtime.GCSettings.IsServerGC}; load {LoadAverage()}"));
        var catalog = CatalogLoader.Load(Paths.Catalog).GetCatalogOrThrow();
        var rules = new MeasureRules(catalog);
        var generate = Stopwatch.StartNew();
        var rows = SyntheticDesignations.Make(subjects, designations, DateTimeOffset.UnixEpoch.AddDays(20_000));
        var persons = rows.Sum(r => r.Row.ResponsiblePersons.Count);
        Say(Invariant($"data: {subjects:N0} subjects, {designations:N0} designations, {persons:N0} responsible-person links, generated in {generate.Elapsed.TotalSeconds:0.0} s"));

        var before = Heap();
        // Built and measured in a method of its own: once it returns, nothing can keep the index alive (a method that
        // runs once stays unoptimised, and its locals live to its end).
        var (indexBytes, firstBuild, keys, indexEntries) = BuildAndMeasure(rules, rows, before);
        var secondBuild = BuildAgain(rules, rows);
        var (plain, plainBuild) = PlainBuild(rules, rows, keys);
        var dictionaryBytes = Heap() - before;
        var entries = plain.Values.Sum(v => (long)v.Length);
        if (plain.Count != keys || entries != indexEntries)
        {
            Say(Invariant($"error: the dictionary has {plain.Count} keys and {entries} entries, the index {keys} and {indexEntries}"));
            return 1;
        }

        Say(Invariant($"index: {keys:N0} keys, {entries:N0} entries; built in {firstBuild.TotalSeconds:0.00} s (again: {secondBuild.TotalSeconds:0.00} s) = {designations / secondBuild.TotalSeconds:N0} designations/s"));
        Say(Invariant($"build: index {secondBuild.TotalSeconds:0.00} s vs plain Dictionary {plainBuild.TotalSeconds:0.00} s from the same rows = {secondBuild / plainBuild:0.00}x"));
        Say(Invariant($"memory: index {indexBytes / Megabyte:N1} MB ({(double)indexBytes / keys:N0} B/key), plain Dictionary {dictionaryBytes / Megabyte:N1} MB ({(double)dictionaryBytes / keys:N0} B/key)"));
        Say(Invariant($"index/dictionary: {(double)indexBytes / dictionaryBytes:0.00} (goal <= 2.00); load {LoadAverage()}"));
        GC.KeepAlive(rows);
        GC.KeepAlive(plain);
        return 0;
    }

    private static (long Bytes, TimeSpan Build, int Keys, long Entries) BuildAndMeasure(
        MeasureRules rules, List<SyntheticDesignation> rows, long before)
    {
        var build = Stopwatch.StartNew();
        var updates = new EnforcementIndexUpdates(new EnforcementIndex(rules));
        updates.Load(rows.Select(r => r.Row));
        var elapsed = build.Elapsed;
        var bytes = Heap() - before;
        return (bytes, elapsed, updates.Index.Subjects, updates.Index.Entries);
    }

    private static TimeSpan BuildAgain(MeasureRules rules, List<SyntheticDesignation> rows)
    {
        var build = Stopwatch.StartNew();
        new EnforcementIndexUpdates(new EnforcementIndex(rules)).Load(rows.Select(r => r.Row));
        return build.Elapsed;
    }

    /// <summary>The same keys and entries built straight from the rows into a plain dictionary (lists while building,
    /// then one exact array per key): the baseline for both memory and build time.</summary>
    private static (Dictionary<UInt128, EnforcedDesignation[]> Plain, TimeSpan Build) PlainBuild(MeasureRules rules, List<SyntheticDesignation> rows, int keys)
    {
        var build = Stopwatch.StartNew();
        var lists = new Dictionary<UInt128, List<EnforcedDesignation>>();
        foreach (var (row, _, _) in rows)
        {
            rules.TryListType(row.ListType, out var list);
            var from = EnforcedDesignation.Seconds(row.From);
            var until = EnforcedDesignation.Seconds(row.Until);
            Add(row.SubjectId, new EnforcedDesignation(row.Id, list, Reach.Subject, from, until));
            foreach (var person in row.ResponsiblePersons)
            {
                Add(person, new EnforcedDesignation(row.Id, list, Reach.ResponsiblePerson, from, until));
            }
        }

        // Sized exactly: the smallest plain dictionary, so the ratio is not flattered by a half-empty baseline.
        var plain = new Dictionary<UInt128, EnforcedDesignation[]>(Math.Max(keys, lists.Count));
        foreach (var (key, entries) in lists)
        {
            plain[key] = [.. entries];
        }

        return (plain, build.Elapsed);

        void Add(string id, EnforcedDesignation entry)
        {
            var key = SubjectKey.Of(id).Value;
            if (!lists.TryGetValue(key, out var entries))
            {
                lists[key] = entries = new List<EnforcedDesignation>(2);
            }

            entries.Add(entry);
        }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
