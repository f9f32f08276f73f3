using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using PublicCredit.Testing;
using static PublicCredit.Bench.CheckBench.BenchOutput;

namespace PublicCredit.Bench.CheckBench;

/// <summary>
/// <c>check-http</c> (docs/performance.md#checks benchmark): a durable throwaway PostgreSQL database seeded with the synthetic data set
/// (binary-free CSV COPY straight into <c>designations</c> and <c>responsible_persons</c> — the bench-only way in);
/// the real <c>pcredit serve</c> (Release, child process) loads it at start-up, which gives the start-up rebuild time
/// from a database of that size; then wrk (2 threads, 64 connections, same duration) against
/// <c>POST /api/v1/checks</c> with varying subjects and matters, and the same wrk run against a bare Kestrel endpoint
/// (<see cref="BareServer"/>) answering a body of the same average size. Every check writes its inquiry (group commit),
/// and the run verifies the inquiries stored match the requests answered.
/// </summary>
internal static partial class CheckHttpBench
{
    private static readonly string[] Matters =
        ["government-procurement", "air-ticket", "market-access", "public-bidding", "fiscal-subsidy", "tax-invoice-supply", "bond-issuance", "loan-application"];

    public static async Task<int> RunAsync(int subjects, int designations, int seconds, int connections, string work, bool durable, IReadOnlyDictionary<string, string> pcreditEnvironment, CancellationToken cancellationToken, int batch = 0)
    {
#if DEBUG
        await Console.Error.WriteLineAsync("error: measure a Release build: dotnet run -c Release --project bench/PublicCredit.Bench -- check-http");
        return 2;
#else
        var root = Paths.Root;
        var pcredit = Path.Combine(root, "src", "PublicCredit.Cli", "bin", "Release", "net10.0", "pcredit.dll");
        if (!File.Exists(pcredit) || !File.Exists("/usr/bin/wrk"))
        {
            await Console.Error.WriteLineAsync($"error: needs {pcredit} (dotnet build -c Release src/PublicCredit.Cli) and wrk (apt-get install -y wrk)");
            return 2;
        }

        Directory.CreateDirectory(work);
        Say(Invariant($"machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; load {LoadAverage()}"));
        Say($"pcredit serve environment: {ChildEnvironment.Describe(pcreditEnvironment)} (the bare server gets none of it)");
        Say($"postgres: starting a throwaway cluster (initdb, pg_ctl; {(durable ? "durable settings" : "NOT durable: fsync and synchronous commit off")})");
        await using var cluster = new PostgresCluster { Durable = durable };
        await cluster.InitializeAsync();
        var database = await cluster.CreateDatabaseAsync(cancellationToken);
        var db = database.ConnectionString;

        var now = TimeProvider.System.GetUtcNow();
        var seed = Stopwatch.StartNew();
        var rows = SyntheticDesignations.Make(subjects, designations, now);
        var links = await SeedAsync(db, rows, cancellationToken);
        Say(Invariant($"data: {subjects:N0} subjects, {designations:N0} designations, {links:N0} responsible-person links seeded by COPY in {seed.Elapsed.TotalSeconds:0} s; load {LoadAverage()}"));
        rows = null;
        GC.Collect();

        var key = await CheckerKeyAsync(db);
        var probes = Path.Combine(work, "check-bodies.txt");
        await File.WriteAllLinesAsync(probes, Bodies(subjects, 20_000), cancellationToken);
        var script = Path.Combine(work, "check.lua");
        await File.WriteAllTextAsync(script, LuaScript, cancellationToken);

        // --batch N: the same bodies, N to a request, against POST /api/v1/checks/batch on the same server (ADR 0050).
        var batchProbes = Path.Combine(work, "check-batch-bodies.txt");
        if (batch > 0)
        {
            var lines = await File.ReadAllLinesAsync(probes, cancellationToken);
            await File.WriteAllLinesAsync(batchProbes, lines.Chunk(batch).Where(c => c.Length == batch)
                .Select(c => "{\"items\":[" + string.Join(',', c) + "]}"), cancellationToken);
        }

        WrkResult check;
        WrkResult? batched = null;
        int averageBody;
        long inquiries;
        long batchInquiries = 0;
        var checkPort = FreePort();
        await using (var server = await ChildServer.StartAsync(
            ["exec", pcredit, "serve", "--db", db, "--urls", $"http://127.0.0.1:{checkPort}", "--catalog", Path.Combine(root, "catalog"), "--keys", Path.Combine(work, "keys")], new Dictionary<string, string>(pcreditEnvironment), cancellationToken))
        {
            foreach (var line in server.Lines.Where(l => l.Contains("enforcement index", StringComparison.Ordinal)))
            {
                Say($"pcredit serve start-up: {line.Trim()}; RSS {server.ResidentMegabytes():N0} MB");
            }

            var url = $"http://127.0.0.1:{checkPort}/api/v1/checks";
            (averageBody, var share) = await SampleAsync(url, key, probes, cancellationToken);
            Say(Invariant($"check answers: {averageBody} bytes on average, {share:P0} with measures"));
            var before = await CountAsync(db, "inquiries");
            check = await WrkAsync(server, script, url, probes, key, seconds, connections, "pcredit check", cancellationToken);
            inquiries = await CountAsync(db, "inquiries") - before;
            Say(Invariant($"  inquiries stored during the runs: {inquiries:N0} (answered: {check.Requests + check.WarmupRequests:N0})"));
            if (batch > 0)
            {
                before = await CountAsync(db, "inquiries");
                batched = await WrkAsync(server, script, url + "/batch", batchProbes, key, seconds, connections, Invariant($"pcredit batch of {batch}"), cancellationToken);
                batchInquiries = await CountAsync(db, "inquiries") - before;
                Say(Invariant($"  inquiries stored during the batch runs: {batchInquiries:N0} (answered: {(batched.Requests + batched.WarmupRequests) * batch:N0} checks)"));
            }
        }

        // The same host again, with the bench's pipeline probe: the check's middleware, authentication, role and body
        // read answering a constant of the check's average size (HostSettings.PipelineProbeBytes) — what the pipeline
        // costs without the check.
        WrkResult pipeline;
        var probePort = FreePort();
        var probeEnvironment = new Dictionary<string, string>(pcreditEnvironment)
        {
            [PublicCredit.Web.Hosting.HostSettings.PipelineProbeVariable] = averageBody.ToString(CultureInfo.InvariantCulture),
        };
        await using (var server = await ChildServer.StartAsync(
            ["exec", pcredit, "serve", "--db", db, "--urls", $"http://127.0.0.1:{probePort}", "--catalog", Path.Combine(root, "catalog"), "--keys", Path.Combine(work, "keys")], probeEnvironment, cancellationToken))
        {
            pipeline = await WrkAsync(server, script, $"http://127.0.0.1:{probePort}/api/v1/checks/pipeline-probe", probes, key, seconds, connections, "pipeline only", cancellationToken);
        }

        WrkResult bare;
        var barePort = FreePort();
        var bench = typeof(CheckHttpBench).Assembly.Location;
        await using (var server = await ChildServer.StartAsync(
            ["exec", bench, "bare-server", "--urls", $"http://127.0.0.1:{barePort}", "--body-bytes", averageBody.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }, cancellationToken))
        {
            bare = await WrkAsync(server, script, $"http://127.0.0.1:{barePort}/bare", probes, key, seconds, connections, "bare Kestrel", cancellationToken);
        }

        Say("");
        Say(Invariant($"{"endpoint",-14} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"CPU µs/req",11}"));
        Say(Invariant($"{"pcredit check",-14} {check.RequestsPerSecond,11:N0} {check.P50Ms,8:0.00} {check.P99Ms,8:0.00} {check.Errors,7} {check.CpuMicrosecondsPerRequest,11:0}"));
        Say(Invariant($"{"pipeline only",-14} {pipeline.RequestsPerSecond,11:N0} {pipeline.P50Ms,8:0.00} {pipeline.P99Ms,8:0.00} {pipeline.Errors,7} {pipeline.CpuMicrosecondsPerRequest,11:0}"));
        Say(Invariant($"{"bare Kestrel",-14} {bare.RequestsPerSecond,11:N0} {bare.P50Ms,8:0.00} {bare.P99Ms,8:0.00} {bare.Errors,7} {bare.CpuMicrosecondsPerRequest,11:0}"));
        Say(Invariant($"check/bare: {check.RequestsPerSecond / bare.RequestsPerSecond:0.00} (goal >= 0.50); pipeline/bare: {pipeline.RequestsPerSecond / bare.RequestsPerSecond:0.00}; check/pipeline: {check.RequestsPerSecond / pipeline.RequestsPerSecond:0.00}"));
        Say(Invariant($"p99: check {check.P99Ms:0.00} ms, {check.P99Ms / bare.P99Ms:0.0}x bare's {bare.P99Ms:0.00} ms (goal <= 2x) at {connections} connections; CPU µs per request: pipeline {pipeline.CpuMicrosecondsPerRequest - bare.CpuMicrosecondsPerRequest:0} over bare, check {check.CpuMicrosecondsPerRequest - pipeline.CpuMicrosecondsPerRequest:0} over pipeline; load {LoadAverage()}"));
        if (batched is not null)
        {
            var checksPerSecond = batched.RequestsPerSecond * batch;
            Say(Invariant($"{"pcredit batch",-14} {batched.RequestsPerSecond,11:N0} {batched.P50Ms,8:0.00} {batched.P99Ms,8:0.00} {batched.Errors,7} {batched.CpuMicrosecondsPerRequest,11:0}"));
            Say(Invariant($"checks/s at {connections} connections: batch of {batch} {checksPerSecond:N0} vs single {check.RequestsPerSecond:N0} = {checksPerSecond / check.RequestsPerSecond:0.0}x (goal >= 10x); server CPU per check {batched.CpuMicrosecondsPerRequest / batch:0.0} vs {check.CpuMicrosecondsPerRequest:0} µs"));
            if (batched.Errors != 0 || batchInquiries < batched.Requests * batch)
            {
                return 1;
            }
        }

        return check.Errors == 0 && pipeline.Errors == 0 && inquiries >= check.Requests ? 0 : 1;
#endif
    }

    private const string LuaScript = """
        -- wrk script: POST one of the prepared check bodies per request, each thread from its own offset.
        local threads = 0
        function setup(thread)
          thread:set("offset", threads * 7919)
          threads = threads + 1
        end
        local bodies = {}
        local counter = 0
        function init(args)
          for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
          wrk.method = "POST"
          wrk.headers["Content-Type"] = "application/json"
          wrk.headers["Authorization"] = "Bearer " .. args[2]
          counter = offset or 0
        end
        function request()
          counter = counter % #bodies + 1
          return wrk.format(nil, nil, nil, bodies[counter])
        end
        """;

    /// <summary>Half designated subjects (organisations, individuals, and responsible persons), half valid subjects the
    /// index has never seen; matters rotate.</summary>
    private static IEnumerable<string> Bodies(int subjects, int count)
    {
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            var subject = (i % 10) switch
            {
                < 4 => SyntheticDesignations.Subject(random.Next(subjects), subjects).Id,
                4 => SyntheticDesignations.Person((subjects / 5) + random.Next(SyntheticDesignations.PersonPool)),
                _ => SyntheticDesignations.Organisation(subjects + random.Next(subjects)),
            };
            yield return JsonSerializer.Serialize(new { subject, matter = Matters[random.Next(Matters.Length)] });
        }
    }

    private static async Task<long> SeedAsync(string db, List<SyntheticDesignation> rows, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(cancellationToken);
        await using (var writer = await connection.BeginTextImportAsync(
            "COPY designations (id, list_type, department, subject_id, subject_kind, subject_name, facts, legal_basis, notice_document, " +
            "noticed_at, noticed_by, objection_window_working_days, objection_deadline, measures, notice_json, status, statement_filed, " +
            "objection_open, decision_document, decision_reasons, effective_from, expires_at, term, decided_at, decided_by, ledger_position) " +
            "FROM STDIN (FORMAT csv)", cancellationToken))
        {
            var line = new StringBuilder(512);
            for (var i = 0; i < rows.Count; i++)
            {
                var (row, individual, department) = rows[i];
                var from = row.From.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                var until = row.Until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                var noticed = row.From.AddDays(-20);
                line.Clear().Append(CultureInfo.InvariantCulture,
                    $"{row.Id},{row.ListType},{department},{row.SubjectId},{(individual ? "individual" : "organisation")},bench subject {i},");
                line.Append(CultureInfo.InvariantCulture,
                    $"synthetic facts,synthetic basis,BENCH-N-{i},{noticed.UtcDateTime:O},bench,10,{DateOnly.FromDateTime(noticed.UtcDateTime.AddDays(14)):yyyy-MM-dd},{{}},{{}},effective,true,false,");
                line.Append(CultureInfo.InvariantCulture, $"BENCH-D-{i},synthetic reasons,{from},{until},P3Y,{from},bench,0");
                await writer.WriteLineAsync(line.ToString());
            }
        }

        long links = 0;
        await using (var writer = await connection.BeginTextImportAsync(
            "COPY responsible_persons (id, designation_id, resident_id, name, role) FROM STDIN (FORMAT csv)", cancellationToken))
        {
            foreach (var (row, _, _) in rows)
            {
                for (var p = 0; p < row.ResponsiblePersons.Count; p++)
                {
                    await writer.WriteLineAsync(Invariant(
                        $"{Guid.NewGuid()},{row.Id},{row.ResponsiblePersons[p]},bench person,{(p == 0 ? "legal-representative" : "directly-responsible")}"));
                    links++;
                }
            }
        }

        await using var analyze = new NpgsqlCommand("ANALYZE designations; ANALYZE responsible_persons", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return links;
    }

    private static async Task<string> CheckerKeyAsync(string db)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PublicCredit.Cli.CommandLine.RunAsync(["keys", "create", "--role", "checker", "--dept", "mof", "--name", "bench", "--db", db], output, error);
        return exit == 0
            ? output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]
            : throw new InvalidOperationException("pcredit keys create failed: " + error);
    }

    /// <summary>The average body size of real answers (for the bare endpoint) and the share that returned measures.</summary>
    private static async Task<(int AverageBytes, double MeasuresShare)> SampleAsync(string url, string key, string probes, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        long bytes = 0;
        var measures = 0;
        var bodies = (await File.ReadAllLinesAsync(probes, cancellationToken)).Take(1000).ToList();
        foreach (var body in bodies)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri(url), content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"check answered {(int)response.StatusCode}: {text}");
            }

            bytes += Encoding.UTF8.GetByteCount(text);
            measures += text.Contains("\"outcome\":\"measures\"", StringComparison.Ordinal) ? 1 : 0;
        }

        return ((int)(bytes / bodies.Count), (double)measures / bodies.Count);
    }

    private sealed record WrkResult(double RequestsPerSecond, long Requests, long WarmupRequests, double P50Ms, double P99Ms, long Errors)
    {
        /// <summary>The server process's CPU time (user + system) per answered request during the measured run.</summary>
        public double CpuMicrosecondsPerRequest { get; init; }
    }

    private static async Task<WrkResult> WrkAsync(
        ChildServer server, string script, string url, string probes, string key, int seconds, int connections, string name, CancellationToken cancellationToken)
    {
        // A short run first: JIT tiers, connection set-up and heap growth are not what is measured.
        var warm = Parse(await RunWrkAsync(script, url, probes, key, 5, connections, cancellationToken));
        // CPU per request is what the load of other processes on a shared machine disturbs least (requests/s moves with it).
        var cpuBefore = server.Cpu;
        var output = await RunWrkAsync(script, url, probes, key, seconds, connections, cancellationToken);
        var cpu = server.Cpu - cpuBefore;
        var result = Parse(output) with { WarmupRequests = warm.Requests };
        result = result with { CpuMicrosecondsPerRequest = cpu.TotalMicroseconds / Math.Max(1, result.Requests) };
        Say(Invariant($"{name}: wrk -t2 -c{connections} -d{seconds}s --latency: {result.RequestsPerSecond:N0} requests/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Errors} non-2xx/socket errors, server CPU {result.CpuMicrosecondsPerRequest:0} µs per request; load {LoadAverage()}"));
        foreach (var line in output.Split('\n').Where(l => l.Contains("Latency", StringComparison.Ordinal) || l.Contains("Req/Sec", StringComparison.Ordinal) || l.Contains("requests in", StringComparison.Ordinal)))
        {
            Say("  " + line.Trim());
        }

        return result;
    }

    private static async Task<string> RunWrkAsync(
        string script, string url, string probes, string key, int seconds, int connections, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "5s", "-s", script, url, "--", probes, key })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk failed: {error}{output}");
    }

    private static WrkResult Parse(string output)
    {
        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(RequestsIn().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(rate, requests, 0, Percentile(output, "50%"), Percentile(output, "99%"), errors + socket);
    }

    private static double Percentile(string output, string which)
    {
        var match = Regex.Match(output, "^\\s*" + Regex.Escape(which) + "\\s+([\\d.]+)(us|ms|s)\\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static async Task<long> CountAsync(string db, string table)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsIn();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    /// <summary>A server as a child process: started, waited for until it says it listens, killed on dispose.</summary>
    private sealed class ChildServer : IAsyncDisposable
    {
        private readonly Process process;
        private readonly List<string> lines = [];

        private ChildServer(Process process) => this.process = process;

        /// <summary>User + system CPU time the server process has used so far.</summary>
        public TimeSpan Cpu
        {
            get
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
        }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return [.. lines];
                }
            }
        }

        public static async Task<ChildServer> StartAsync(string[] arguments, Dictionary<string, string>? environment, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment ?? [])
            {
                start.Environment[name] = value;
            }

            var server = new ChildServer(Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet."));
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            server.process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    listening.TrySetException(new InvalidOperationException("the server ended: " + string.Join('\n', server.Lines)));
                    return;
                }

                lock (server.lines)
                {
                    server.lines.Add(e.Data);
                }

                if (e.Data.Contains("listening on", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            };
            server.process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (server.lines)
                    {
                        server.lines.Add(e.Data);
                    }
                }
            };
            server.process.BeginOutputReadLine();
            server.process.BeginErrorReadLine();
            try
            {
                await listening.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            return server;
        }

        public double ResidentMegabytes()
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            process.Dispose();
        }
    }
}
