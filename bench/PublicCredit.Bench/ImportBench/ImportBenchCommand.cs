using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Testing;
using PublicCredit.Time;

namespace PublicCredit.Bench.ImportBench;

/// <summary>
/// <c>import</c>: docs/performance.md#import — <c>pcredit import</c> of N generated records of one department against the same rows
/// loaded raw into an equivalent table in the same run, on SQLite and PostgreSQL; the last line is the ratios and the
/// import's peak memory against the goals (≥ 0.50 of the raw rate, ≤ 300 MB).
/// <c>import-phases</c>: where an import's time goes, measured by the import pipeline itself (<see cref="ImportPhases"/>).
/// </summary>
internal static class ImportBenchCommand
{
    public const double RatioGoal = 0.50;
    public const long PeakRssGoalMegabytes = 300;

    private const double Megabyte = 1024 * 1024;

    public static bool Handles(string command) => command is "import" or "import-phases";

    public static Task<int> RunAsync(string[] args)
    {
        var records = new Option<int>("--records") { Description = "How many records of the department", DefaultValueFactory = _ => 1_000_000 };
        var provider = new Option<string>("--provider") { Description = "sqlite, postgres or both", DefaultValueFactory = _ => "both" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres", "both");
        var subjects = new Option<int>("--subjects") { Description = "Subjects the records are about", DefaultValueFactory = _ => 100_000 };
        var department = new Option<string>("--dept") { Description = "The one department whose records are imported", DefaultValueFactory = _ => "samr" };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var work = new Option<string>("--work")
        {
            Description = "Folder for the generated file (kept and reused) and the SQLite databases (removed after measuring)",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "pcredit-bench"),
        };
        var pcredit = new Option<string?>("--pcredit") { Description = "pcredit.dll to run (default: the Release build in src/PublicCredit.Cli)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the databases (SQLite files in --work; the PostgreSQL cluster is always removed)" };
        var pcreditEnv = new Option<string[]>("--pcredit-env")
        {
            Description = "NAME=VALUE set for the pcredit child only, e.g. DOTNET_TieredPGO=0 (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };

        var import = new Command("import", "pcredit import vs a raw load of the same rows, both providers, same run")
        {
            records, provider, subjects, department, seed, work, pcredit, keep, pcreditEnv,
        };
        import.SetAction((parse, cancel) => Interruptible(ImportAsync(
            Settings.From(parse, records, provider, subjects, department, seed, work, pcredit, keep),
            ChildEnvironment.Parse(parse.GetValue(pcreditEnv)),
            cancel)));

        var phases = new Command("import-phases", "Where an import's time goes: the import pipeline measures its phases")
        {
            records, provider, subjects, department, seed, work,
        };
        phases.SetAction((parse, cancel) => Interruptible(PhasesAsync(Settings.From(parse, records, provider, subjects, department, seed, work, pcredit, keep), cancel)));

        return new RootCommand("PublicCredit import benchmark") { import, phases }.Parse(args).InvokeAsync();
    }

    /// <summary>SIGTERM or Ctrl+C cancels the run (the cluster is still removed); say so, or a log just stops.</summary>
    private static async Task<int> Interruptible(Task<int> run)
    {
        try
        {
            return await run;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("interrupted (SIGTERM or Ctrl+C): no figures");
            return 130;
        }
    }

    private static async Task<int> ImportAsync(Settings settings, IReadOnlyDictionary<string, string> childEnvironment, CancellationToken cancellationToken)
    {
        if (!ReleaseBuild(out var refusal) || !File.Exists(settings.Pcredit))
        {
            await Console.Error.WriteLineAsync(refusal ?? $"error: {settings.Pcredit} does not exist; build it: dotnet build -c Release src/PublicCredit.Cli");
            return 2;
        }

        var catalog = LoadCatalog(settings);
        var file = MakeFile(settings, catalog);
        Say($"pcredit child environment: {ChildEnvironment.Describe(childEnvironment)}");
        var results = new List<(DatabaseProvider Provider, LoadResult Raw, ImportResult Import)>();
        await using var cluster = settings.Providers.Contains(DatabaseProvider.Postgres) ? await StartClusterAsync() : null;
        foreach (var provider in settings.Providers)
        {
            var name = Name(provider);
            Say($"{name}: raw load ({(provider == DatabaseProvider.Postgres ? "binary COPY" : "one prepared INSERT, one transaction")}) into {RawLoad.Table}");
            var rawDb = await BenchDatabase.CreateAsync(provider, cluster, settings.Work, "raw", cancellationToken);
            Say($"  {RawLoad.Table}: {EquivalentTable.Create(rawDb)}; load {LoadAverage()}");
            var (clientBefore, serverBefore) = (Process.GetCurrentProcess().TotalProcessorTime, ServerCpu(cluster));
            var raw = provider == DatabaseProvider.Postgres
                ? await RawLoad.PostgresAsync(file.Path, rawDb.Target.ConnectionString, cancellationToken)
                : RawLoad.Sqlite(file.Path, rawDb.Target.ConnectionString);
            raw = raw with { Cpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore, ServerCpu = ServerCpu(cluster) - serverBefore };
            var rawCount = rawDb.Count(RawLoad.Table);
            Say(Invariant($"  {raw.Rows:N0} rows in {raw.Elapsed.TotalSeconds:0.0} s = {Rate(raw.Rows, raw.Elapsed):N0} rows/s; {rawCount:N0} in the table, {rawDb.Size(RawLoad.Table) / Megabyte:N0} MB; load {LoadAverage()}"));
            Say(Invariant($"  CPU: {Cpu(raw.Cpu, raw.Rows)} in the loading process{(cluster is null ? "" : $", {Cpu(raw.ServerCpu, raw.Rows)} in the server")}"));
            await DropAsync(rawDb, cluster, settings);

            Say($"{name}: pcredit import (child process) into a freshly migrated database");
            var importDb = await BenchDatabase.CreateAsync(provider, cluster, settings.Work, "import", cancellationToken);
            Say($"  load {LoadAverage()}");
            var serverBeforeImport = ServerCpu(cluster);
            var imported = await ImportProcess.RunAsync(settings.Pcredit, file.Path, settings.Department, importDb.DbArgument, settings.Catalog, childEnvironment, Console.Out, cancellationToken);
            imported = imported with { ServerCpu = ServerCpu(cluster) - serverBeforeImport };
            var importCount = importDb.Count("records");
            Say(Invariant($"  {imported.Rows:N0} rows (created {imported.Created:N0}, unchanged {imported.Unchanged:N0}, rejected {imported.Rejected:N0}) in {imported.Elapsed.TotalSeconds:0.0} s = {Rate(imported.Rows, imported.Elapsed):N0} rows/s; peak RSS {imported.PeakRssBytes / Megabyte:0} MB; {importCount:N0} in records, {importDb.Size("records") / Megabyte:N0} MB{(provider == DatabaseProvider.Sqlite ? " (file, with the ledger)" : "")}; load {LoadAverage()}"));
            Say(Invariant($"  CPU: {Cpu(imported.Cpu, imported.Rows)} in pcredit{(cluster is null ? "" : $", {Cpu(imported.ServerCpu, imported.Rows)} in the server")}"));
            await DropAsync(importDb, cluster, settings);
            if (rawCount != file.Rows || importCount != file.Rows)
            {
                await Console.Error.WriteLineAsync(Invariant($"error: expected {file.Rows} rows in each table; raw has {rawCount}, import has {importCount}"));
                return 1;
            }

            results.Add((provider, raw, imported));
        }

        Say("");
        Say(Invariant($"{"provider",-9} {"rows",10} {"raw s",8} {"raw rows/s",11} {"import s",9} {"import rows/s",14} {"import/raw",11} {"peak RSS",9}"));
        foreach (var (provider, raw, imported) in results)
        {
            Say(Invariant($"{Name(provider),-9} {imported.Rows,10:N0} {raw.Elapsed.TotalSeconds,8:0.0} {Rate(raw.Rows, raw.Elapsed),11:N0} {imported.Elapsed.TotalSeconds,9:0.0} {Rate(imported.Rows, imported.Elapsed),14:N0} {Ratio(raw, imported),11:0.00} {imported.PeakRssBytes / Megabyte,6:0} MB"));
        }

        Say("");
        Say(Invariant($"{"CPU µs/row",-11} {"raw client",11} {"raw server",11} {"import",11} {"import server",14} {"import/raw",11}"));
        foreach (var (provider, raw, imported) in results)
        {
            var (rawClient, rawServer) = (PerRow(raw.Cpu, raw.Rows), PerRow(raw.ServerCpu, raw.Rows));
            var (importClient, importServer) = (PerRow(imported.Cpu, imported.Rows), PerRow(imported.ServerCpu, imported.Rows));
            Say(Invariant($"{Name(provider),-11} {rawClient,11:0.0} {rawServer,11:0.0} {importClient,11:0.0} {importServer,14:0.0} {(importClient + importServer) / Math.Max(1e-9, rawClient + rawServer),11:0.00}"));
        }

        var ratios = string.Join(", ", results.Select(r => Invariant($"{Name(r.Provider)} {Ratio(r.Raw, r.Import):0.00} (goal {RatioGoal:0.00})")));
        var peak = results.Max(r => r.Import.PeakRssBytes) / Megabyte;
        Say(Invariant($"import/raw: {ratios}; peak RSS {peak:0} MB (goal {PeakRssGoalMegabytes})"));
        return 0;
    }

    private static async Task<int> PhasesAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (!ReleaseBuild(out var refusal))
        {
            await Console.Error.WriteLineAsync(refusal);
            return 2;
        }

        var catalog = LoadCatalog(settings);
        if (!System.Runtime.GCSettings.IsServerGC)
        {
            Say("note: pcredit runs with server GC (Web SDK) and this process does not; DOTNET_gcServer=1 makes them alike");
        }

        var file = MakeFile(settings, catalog);
        await using var cluster = settings.Providers.Contains(DatabaseProvider.Postgres) ? await StartClusterAsync() : null;
        foreach (var provider in settings.Providers)
        {
            var name = Name(provider);

            // The first import in a process runs a third slower (JIT tiers, EF model and query compilation, heap
            // growth): a first import of the whole file warms up, then the measured and the unmeasured import are timed.
            var warm = await BenchDatabase.CreateAsync(provider, cluster, settings.Work, "warm-up", cancellationToken);
            var first = await RealImportAsync(warm.Target, catalog, file.Path, settings.Department, cancellationToken);
            await warm.DropAsync(cluster);
            Say(Invariant($"{name}: warm-up, the real ImportPipeline in process: {first.TotalSeconds:0.0} s (not counted); load {LoadAverage()}"));

            var db = await BenchDatabase.CreateAsync(provider, cluster, settings.Work, "phases", cancellationToken);
            Say($"{name}: the ImportPipeline measuring its phases, in process; load {LoadAverage()}");
            var profile = await ImportPhases.RunAsync(db.Target, catalog, file.Path, settings.Department, cancellationToken);
            await db.DropAsync(cluster);
            Say(Invariant($"  {profile.Rows:N0} rows, {profile.Created:N0} created, {profile.Wall.TotalSeconds:0.0} s = {Rate(profile.Rows, profile.Wall):N0} rows/s; load {LoadAverage()}"));
            foreach (var line in ImportPhases.Describe(profile))
            {
                Say(line);
            }

            // The phases are only worth reading if measuring them costs nothing: the same import unmeasured, same file.
            var real = await BenchDatabase.CreateAsync(provider, cluster, settings.Work, "phases-real", cancellationToken);
            var wall = await RealImportAsync(real.Target, catalog, file.Path, settings.Department, cancellationToken);
            await real.DropAsync(cluster);
            Say(Invariant($"  the same ImportPipeline unmeasured on the same file: {wall.TotalSeconds:0.0} s (measured {profile.Wall.TotalSeconds:0.0} s); load {LoadAverage()}"));
        }

        return 0;
    }

    private static async Task DropAsync(BenchDatabase database, PostgresCluster? cluster, Settings settings)
    {
        if (!settings.Keep || database.Target.Provider == DatabaseProvider.Postgres)
        {
            await database.DropAsync(cluster);
        }
    }

    private static async Task<TimeSpan> RealImportAsync(DatabaseTarget target, CreditCatalog catalog, string file, string department, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var started = Stopwatch.GetTimestamp();
        await using var import = StorageServices.OpenImport(target, catalog, clock);
        var summary = await import.RunAsync(new ImportRequest(file, ImportFormat.Csv, department), null, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (summary.Rejected > 0)
        {
            throw new InvalidOperationException($"The real import rejected {summary.Rejected} rows of the benchmark's file.");
        }

        return elapsed;
    }

    private static async Task<PostgresCluster> StartClusterAsync()
    {
        // Durable settings (fsync, synchronous commit, full-page writes on): each commit costs what it would in
        // production, for the import's commit per chunk as for the raw load's single commit.
        Say("postgres: starting a throwaway cluster (initdb, pg_ctl; durable settings)");
        var cluster = new PostgresCluster { Durable = true };
        await cluster.InitializeAsync();
        return cluster;
    }

    private static CreditCatalog LoadCatalog(Settings settings)
    {
        Say(Invariant($"machine: {Environment.ProcessorCount} cores, {CpuModel()}; .NET {Environment.Version}; load {LoadAverage()}"));
        return CatalogLoader.Load(settings.Catalog).GetCatalogOrThrow();
    }

    private static DepartmentFile MakeFile(Settings settings, CreditCatalog catalog)
    {
        var asOf = ChinaTime.Today(TimeProvider.System);
        Say(Invariant($"data: {settings.Records:N0} records of {settings.Department} about {settings.Subjects:N0} subjects (seed {settings.Seed}, as of {asOf:yyyy-MM-dd})"));
        var file = DepartmentFileMaker.Make(catalog, settings.Work, settings.Department, settings.Records, settings.Subjects, settings.Seed, asOf);
        Say(Invariant($"  {file.Path}: {file.Bytes / Megabyte:N0} MB, {(file.Reused ? "reused" : $"generated in {file.GeneratedIn.TotalSeconds:0.0} s")}"));
        return file;
    }

    private static bool ReleaseBuild(out string? refusal)
    {
#if DEBUG
        refusal = "error: measure a Release build: dotnet run -c Release --project bench/PublicCredit.Bench -- import …";
        return false;
#else
        refusal = null;
        return true;
#endif
    }

    /// <summary>The server's CPU time so far (PostgreSQL); zero for SQLite, which runs inside the measured process.</summary>
    private static TimeSpan ServerCpu(PostgresCluster? cluster) =>
        cluster?.ServerProcessId is { } postmaster ? CpuTime.OfServer(postmaster) : TimeSpan.Zero;

    private static double PerRow(TimeSpan cpu, long rows) => cpu.TotalMilliseconds * 1000 / Math.Max(1, rows);

    private static string Cpu(TimeSpan cpu, long rows) =>
        Invariant($"{cpu.TotalSeconds:0.0} s ({cpu.TotalMilliseconds * 1000 / Math.Max(1, rows):0.0} µs/row)");

    private static double Rate(long rows, TimeSpan elapsed) => rows / Math.Max(1e-9, elapsed.TotalSeconds);

    private static double Ratio(LoadResult raw, ImportResult import) => Rate(import.Rows, import.Elapsed) / Rate(raw.Rows, raw.Elapsed);

    private static string Name(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static void Say(string line) => Console.Out.WriteLine(line);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Settings(
        int Records, IReadOnlyList<DatabaseProvider> Providers, int Subjects, string Department, int Seed, string Work, string Pcredit, string Catalog, bool Keep)
    {
        public static Settings From(
            ParseResult parse, Option<int> records, Option<string> provider, Option<int> subjects, Option<string> department,
            Option<int> seed, Option<string> work, Option<string?> pcredit, Option<bool> keep)
        {
            var root = RepositoryRoot();
            DatabaseProvider[] providers = parse.GetValue(provider) switch
            {
                "sqlite" => [DatabaseProvider.Sqlite],
                "postgres" => [DatabaseProvider.Postgres],
                _ => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
            };
            return new Settings(
                parse.GetValue(records),
                providers,
                parse.GetValue(subjects),
                parse.GetValue(department)!,
                parse.GetValue(seed),
                Path.GetFullPath(parse.GetValue(work)!),
                Path.GetFullPath(parse.GetValue(pcredit) ?? Path.Combine(root, "src", "PublicCredit.Cli", "bin", "Release", "net10.0", "pcredit.dll")),
                Path.Combine(root, "catalog"),
                parse.GetValue(keep));
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PublicCredit.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Run the benchmark from inside the PublicCredit checkout.");
        }
    }
}
