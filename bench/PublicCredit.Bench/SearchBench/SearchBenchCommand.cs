using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PublicCredit.Access;
using PublicCredit.Bench.CheckBench;
using PublicCredit.Bench.ImportBench;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Inquiries;
using PublicCredit.Profiles;
using PublicCredit.Records;
using PublicCredit.Subjects;
using PublicCredit.Testing;
using static PublicCredit.Bench.CheckBench.BenchOutput;

namespace PublicCredit.Bench.SearchBench;

/// <summary>
/// <c>search</c> (docs/performance.md#public-search; ADR 0046): on each provider a fresh migrated database is seeded with
/// synthetic subjects and records through the platform's own model (the <c>subjects</c> triggers fill the search
/// index as they do for every write), then every query kind is run through the very use cases the public endpoints
/// call — <see cref="SearchPublicSubjects"/> and, for a document number, <see cref="SearchPublicRecords"/> — and, in
/// the same run, as plain SQL over an index made for the purpose with no visibility rule: a twin name table with a
/// <c>pg_trgm</c> GIN index on PostgreSQL and an FTS5 <c>trigram</c> table on SQLite. p50/p99 per kind, the ratio of
/// the p99s, and requests/s with 16 concurrent connections (each its own context and database connection).
/// </summary>
internal static class SearchBenchCommand
{
    private const int Warmup = 20;

    public static bool Handles(string command) => command == "search";

    public static async Task<int> RunAsync(string[] args)
    {
#if DEBUG
        await Console.Error.WriteLineAsync("error: measure a Release build: dotnet run -c Release --project bench/PublicCredit.Bench -- search");
        return 2;
#else
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at > 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var subjects = Number("--subjects", 1_000_000);
        var records = Number("--records", 5_000_000);
        var repeats = Number("--repeats", 200);
        var connections = Number("--connections", 16);
        var seconds = Number("--seconds", 10);
        var providers = Option("--provider", "both") switch
        {
            "sqlite" => new[] { DatabaseProvider.Sqlite },
            "postgres" => [DatabaseProvider.Postgres],
            _ => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
        };
        var work = Option("--work", Path.Combine(Path.GetTempPath(), "pcredit-search-bench"));
        Directory.CreateDirectory(work);
        var catalog = CatalogLoader.Load(Paths.Catalog).GetCatalogOrThrow();
        Say(Invariant($"machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; load {LoadAverage()}"));
        Say(Invariant($"data: {subjects:N0} subjects, {records:N0} records; {repeats} timed runs of each query; {connections} connections for {seconds} s"));
        var failed = false;
        foreach (var provider in providers)
        {
            PostgresCluster? cluster = null;
            if (provider == DatabaseProvider.Postgres)
            {
                cluster = new PostgresCluster { Durable = true };
                await cluster.InitializeAsync();
            }

            try
            {
                var database = await BenchDatabase.CreateAsync(provider, cluster, work, "search", CancellationToken.None);
                await StorageServices.MigrateAsync(database.Target);
                var seed = Stopwatch.StartNew();
                var data = await SearchData.SeedAsync(database.Target, subjects, records, catalog, work);
                Say(Invariant($"{provider}: seeded in {seed.Elapsed.TotalSeconds:0} s ({database.Count("subject_name_grams"):N0} index rows); load {LoadAverage()}"));
                var baseline = Stopwatch.StartNew();
                var twin = Baseline.Create(database);
                Say(Invariant($"{provider}: baseline index ({twin}) built in {baseline.Elapsed.TotalSeconds:0} s"));
                if (args.Contains("--explain"))
                {
                    await ExplainAsync(provider, database, catalog, data);
                }

                failed |= !await MeasureAsync(provider, database, catalog, data, repeats, connections, seconds);
                await database.DropAsync(cluster);
            }
            finally
            {
                if (cluster is not null)
                {
                    await cluster.DisposeAsync();
                }
            }
        }

        return failed ? 1 : 0;
#endif
    }

    private static async Task<bool> MeasureAsync(
        DatabaseProvider provider, BenchDatabase database, CreditCatalog catalog, SearchData data, int repeats, int connections, int seconds)
    {
        var clock = TimeProvider.System;
        using var inquiries = new InquiryLog(new NoInquiries(), clock, NullLogger<InquiryLog>.Instance);
        var kinds = data.Kinds();
        Say("");
        Say(Invariant($"{provider,-10} {"query",-22} {"p50 ms",8} {"p99 ms",8} {"base p50",9} {"base p99",9} {"p99/base",9} {"total",8}"));
        var ok = true;
        await using var connection = database.Open();
        foreach (var kind in kinds)
        {
            var measured = new List<double>(repeats);
            var based = new List<double>(repeats);
            string total = "";
            for (var i = 0; i < repeats + Warmup; i++)
            {
                var query = kind.Queries[i % kind.Queries.Count];
                await using (var db = StorageServices.CreateContext(database.Target))
                {
                    var watch = Stopwatch.StartNew();
                    total = await RunAsync(db, catalog, inquiries, clock, kind, query);
                    if (i >= Warmup)
                    {
                        measured.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                var baseWatch = Stopwatch.StartNew();
                Baseline.Run(connection, database.Target.Provider, kind, query);
                if (i >= Warmup)
                {
                    based.Add(baseWatch.Elapsed.TotalMilliseconds);
                }
            }

            var (p50, p99) = (Percentile(measured, 0.50), Percentile(measured, 0.99));
            var (b50, b99) = (Percentile(based, 0.50), Percentile(based, 0.99));
            var ratio = p99 / Math.Max(b99, 0.001);
            ok &= p99 <= 50;
            Say(Invariant($"{provider,-10} {kind.Name,-22} {p50,8:0.00} {p99,8:0.00} {b50,9:0.00} {b99,9:0.00} {ratio,9:0.0} {total,8}"));
        }

        // Throughput: every kind in turn, one context and connection per worker, for the given seconds.
        long done = 0;
        var running = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var n = w;
            while (running.Elapsed.TotalSeconds < seconds)
            {
                var kind = kinds[n % kinds.Count];
                var query = kind.Queries[(n / kinds.Count) % kind.Queries.Count];
                await using var db = StorageServices.CreateContext(database.Target);
                await RunAsync(db, catalog, inquiries, clock, kind, query);
                Interlocked.Increment(ref done);
                n += connections;
            }
        })).ToList();
        await Task.WhenAll(workers);
        Say(Invariant($"{provider,-10} {done / running.Elapsed.TotalSeconds:N0} requests/s with {connections} connections (all kinds in turn); load {LoadAverage()}"));
        return ok;
    }

    /// <summary>Each kind's first query once, with the plan of every statement it sends (<see cref="ExplainingInterceptor"/>).</summary>
    private static async Task ExplainAsync(DatabaseProvider provider, BenchDatabase database, CreditCatalog catalog, SearchData data)
    {
        using var inquiries = new InquiryLog(new NoInquiries(), TimeProvider.System, NullLogger<InquiryLog>.Instance);
        foreach (var kind in data.Kinds())
        {
            var explaining = new ExplainingInterceptor(provider);
            var builder = new DbContextOptionsBuilder<PublicCredit.Storage.PublicCreditDbContext>();
            database.Target.Configure(builder);
            builder.AddInterceptors(explaining);
            await using var db = new PublicCredit.Storage.PublicCreditDbContext(builder.Options);
            var total = await RunAsync(db, catalog, inquiries, TimeProvider.System, kind, kind.Queries[0]);
            Say(Invariant($"== {provider} {kind.Name} ({kind.Queries[0]}): total {total}"));
            Say(explaining.Plans);
        }
    }

    private static async Task<string> RunAsync(
        PublicCredit.Storage.PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock, QueryKind kind, string query)
    {
        if (kind.Documents)
        {
            var page = await new SearchPublicRecords(db, catalog, clock).RunAsync(query, null, null, null, null, null);
            return page.Total.ToString(CultureInfo.InvariantCulture) + (page.TotalIsLowerBound ? "+" : "");
        }

        var found = await new SearchPublicSubjects(db, catalog, inquiries, clock)
            .RunAsync(Caller.Public, query, kind.Page.ToString(CultureInfo.InvariantCulture), null, null, null);
        return found.Total.ToString(CultureInfo.InvariantCulture) + (found.TotalIsLowerBound ? "+" : "");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private sealed class NoInquiries : IInquiryBatchWriter
    {
        public Task WriteAsync(InquiryBatchRow batch, IReadOnlyList<InquiryRow> rows, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a public search of now records no inquiry");
    }
}

/// <summary>One kind of query the goal names, with the queries it cycles through.</summary>
internal sealed record QueryKind(string Name, IReadOnlyList<string> Queries, int Page = 1, bool Documents = false, bool Exact = false);

/// <summary>The plain-SQL baseline: a twin of the subjects' names with an index made for substring search, no visibility rule.</summary>
internal static class Baseline
{
    public static string Create(BenchDatabase database)
    {
        using var connection = database.Open();
        if (database.Target.Provider == DatabaseProvider.Postgres)
        {
            Execute(connection, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
            Execute(connection, "CREATE TABLE search_twin AS SELECT subject_id, name_key, public_id FROM subjects");
            Execute(connection, "CREATE INDEX ix_search_twin_trgm ON search_twin USING gin (name_key gin_trgm_ops)");
            Execute(connection, "CREATE INDEX ix_search_twin_id ON search_twin (subject_id)");
            Execute(connection, "ANALYZE search_twin");
            return "pg_trgm GIN on a twin name table";
        }

        Execute(connection, "CREATE VIRTUAL TABLE search_twin USING fts5(name_key, subject_id UNINDEXED, public_id UNINDEXED, tokenize = 'trigram')");
        Execute(connection, "INSERT INTO search_twin (name_key, subject_id, public_id) SELECT name_key, subject_id, public_id FROM subjects");
        return "FTS5 trigram table";
    }

    /// <summary>The same page and the same capped count as the use case, over the twin (or the plain key index for codes).</summary>
    public static void Run(DbConnection connection, DatabaseProvider provider, QueryKind kind, string query)
    {
        using var command = connection.CreateCommand();
        var key = SubjectNames.SearchKey(query.Trim());
        var parameter = command.CreateParameter();
        parameter.ParameterName = "q";
        command.Parameters.Add(parameter);
        var offset = (kind.Page - 1) * SearchPublicSubjects.PageSize;
        if (kind.Documents)
        {
            parameter.Value = query.Trim();
            command.CommandText = "SELECT id FROM records WHERE document_number = @q AND superseded_at IS NULL ORDER BY decision_date DESC LIMIT 20";
        }
        else if (kind.Exact)
        {
            parameter.Value = query.Trim().ToUpperInvariant();
            command.CommandText = "SELECT subject_id, name FROM subjects WHERE subject_id = @q OR public_id = lower(@q)";
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            parameter.Value = "%" + key + "%";
            command.CommandText = FormattableString.Invariant(
                $"SELECT subject_id, name_key FROM search_twin WHERE name_key LIKE @q ORDER BY name_key, public_id LIMIT 20 OFFSET {offset}; ") +
                $"SELECT count(*) FROM (SELECT 1 FROM search_twin WHERE name_key LIKE @q LIMIT {SearchPublicSubjects.CountLimit(kind.Page) + 1}) c";
        }
        else
        {
            // FTS5's trigram tokenizer answers LIKE from the index for three characters or more; two characters scan.
            parameter.Value = "%" + key + "%";
            command.CommandText = FormattableString.Invariant(
                $"SELECT subject_id, name_key FROM search_twin WHERE name_key LIKE @q ORDER BY name_key, public_id LIMIT 20 OFFSET {offset}; ") +
                $"SELECT count(*) FROM (SELECT 1 FROM search_twin WHERE name_key LIKE @q LIMIT {SearchPublicSubjects.CountLimit(kind.Page) + 1})";
        }

        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
            }
        }
        while (reader.NextResult());
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
