using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PublicCredit.Catalog;
using PublicCredit.Demo;
using PublicCredit.Time;
using Spectre.Console;

namespace PublicCredit.Cli.Commands;

/// <summary>
/// <c>pcredit demo generate --subjects N --records M --out &lt;file&gt; [--format csv|ndjson] [--seed S] [--as-of YYYY-MM-DD]</c>:
/// synthetic records in the import format of <c>pcredit import</c>, for demos, tests and benchmarks.
/// </summary>
internal static class DemoCommand
{
    // Below this a run takes well under a second: progress lines would only be noise in a log.
    private const int PlainProgressThreshold = 100_000;

    public static Command Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);

        var subjects = new Option<int>("--subjects") { Description = "How many subjects (about 85% organisations)", Required = true };
        subjects.Validators.Add(r => AtLeast(r, 1));
        var records = new Option<int>("--records") { Description = "How many records", Required = true };
        records.Validators.Add(r => AtLeast(r, 0));
        var output = new Option<string>("--out") { Description = "The file to write (replaced if it exists)", Required = true };
        var format = new Option<string?>("--format")
        {
            Description = "csv or ndjson (default: from the file extension, .ndjson/.jsonl → ndjson, else csv)",
        };
        format.AcceptOnlyFromAmong("csv", "ndjson");
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed: the same seed, options and catalog give the same file",
            DefaultValueFactory = _ => 1,
        };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "Decision dates fall in the 3 years up to this date (default: today in China)",
            CustomParser = ParseDate,
        };
        var catalog = CommonOptions.Catalog();

        var generate = new Command("generate", "Write realistic synthetic credit records (CSV or NDJSON) for import")
        {
            subjects, records, output, format, seed, asOf, catalog,
        };
        generate.SetAction((parse, cancel) => CommonOptions.Guard(parse, async writer =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var options = new SyntheticDataOptions(
                parse.GetValue(subjects),
                parse.GetValue(records),
                parse.GetValue(seed),
                parse.GetValue(asOf) ?? ChinaTime.Today(clock));
            var loaded = CatalogLoader.Load(CommonOptions.ResolveCatalog(parse.GetValue(catalog))).GetCatalogOrThrow();
            var fileFormat = FormatFor(parse.GetValue(format), path);
            await Generate(loaded, options, path, fileFormat, writer, clock, cancel);
            return 0;
        }));

        return new Command("demo", "Synthetic data for demos, tests and benchmarks") { generate };
    }

    private static async Task Generate(
        CreditCatalog catalog,
        SyntheticDataOptions options,
        string path,
        SyntheticFileFormat format,
        TextWriter writer,
        TimeProvider clock,
        CancellationToken cancel)
    {
        var started = clock.GetTimestamp();
        var data = new SyntheticDataSet(catalog, options);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"generating {options.Records} records about {options.Subjects} subjects (seed {options.Seed}, as of {options.AsOf:yyyy-MM-dd}, {Name(format)})"));

        // Written next to the target and moved over it at the end, so an interrupted run never leaves a file
        // that looks complete.
        var partial = path + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (CommonOptions.IsTerminal(writer))
                {
                    AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                            new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(context =>
                        {
                            var task = context.AddTask("generating", maxValue: Math.Max(1, options.Records));
                            // Spectre's task takes a lock per update: every 1,024 records is smooth enough.
                            Write(data, seen, stream, format, n =>
                            {
                                if (n % 1024 == 0)
                                {
                                    task.Value = n;
                                }
                            }, cancel);
                            task.Value = task.MaxValue;
                        });
                }
                else
                {
                    var step = Math.Max(1, options.Records / 10);
                    Write(data, seen, stream, format, n =>
                    {
                        if (options.Records >= PlainProgressThreshold && n % step == 0)
                        {
                            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"  {n}/{options.Records} records ({100L * n / options.Records}%)"));
                        }
                    }, cancel);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        var elapsed = clock.GetElapsedTime(started);
        var bytes = new FileInfo(path).Length;
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {options.Records} records about {seen.Count} subjects to {path} ({bytes:N0} bytes, {elapsed.TotalSeconds:0.00} s)"));
    }

    private static void Write(
        SyntheticDataSet data,
        HashSet<string> seen,
        Stream stream,
        SyntheticFileFormat format,
        Action<int> progress,
        CancellationToken cancel)
    {
        SyntheticRecordWriter.Write(Observed(data.Records(), seen, progress), stream, format, cancel);
    }

    /// <summary>
    /// Passes the records through lazily, noting which subjects occur and reporting the count after each record
    /// (the receiver decides how often to show it).
    /// </summary>
    private static IEnumerable<SyntheticRecord> Observed(IEnumerable<SyntheticRecord> records, HashSet<string> seen, Action<int> progress)
    {
        var n = 0;
        foreach (var record in records)
        {
            // At most --subjects entries: the set grows with the subjects, not with the records.
            seen.Add(record.SubjectId);
            yield return record;
            progress(++n);
        }
    }

    private static SyntheticFileFormat FormatFor(string? given, string path) => given switch
    {
        "ndjson" => SyntheticFileFormat.Ndjson,
        "csv" => SyntheticFileFormat.Csv,
        _ => Path.GetExtension(path).ToUpperInvariant() is ".NDJSON" or ".JSONL"
            ? SyntheticFileFormat.Ndjson
            : SyntheticFileFormat.Csv,
    };

    private static string Name(SyntheticFileFormat format) => format == SyntheticFileFormat.Ndjson ? "ndjson" : "csv";

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            result.AddError($"--as-of must be a date YYYY-MM-DD, not '{text}'.");
            return null;
        }

        if (date < SyntheticDataOptions.EarliestAsOf || date > InputRange.Latest)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture,
                $"--as-of must be from {SyntheticDataOptions.EarliestAsOf:yyyy-MM-dd} to {InputRange.Latest:yyyy-MM-dd}."));
            return null;
        }

        return date;
    }

    private static void AtLeast(OptionResult result, int minimum)
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture,
                $"{result.Option.Name} must be at least {minimum}."));
        }
    }
}
