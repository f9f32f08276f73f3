using BenchmarkDotNet.Attributes;
using PublicCredit.Catalog;
using PublicCredit.Enforcement;

namespace PublicCredit.Bench;

/// <summary>
/// In-process embedded check on one thread against an index of 1M subjects and 2M designations (docs/performance.md#checks goal:
/// ≥ 1M checks/s). Baseline: a plain dictionary lookup of the same keys — the floor any index must pay.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private const int Subjects = 1_000_000;
    private const int Designations = 2_000_000;
    private const int Probes = 4096;

    private EnforcementIndex index = null!;
    private Dictionary<UInt128, int> plain = null!;
    private SubjectKey[] probes = [];
    private int matter;
    private int next;
    private readonly List<AppliedMeasure> result = new(64);
    private readonly DateTimeOffset asOf = new(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(8));

    [GlobalSetup]
    public void Setup()
    {
        var catalog = CatalogLoader.Load(Paths.Catalog).GetCatalogOrThrow();
        var rules = new MeasureRules(catalog);
        index = new EnforcementIndex(rules);
        plain = new Dictionary<UInt128, int>(Subjects);
        var random = new Random(42);
        var keys = Enumerable.Range(0, Subjects).Select(_ => new SubjectKey(((UInt128)(ulong)random.NextInt64() << 64) | (ulong)random.NextInt64())).ToArray();
        var lists = catalog.ListTypes.Select(l => rules.TryListType(l.Code, out var i) ? i : (ushort)0).ToArray();
        var from = EnforcedDesignation.Seconds(asOf.AddYears(-1));
        var until = EnforcedDesignation.Seconds(asOf.AddYears(1));
        for (var i = 0; i < Designations; i++)
        {
            var key = keys[i % Subjects];
            index.Put(key, new EnforcedDesignation(Guid.NewGuid(), lists[random.Next(lists.Length)], Reach.Subject, from, until));
        }

        foreach (var key in keys)
        {
            plain[key.Value] = 1;
        }

        // half designated subjects, half subjects the index has never seen
        probes = [.. Enumerable.Range(0, Probes).Select(i => i % 2 == 0 ? keys[random.Next(Subjects)] : new SubjectKey((UInt128)random.NextInt64()))];
        rules.TryMatter("government-procurement", out matter);
    }

    [Benchmark(Baseline = true, Description = "plain Dictionary lookup (baseline)")]
    public int DictionaryLookup() => plain.TryGetValue(probes[next++ & (Probes - 1)].Value, out var v) ? v : 0;

    [Benchmark(Description = "EnforcementIndex.Check")]
    public int Check()
    {
        result.Clear();
        return index.Check(probes[next++ & (Probes - 1)], matter, asOf, result);
    }
}

internal static class Paths
{
    public static string Catalog => Path.Combine(Root, "catalog");

    /// <summary>The checkout (the folder holding PublicCredit.slnx), or the output folder outside one.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PublicCredit.slnx")))
                {
                    return dir.FullName;
                }
            }

            return AppContext.BaseDirectory;
        }
    }
}
