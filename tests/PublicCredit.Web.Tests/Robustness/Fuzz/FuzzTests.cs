using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Text;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Robustness.Fuzz;

/// <summary>
/// docs/design.md#one-bad-input-stops-no-node "Done means": a bounded fuzz run over every route of the running server — listed from its
/// <see cref="EndpointDataSource"/>, so a new endpoint is fuzzed without touching this test — through Kestrel over real
/// HTTP/1.1 with keep-alive, many requests in parallel, as callers of every role (and subjects, browser sessions,
/// made-up credentials): malformed JSON (wrong types, nulls, huge numbers, dates at and beyond 0001-01-01 and
/// 9999-12-31, impossible dates, durations such as P9999Y and P-1D, nesting 5000 deep, 300,000-character strings, lone
/// surrogates and NUL, wrong content types), malformed query strings and route parameters (real ids and broken ones),
/// form posts and CSV/NDJSON uploads to the console. Not one answer may be a 5xx, none may take longer than the
/// deadline, every 4xx of the API is ProblemDetails with a <c>code</c> (but for the bare 400 Kestrel gives a request
/// with non-ASCII header bytes or an encoded NUL in its path, before the app runs), the server logs no error, and
/// afterwards it is healthy and its ledger verifies.
/// </summary>
/// <remarks>
/// Size: 100,000 requests on SQLite and 10,000 on PostgreSQL by default. PostgreSQL answers the same stream several times
/// more slowly (every non-public read waits for its inquiry's durable commit on the server, every write for the
/// ledger's), so it runs a smaller share. Measured on the shared 2-core machine on 2026-12-06, both classes at once as CI
/// runs them, while other engineers' builds and test runs shared it (load average 10–45): SQLite 100,000 in 129–284 s
/// (350–780/s), PostgreSQL 10,000 in 33–57 s (180–300/s), set-up 6–16 s; the pair took 137, 186, 188 and 298 s — under
/// the 3-minute goal only when the machine was quieter; about 170 s of CPU in all, so on the two cores alone it would
/// take about 90 s (not measured: the machine was never idle). The seed is fixed so CI repeats itself; set
/// <c>PCREDIT_FUZZ_SEED</c> to explore (and to reproduce a failure: the summary prints the seed and each failing
/// request with its number), <c>PCREDIT_FUZZ_REQUESTS</c>, <c>PCREDIT_FUZZ_CONCURRENCY</c> (16) and
/// <c>PCREDIT_FUZZ_DEADLINE_SECONDS</c> (30) to change the run.
/// </remarks>
public abstract partial class FuzzTests(ITestDatabases databases, long defaultRequests)
{
    private const long DefaultSeed = 15_2026_12;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_requests_to_every_route_are_never_answered_5xx_and_never_hang()
    {
        var seed = Setting("PCREDIT_FUZZ_SEED", DefaultSeed);
        var count = Setting("PCREDIT_FUZZ_REQUESTS", defaultRequests);
        var concurrency = (int)Setting("PCREDIT_FUZZ_CONCURRENCY", 16);
        var deadline = TimeSpan.FromSeconds(Setting("PCREDIT_FUZZ_DEADLINE_SECONDS", 30));
        var errors = new ErrorLog();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var server = await RunningServer.StartAsync(databases, s => s with
        {
            MinimumLogLevel = LogLevel.Error,
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(errors),
        }, Cancel);
        var world = await WorldAsync(server);
        var routes = FuzzRoute.All(server.Services.GetRequiredService<EndpointDataSource>());
        var requests = new MalformedRequests(seed, routes, world);
        var setUp = started.Elapsed;

        var outcome = await FuzzRun.RunAsync(server.BaseAddress, requests, count, concurrency, deadline, Cancel);

        var summary = outcome.Summary(seed, concurrency) + $"fuzz: set-up (server, data, credentials) {setUp.TotalSeconds:F1} s\n" + $"fuzz: {routes.Count} routes × methods: " + string.Join(", ", routes);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine($"[{databases.Provider}] " + summary);
        Assert.True(outcome.ServerErrorCount == 0 && outcome.HangCount == 0 && outcome.BrokenCount == 0 && outcome.UncodedCount == 0,
            summary + "\nserver errors logged:\n" + string.Join('\n', errors.Entries));
        Assert.True(errors.Entries.IsEmpty, "the server logged errors:\n" + string.Join('\n', errors.Entries));
        Assert.Equal(count, outcome.Sent);
        // Most requests must reach past authentication and the body's shape, or the run proves little.
        Assert.True(outcome.ByStatus.Where(p => p.Key is 200 or 201 or 409 or 422).Sum(p => p.Value) > count / 10, summary);

        await AssertStillSoundAsync(server, world);
    }

    /// <summary>After the run: healthy (no quarantined ledger event), the ledger and every state table verify, a check answers.</summary>
    private static async Task AssertStillSoundAsync(RunningServer server, FuzzWorld world)
    {
        using var anonymous = server.Client();
        var (status, health) = await anonymous.GetTextAsync("/healthz", Cancel);
        Assert.True(status == HttpStatusCode.OK, health);
        Assert.Equal("healthy", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
        // With the run's own keys: after its made-up tokens, this address may present no new one for a minute.
        using var auditor = server.Client(Key(world, Role.Auditor));
        var verification = await auditor.GetJsonAsync("/api/v1/ledger/verification", Cancel);
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        using var checker = server.Client(Key(world, Role.Checker));
        var subject = world.Ids["subjects"][0];
        await checker.PostExpectAsync("/api/v1/checks", new System.Text.Json.Nodes.JsonObject { ["subject"] = subject, ["matter"] = "government-procurement" }, HttpStatusCode.OK, Cancel);
    }

    private static long Setting(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Credentials of every role in two departments, subjects' tokens, browser sessions, and real ids of every kind.</summary>
    private static async Task<FuzzWorld> WorldAsync(RunningServer server)
    {
        List<FuzzCredential> staff = [];
        foreach (var department in new[] { Departments.Samr, "sta" })
        {
            foreach (var role in new[] { Role.Admin, Role.Recorder, Role.Reviewer, Role.Checker, Role.Auditor })
            {
                staff.Add(new FuzzCredential($"{role.Code()}@{department}", role, "Bearer " + await server.KeyAsync(role, department)));
            }
        }

        staff.Add(new FuzzCredential("platform-admin@ndrc", Role.PlatformAdmin, "Bearer " + await server.KeyAsync(Role.PlatformAdmin, Departments.Ndrc)));
        var ours = staff.Select(s => AccessToken.TryParse(s.Bearer!["Bearer ".Length..], out var parsed) ? parsed.Lookup : "").ToHashSet(StringComparer.Ordinal);

        // A little of everything: records of organisations and a person, a decided designation, one still proposed.
        using var recorder = server.Client(Key(staff, Role.Recorder));
        using var reviewer = server.Client(Key(staff, Role.Reviewer));
        string[] listed = [RecordBodies.OrganisationId, RecordBodies.OtherOrganisationId];
        var batch = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 12; i++)
        {
            var record = i % 3 == 2 ? RecordBodies.PenaltyOnPerson($"闽市监罚〔2026〕{300 + i}号") : RecordBodies.Penalty($"闽市监罚〔2026〕{300 + i}号");
            if (i % 3 == 1)
            {
                record["subject"] = new System.Text.Json.Nodes.JsonObject { ["id"] = RecordBodies.OtherOrganisationId, ["name"] = "北京示例科技有限公司" };
            }

            batch.Add(record);
        }

        await recorder.PostExpectAsync("/api/v1/records/batch", batch, HttpStatusCode.OK, Cancel);
        List<FuzzCredential> subjectCredentials = [];
        for (var i = 0; i < listed.Length; i++)
        {
            var proposed = await recorder.PostExpectAsync("/api/v1/designations",
                Designations.DesignationBodies.MarketDesignation($"国市监信告〔2026〕{70 + i}号", listed[i]), HttpStatusCode.Created, Cancel);
            var token = await server.ActivateAsync(proposed);
            subjectCredentials.Add(new FuzzCredential($"subject:{listed[i]}", null, "Bearer " + token));
            var id = proposed.GetProperty("id").GetString();
            using var subject = server.Client(token);
            await subject.PostExpectAsync($"/api/v1/designations/{id}/statements", Designations.DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
            if (i == 0)
            {
                await reviewer.PostExpectAsync($"/api/v1/designations/{id}/decide", Designations.DesignationBodies.Decision(document: "国市监信决〔2026〕70号"), HttpStatusCode.OK, Cancel);
            }
        }

        Dictionary<string, string[]> ids;
        await using (var db = StorageServices.CreateContext(server.Database))
        {
            var subjects = await db.Subjects.OrderBy(s => s.SubjectId).Select(s => new { s.SubjectId, s.PublicId }).ToListAsync(Cancel);
            ids = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["records"] = [.. (await db.Records.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(Cancel)).Select(i => i.ToString())],
                ["subjects"] = [.. listed, .. subjects.Select(s => s.SubjectId), .. subjects.Select(s => s.PublicId)],
                ["assets"] = ["site.css", "x.css", "..%2Fappsettings.json", "site.css%00"],
                ["codes"] = ["x", "ABCD-EFGH", new string('A', 500)],
            };
        }

        // Sacrificial credentials: their ids may be revoked or rotated by the fuzz; the ones it sends are never listed.
        await server.KeyAsync(Role.Recorder, Departments.Samr);
        await server.KeyAsync(Role.Reviewer, "sta");
        await server.SubjectTokenAsync(listed[0]);
        var meToken = await server.SubjectTokenAsync(RecordBodies.PersonId);
        var subjectLookups = subjectCredentials.Select(s => s.Bearer!["Bearer ".Length..]).Append(meToken)
            .Select(t => AccessToken.TryParse(t, out var parsed) ? parsed.Lookup : "").ToHashSet(StringComparer.Ordinal);

        // Rows the API makes: checks and an objection.
        List<string> checks = [];
        using (var checker = server.Client(Key(staff, Role.Checker)))
        {
            foreach (var subject in listed.Take(3))
            {
                var check = await checker.PostExpectAsync("/api/v1/checks", new System.Text.Json.Nodes.JsonObject { ["subject"] = subject, ["matter"] = "government-procurement" }, HttpStatusCode.OK, Cancel);
                checks.Add(check.GetProperty("checkId").GetString()!);
            }
        }

        await using (var db = StorageServices.CreateContext(server.Database))
        {
            var designations = await db.Designations.OrderBy(d => d.Id).Select(d => new { d.Id, d.SubjectId }).ToListAsync(Cancel);
            using (var subject = server.Client(subjectCredentials[0].Bearer!["Bearer ".Length..]))
            {
                var target = designations.First(d => d.SubjectId == listed[0]).Id;
                await subject.PostJsonAsync("/api/v1/objections", new System.Text.Json.Nodes.JsonObject
                {
                    ["target"] = new System.Text.Json.Nodes.JsonObject { ["designationId"] = target.ToString() },
                    ["grounds"] = "决定所依据的事实有误。",
                }, Cancel);
            }

            ids["designations"] = [.. designations.Select(d => d.Id.ToString())];
            ids["objections"] = [.. (await db.Objections.Select(o => o.Id).ToListAsync(Cancel)).Select(i => i.ToString())];
            ids["restorations"] = [.. (await db.Restorations.Select(o => o.Id).ToListAsync(Cancel)).Select(i => i.ToString())];
            ids["keys"] = [.. (await db.ApiKeys.Select(k => new { k.Id, k.Lookup }).ToListAsync(Cancel)).Where(k => !ours.Contains(k.Lookup)).Select(k => k.Id.ToString())];
            ids["tokens"] = [.. (await db.SubjectTokens.Select(k => new { k.Id, k.Lookup }).ToListAsync(Cancel)).Where(k => !subjectLookups.Contains(k.Lookup)).Select(k => k.Id.ToString())];
            ids["checks"] = [.. checks];
        }

        List<FuzzCredential> bogus =
        [
            new("made-up key", null, "Bearer pck_abcdefghijkm_" + new string('x', 43)),
            new("made-up token", null, "Bearer pcs_abcdefghijkm_" + new string('y', 43)),
            new("garbage bearer", null, "Bearer \u00ffgarbage\u0001"),
            new("empty bearer", null, "Bearer "),
            new("basic", null, "Basic YWRtaW46YWRtaW4="),
            new("long bearer", null, "Bearer pck_" + new string('z', 20_000)),
        ];

        List<FuzzCredential> consoleSessions = [];
        foreach (var role in new[] { Role.Recorder, Role.Reviewer, Role.Auditor, Role.Admin })
        {
            consoleSessions.Add(await SessionAsync(server, "/console", "apiKey", Key(staff, role), $"console:{role.Code()}"));
        }

        List<FuzzCredential> meSessions = [await SessionAsync(server, "/me", "token", meToken, "me")];
        return new FuzzWorld(staff, subjectCredentials, bogus, consoleSessions, meSessions, ids);
    }

    private static string Key(IEnumerable<FuzzCredential> staff, Role role) => staff.First(s => s.Role == role).Bearer!["Bearer ".Length..];

    private static string Key(FuzzWorld world, Role role) => Key(world.Staff, role);

    /// <summary>Signs in at a page area as a browser does, and keeps its cookies and the form token of the area's page.</summary>
    private static async Task<FuzzCredential> SessionAsync(RunningServer server, string area, string field, string credential, string name)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = server.BaseAddress };
        var signIn = await browser.GetStringAsync(new Uri($"{area}/signin", UriKind.Relative), Cancel);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { [field] = credential, ["__af"] = FormToken(signIn), ["returnUrl"] = area });
        using var signedIn = await browser.PostAsync(new Uri($"{area}/signin", UriKind.Relative), form, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = await browser.GetStringAsync(new Uri(area, UriKind.Relative), Cancel);
        var cookie = string.Join("; ", cookies.GetAllCookies().Select(c => $"{c.Name}={c.Value}"));
        return new FuzzCredential(name, null, null, cookie, FormToken(page));
    }

    private static string FormToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class FuzzTests_on_SQLite() : FuzzTests(new SqliteTestDatabases(), 100_000);

public sealed class FuzzTests_on_PostgreSQL(PostgresClusterFixture cluster) : FuzzTests(new PostgresTestDatabases(cluster), 10_000);
