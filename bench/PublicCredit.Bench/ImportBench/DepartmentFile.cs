using System.Diagnostics;
using PublicCredit.Catalog;
using PublicCredit.Demo;

namespace PublicCredit.Bench.ImportBench;

/// <summary>The generated import file of one department: what both the raw load and <c>pcredit import</c> read.</summary>
internal sealed record DepartmentFile(string Path, long Rows, long Bytes, TimeSpan GeneratedIn, bool Reused);

/// <summary>
/// Writes <c>count</c> synthetic records of one department as a CSV import file (<see cref="SyntheticRecordWriter"/>),
/// the shape a department hands to <c>pcredit import --dept</c>. The generator mixes departments, so it is asked for
/// enough records that the department's share reaches the count; the first <c>count</c> of them are written.
/// A file made earlier with the same parameters is reused (the generator is deterministic).
/// </summary>
internal static class DepartmentFileMaker
{
    private const int SampleRecords = 20_000;

    public static DepartmentFile Make(CreditCatalog catalog, string folder, string department, int count, int subjects, int seed, DateOnly asOf)
    {
        var path = System.IO.Path.Combine(folder,
            FormattableString.Invariant($"{department}-{count}-subjects{subjects}-seed{seed}-{asOf:yyyyMMdd}.csv"));
        if (File.Exists(path))
        {
            return new DepartmentFile(path, count, new FileInfo(path).Length, TimeSpan.Zero, Reused: true);
        }

        var started = Stopwatch.GetTimestamp();

        // The department's share of the generator's mix, from a sample; 5% spare so the stream never runs short.
        var sample = new SyntheticDataSet(catalog, new SyntheticDataOptions(subjects, SampleRecords, seed, asOf));
        var share = (double)sample.Records().Count(r => r.Department == department) / SampleRecords;
        if (share == 0)
        {
            throw new InvalidOperationException($"The generator writes no records for department '{department}'.");
        }

        var total = (int)Math.Min(int.MaxValue, Math.Ceiling(count / share * 1.05) + 1000);
        var data = new SyntheticDataSet(catalog, new SyntheticDataOptions(subjects, total, seed, asOf));
        var partial = path + ".partial";
        Directory.CreateDirectory(folder);
        long written;
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            written = SyntheticRecordWriter.Write(
                data.Records().Where(r => r.Department == department).Take(count), stream, SyntheticFileFormat.Csv);
        }

        if (written < count)
        {
            File.Delete(partial);
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Only {written} of {count} records of '{department}' came out of {total} generated; the share estimate was off."));
        }

        File.Move(partial, path, overwrite: true);
        return new DepartmentFile(path, written, new FileInfo(path).Length, Stopwatch.GetElapsedTime(started), Reused: false);
    }
}
