using System.Diagnostics;
using System.Globalization;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;

namespace PublicCredit.Bench.ImportBench;

/// <summary>Where one import's time went, phase by phase.</summary>
internal sealed record PhaseProfile(IReadOnlyList<(string Phase, TimeSpan Time)> Phases, long Rows, long Created, TimeSpan Wall, int Gen0, int Gen1, int Gen2, TimeSpan GcPause);

/// <summary>
/// The real <see cref="ImportPipeline"/>, opened as `pcredit import` opens it, on a fresh CSV import, with
/// <see cref="ImportRequest.Phases"/>: the pipeline itself adds up the time of each phase (ADR 0041), so what is
/// measured is what runs — the benchmark keeps no copy of the import. The reading side runs beside the writing side:
/// the phases add up to more than the wall-clock time.
/// </summary>
internal static class ImportPhases
{
    private static readonly (ImportPhase Phase, string Name)[] Order =
    [
        (ImportPhase.FileHash, "file SHA-256 (resume key)"),
        (ImportPhase.Read, "read: frame, UTF-8 decode, CSV split [reading]"),
        (ImportPhase.Map, "map row to RecordInput [reading]"),
        (ImportPhase.Validate, "validate, content hash, draft row [reading]"),
        (ImportPhase.Begin, "begin transaction, lock, chunk set-up, head"),
        (ImportPhase.Decide, "lookup of existing numbers, decide"),
        (ImportPhase.Ledger, "ledger append (head read, JSON, hash)"),
        (ImportPhase.Insert, "insert rows (bulk)"),
        (ImportPhase.Subjects, "subjects (bulk)"),
        (ImportPhase.Checkpoint, "count outcomes, rejections flush"),
        (ImportPhase.Commit, "save event and checkpoint, commit"),
    ];

    public static async Task<PhaseProfile> RunAsync(
        DatabaseTarget target, CreditCatalog catalog, string file, string department, CancellationToken cancellationToken)
    {
        var times = new ImportPhaseTimes();
        var (gen0, gen1, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var wall = Stopwatch.GetTimestamp();
        ImportSummary summary;
        await using (var import = StorageServices.OpenImport(target, catalog, TimeProvider.System))
        {
            summary = await import.RunAsync(new ImportRequest(file, ImportFormat.Csv, department) { Phases = times }, null, cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(wall);
        if (summary.Rejected > 0)
        {
            throw new InvalidOperationException($"The import rejected {summary.Rejected} rows of the benchmark's file.");
        }

        var phases = Order.Select(p => (p.Name, times[p.Phase])).ToList();
        return new PhaseProfile(phases, summary.Created + summary.Unchanged, summary.Created, elapsed,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - pause);
    }

    /// <summary>Formats a profile as an aligned table; shares are of the sum of the phases.</summary>
    public static IEnumerable<string> Describe(PhaseProfile profile)
    {
        var total = profile.Phases.Sum(p => p.Time.TotalSeconds);
        yield return string.Create(CultureInfo.InvariantCulture, $"    {"phase",-46} {"seconds",8} {"share",7} {"µs/row",8}");
        foreach (var (phase, time) in profile.Phases)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    {phase,-46} {time.TotalSeconds,8:0.00} {time.TotalSeconds / total,7:0.0%} {time.TotalMicroseconds / Math.Max(1, profile.Rows),8:0.0}");
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"    {"sum of phases (reading beside writing)",-46} {total,8:0.00} {1,7:0.0%} {total * 1e6 / Math.Max(1, profile.Rows),8:0.0}");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"    GC during the run: gen0 {profile.Gen0}, gen1 {profile.Gen1}, gen2 {profile.Gen2}, pauses {profile.GcPause.TotalSeconds:0.00} s (inside the phases above; {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
    }
}
