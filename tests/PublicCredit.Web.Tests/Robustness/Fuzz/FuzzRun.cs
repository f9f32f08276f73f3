using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PublicCredit.Web.Tests.Robustness.Fuzz;

/// <summary>What a fuzz run saw: answers by status, and every request that was answered 5xx, hung or broke the connection.</summary>
internal sealed class FuzzOutcome
{
    private const int Kept = 25;

    public ConcurrentDictionary<int, long> ByStatus { get; } = new();

    public ConcurrentQueue<string> ServerErrors { get; } = new();

    public ConcurrentQueue<string> Hangs { get; } = new();

    public ConcurrentQueue<string> BrokenConnections { get; } = new();

    public ConcurrentDictionary<string, long> ServerErrorsByRoute { get; } = new(StringComparer.Ordinal);

    /// <summary>Time spent per route (milliseconds, requests), to see where a slow run goes.</summary>
    public ConcurrentDictionary<string, (long Milliseconds, long Requests)> TimeByRoute { get; } = new(StringComparer.Ordinal);

    public long Sent;

    public long ServerErrorCount;

    public long HangCount;

    public long BrokenCount;

    /// <summary>API answers 4xx that are not ProblemDetails with a <c>code</c> (docs/api.md#errors).</summary>
    public long UncodedCount;

    public ConcurrentQueue<string> Uncoded { get; } = new();

    public TimeSpan Elapsed { get; set; }

    public static void Keep(ConcurrentQueue<string> queue, string line)
    {
        if (queue.Count < Kept)
        {
            queue.Enqueue(line);
        }
    }

    public string Summary(long seed, int concurrency)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"fuzz: seed {seed} (PCREDIT_FUZZ_SEED), {Sent} requests in {Elapsed.TotalSeconds:F1} s ({Sent / Math.Max(0.001, Elapsed.TotalSeconds):F0}/s, {concurrency} in parallel)");
        text.AppendLine("fuzz: by status " + string.Join(", ", ByStatus.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}×{p.Value}"))));
        text.AppendLine(CultureInfo.InvariantCulture, $"fuzz: 5xx {ServerErrorCount}, hangs {HangCount}, broken connections {BrokenCount}, API 4xx without a problem code {UncodedCount}");
        foreach (var (route, count) in ServerErrorsByRoute.OrderByDescending(p => p.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  5xx on {route}: {count}");
        }

        text.AppendLine("fuzz: slowest routes (total s / requests) " + string.Join(", ", TimeByRoute.OrderByDescending(p => p.Value.Milliseconds).Take(12)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Milliseconds / 1000.0:F1}/{p.Value.Requests}"))));
        foreach (var line in ServerErrors.Concat(Hangs).Concat(BrokenConnections).Concat(Uncoded))
        {
            text.AppendLine("  " + line);
        }

        return text.ToString();
    }
}

/// <summary>
/// Sends requests 0..n-1 of a <see cref="MalformedRequests"/> stream to the server over real HTTP/1.1 with keep-alive,
/// <c>concurrency</c> at a time, each under its own deadline: a request not answered within it is a hang.
/// </summary>
internal static class FuzzRun
{
    public static async Task<FuzzOutcome> RunAsync(Uri server, MalformedRequests requests, long count, int concurrency, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var outcome = new FuzzOutcome();
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = concurrency,
            AutomaticDecompression = DecompressionMethods.None,
            Expect100ContinueTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            // Header values go out byte for byte (Latin-1), so non-ASCII credentials and languages reach the server.
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        };
        using var client = new HttpClient(handler) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        long next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            long index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await SendAsync(client, requests.Make(index), deadline, outcome, cancellationToken);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        outcome.Elapsed = clock.Elapsed;
        return outcome;
    }

    public static async Task SendAsync(HttpClient client, FuzzRequest request, TimeSpan deadline, FuzzOutcome outcome, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = Message(request);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            Interlocked.Increment(ref outcome.Sent);
            var status = (int)response.StatusCode;
            var took = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            outcome.TimeByRoute.AddOrUpdate(request.Route.ToString(), (took, 1), (_, t) => (t.Milliseconds + took, t.Requests + 1));
            outcome.ByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            // Every 4xx of the API is ProblemDetails with a code (docs/design.md#edges-public-limits-and-audit-reads), except what Kestrel
            // refuses before the app, and the code is in the error catalogues with the status it came with (ADR 0040).
            if (status is >= 400 and < 500 && request.Route.IsApi && request.Method != "HEAD" && !request.RefusedByKestrel
                && await CodeProblemAsync(response, status) is { } uncoded)
            {
                Interlocked.Increment(ref outcome.UncodedCount);
                FuzzOutcome.Keep(outcome.Uncoded, $"{status} {uncoded} ← {request.Describe()}");
            }

            if (status >= 500)
            {
                Interlocked.Increment(ref outcome.ServerErrorCount);
                outcome.ServerErrorsByRoute.AddOrUpdate(request.Route.ToString(), 1, (_, n) => n + 1);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                FuzzOutcome.Keep(outcome.ServerErrors, $"{status} ← {request.Describe()} → {(body.Length > 300 ? body[..300] : body)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref outcome.Sent);
            Interlocked.Increment(ref outcome.HangCount);
            FuzzOutcome.Keep(outcome.Hangs, $"no answer within {deadline.TotalSeconds:F0} s ← {request.Describe()}");
        }
        catch (HttpRequestException ex)
        {
            Interlocked.Increment(ref outcome.Sent);
            Interlocked.Increment(ref outcome.BrokenCount);
            FuzzOutcome.Keep(outcome.BrokenConnections, $"connection broken ({ex.Message}) ← {request.Describe()}");
        }
    }

    /// <summary>Null when the answer is a problem whose code is catalogued with this status; else what is wrong.</summary>
    private static async Task<string?> CodeProblemAsync(HttpResponseMessage response, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "without a problem code";
        }

        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
            if (!problem.RootElement.TryGetProperty("code", out var code) || code.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                return "without a problem code";
            }

            var text = code.GetString();
            return Errors.ErrorCatalogueTests.Entries.Any(e => e.Code == text && e.Status == status)
                ? null
                : $"with code {text}, which the error catalogues do not list with this status";
        }
        catch (System.Text.Json.JsonException)
        {
            return "without a problem code";
        }
    }

    private static HttpRequestMessage Message(FuzzRequest request)
    {
        var target = request.Target.Length > 60_000 ? request.Target[..60_000] : request.Target;
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, UriKind.Relative));
        var credential = request.Credential;
        if (credential.Bearer is { } bearer)
        {
            message.Headers.TryAddWithoutValidation("Authorization", bearer);
        }

        if (credential.Cookie is { } cookie)
        {
            message.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (request.AcceptLanguage is { } language)
        {
            message.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        if (request.Body is { } body)
        {
            // A large body asks first, as browsers and HTTP clients do, so the server's early 413 is an answer, not a
            // connection reset half-way through the upload.
            message.Headers.ExpectContinue = body.Length > 256 * 1024;
            message.Content = new ByteArrayContent(body);
            if (request.ContentType is { } type)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        return message;
    }
}

/// <summary>Collects what the server logs at Error or above: an error handled without a 5xx (after a commit, in a background step) is a finding too.</summary>
internal sealed class ErrorLog : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && log.Entries.Count < 50)
            {
                log.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}
