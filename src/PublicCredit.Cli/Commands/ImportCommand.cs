using System.CommandLine;
using System.Globalization;
using PublicCredit.Records;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;
using Spectre.Console;

namespace PublicCredit.Cli.Commands;

/// <summary>
/// `pcredit import <file> [--format csv|ndjson] --dept <code> [--db]` (docs/api.md): a progress bar on a terminal, plain
/// progress lines otherwise; prints `created=N unchanged=N rejected=N`; exit 0 when it ran (even with rejections),
/// 2 on a fatal error.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TimeProvider clock)
    {
        var file = new Argument<string>("file") { Description = "CSV (English or national Chinese headers) or NDJSON file" };
        var format = new Option<string?>("--format") { Description = "csv or ndjson (default: from the file extension)" };
        var department = new Option<string>("--dept") { Description = "The source department (catalog code)", Required = true };
        var db = CommonOptions.Db();
        var catalogOption = CommonOptions.Catalog();
        var command = new Command("import", "Import credit records from a file; idempotent and resumable") { file, format, department, db, catalogOption };
        command.SetAction((parse, cancel) => CommonOptions.Guard(parse, async output =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            var request = new ImportRequest(path, FormatOf(parse.GetValue(format), path), parse.GetValue(department)!.Trim());
            var catalog = CatalogLoader.Load(CommonOptions.ResolveCatalog(parse.GetValue(catalogOption))).GetCatalogOrThrow();
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await StorageServices.MigrateAsync(target, cancel);
            await using var import = StorageServices.OpenImport(target, catalog, clock);
            var started = clock.GetTimestamp();

            ImportSummary summary;
            if (CommonOptions.IsTerminal(output))
            {
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                        new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("importing", maxValue: Math.Max(1, new FileInfo(path).Length));
                        var progress = new Progress<ImportProgress>(p =>
                        {
                            task.Value = p.BytesDone;
                            task.Description = Describe(p, clock.GetElapsedTime(started));
                        });
                        return await import.RunAsync(request, progress, cancel);
                    });
            }
            else
            {
                var lastPrinted = TimeSpan.Zero;
                var progress = new SynchronousProgress(p =>
                {
                    var elapsed = clock.GetElapsedTime(started);
                    if (elapsed - lastPrinted >= TimeSpan.FromSeconds(5))
                    {
                        lastPrinted = elapsed;
                        output.WriteLine(Describe(p, elapsed) + string.Create(CultureInfo.InvariantCulture,
                            $" {100.0 * p.BytesDone / Math.Max(1, p.BytesTotal):0}%"));
                    }
                });
                summary = await import.RunAsync(request, progress, cancel);
            }

            if (summary.ResumedAtLine > 2)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"resumed an interrupted import at line {summary.ResumedAtLine}"));
            }

            if (summary.Rejected > 0)
            {
                await output.WriteLineAsync($"rejected rows with reasons: {summary.RejectionFile}");
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{summary} ({clock.GetElapsedTime(started).TotalSeconds:0.0} s)"));
            return 0;
        }));
        return command;
    }

    private static string Describe(ImportProgress p, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{p.Rows:N0} rows, {p.Rows / Math.Max(0.001, elapsed.TotalSeconds):N0} rows/s (created {p.Created:N0}, unchanged {p.Unchanged:N0}, rejected {p.Rejected:N0})");

    private static ImportFormat FormatOf(string? given, string path) => given?.ToLowerInvariant() switch
    {
        "csv" => ImportFormat.Csv,
        "ndjson" or "jsonl" => ImportFormat.Ndjson,
        null => Path.GetExtension(path).ToLowerInvariant() is ".ndjson" or ".jsonl" ? ImportFormat.Ndjson : ImportFormat.Csv,
        _ => throw Errors.DomainException.Invalid("format", RecordProblemCodes.ImportFormatUnknown, $"'{given}' is not a format; use csv or ndjson."),
    };

    /// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool and print out of order).</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
