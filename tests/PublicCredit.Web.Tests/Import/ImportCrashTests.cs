using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Demo;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Import;

/// <summary>
/// docs/api.md#records, "Done means": `kill -9` mid-import and a re-run loses and duplicates nothing. The import runs as a real
/// `pcredit` process and is killed with SIGKILL once it has committed some chunks but not all.
/// </summary>
public abstract class ImportCrashTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_killed_mid_way_and_run_again_ends_with_every_row_exactly_once()
    {
        var target = await databases.CreateAsync(Cancel);
        var catalog = CatalogLoader.Load(RepositoryPaths.Catalog).GetCatalogOrThrow();
        var data = new SyntheticDataSet(catalog, new SyntheticDataOptions(3000, 60000, Seed: 7, AsOf: new DateOnly(2026, 11, 20)));
        var rows = data.Records().Where(r => r.Department == "samr").ToList();
        // Several chunks of the import's largest size, so a fast machine cannot finish before the kill.
        Assert.True(rows.Count >= 10_000, $"only {rows.Count} rows: the kill needs several chunks (up to 5000 rows each) to land between");
        var path = Path.Combine(Directory.CreateTempSubdirectory("pcredit-crash-").FullName, "samr.csv");
        await using (var file = File.Create(path))
        {
            SyntheticRecordWriter.Write(rows, file, SyntheticFileFormat.Csv, Cancel);
        }

        var wasMidWay = await RunAndKillMidWayAsync(path, target);

        Assert.True(wasMidWay, "the import finished before it could be killed; use a larger file");
        var again = await CliRunner.RunAsync("import", path, "--dept", "samr", "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("resumed an interrupted import", again.Output, StringComparison.Ordinal);

        await using var db = StorageServices.CreateContext(target);
        var numbers = await db.Records.Current().Select(r => r.DocumentNumber).ToListAsync(Cancel);
        Assert.Equal(rows.Count, numbers.Count);
        Assert.Equal(rows.Select(r => r.DocumentNumber).Order(StringComparer.Ordinal), numbers.Order(StringComparer.Ordinal));
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    private static async Task<bool> RunAndKillMidWayAsync(string path, DatabaseTarget target)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "pcredit.dll"), "import", path, "--dept", "samr", "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var watch = Stopwatch.StartNew(); // a test-side timeout only
        try
        {
            while (!process.HasExited && watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                await using var db = StorageServices.CreateContext(target);
                var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(Cancel);
                if (run is { Completed: false, ResumeLine: > 2 })
                {
                    process.Kill(); // SIGKILL: no cleanup, no flush, mid-way
                    await process.WaitForExitAsync(Cancel);
                    return true;
                }

                await Task.Delay(20, Cancel);
            }

            return false;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}

public sealed class ImportCrashTests_on_SQLite() : ImportCrashTests(new SqliteTestDatabases());

public sealed class ImportCrashTests_on_PostgreSQL(PostgresClusterFixture cluster) : ImportCrashTests(new PostgresTestDatabases(cluster));
