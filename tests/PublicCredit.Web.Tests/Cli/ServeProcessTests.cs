using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace PublicCredit.Web.Tests.Cli;

/// <summary>`pcredit serve` as a real process, started the way the README tells a newcomer to.</summary>
public sealed class ServeProcessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_in_an_empty_directory_creates_the_database_serves_the_catalog_and_loads_demo_keys_records_and_list_entries()
    {
        var empty = Directory.CreateTempSubdirectory("pcredit-empty-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "pcredit.dll"), "serve", "--demo", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            // Migrations, demo seeding and the first index build: ~20 s on a loaded 2-core machine, more while the
            // browser and web suites run side by side.
            timeout.CancelAfter(TimeSpan.FromSeconds(180));
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            {
                lines.Add(line);
                if (line.StartsWith("enforcement index:", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Assert.Contains(lines, l => l.Contains($"listening on http://127.0.0.1:{port}", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(empty, "data", "pcredit.db")), string.Join('\n', lines));
            var adminKey = lines.Single(l => l.TrimStart().StartsWith("admin", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var catalog = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog", Cancel);
            Assert.True(catalog.GetProperty("categories").GetArrayLength() >= 14);
            client.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
            var keys = await client.GetFromJsonAsync<JsonElement>("/api/v1/keys", Cancel);
            // The demo admin is ndrc's: it sees its own department's keys only, not samr's, mof's or the auditor's (ADR 0031).
            Assert.Equal(1, keys.GetArrayLength());
            Assert.Contains(lines, l => l.StartsWith("demo records: 3000 credit records", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("demo list entries: 3 designations decided", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("demo self-service token", StringComparison.Ordinal));
            // The index line comes after the demo is seeded, so it counts the demo's decided entries.
            Assert.Matches(@"^enforcement index: rebuilt from 0 designations in \d+ ms; now [1-9]\d* entries", lines[^1]);

            // The subject whose token is printed is on a black list, so a newcomer's first check shows measures.
            var tokenLine = lines.Single(l => l.StartsWith("demo self-service token", StringComparison.Ordinal));
            var subject = tokenLine[(tokenLine.LastIndexOf('(') + 1)..tokenLine.LastIndexOf(')')];
            var checkerKey = lines.Single(l => l.TrimStart().StartsWith("checker", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            client.DefaultRequestHeaders.Authorization = new("Bearer", checkerKey);
            using var check = await client.PostAsJsonAsync("/api/v1/checks", new { subject, matter = "government-procurement" }, Cancel);
            var answer = await check.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("measures", answer.GetProperty("outcome").GetString());

            await AssertRedAndBlackCaseAsync(client, lines);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }
    }

    /// <summary>
    /// The demo's red-and-black case (ADR 0042), as the README names it: the company designated an A-grade taxpayer and
    /// then a serious tax violator has its red entry suspended by the conflict — announced on the feed, off its public
    /// profile — and a market-access check on it gives the tax list's restrictions and no incentive. A valid USCC the
    /// platform has never seen gets no green channel: its history is unknown. <paramref name="checker"/> holds the demo
    /// checker's key.
    /// </summary>
    private static async Task AssertRedAndBlackCaseAsync(HttpClient checker, List<string> lines)
    {
        const string company = "91350100MA8RBK0192";
        Assert.Contains(lines, l => l.StartsWith("demo red and black: 福州闽信示范贸易有限公司 (91350100MA8RBK0192)", StringComparison.Ordinal));

        using var check = await checker.PostAsJsonAsync("/api/v1/checks", new { subject = company, matter = "market-access" }, Cancel);
        var answer = await check.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var measures = answer.GetProperty("measures").EnumerateArray().ToList();
        Assert.DoesNotContain(measures, m => m.GetProperty("kind").GetString() == "incentive");
        Assert.Contains(measures, m => m.GetProperty("kind").GetString() == "disciplinary" && m.GetProperty("listType").GetString() == "serious-tax-violators");

        // The feed holds the demo's 3000 records first: read it page by page.
        var items = new List<JsonElement>();
        for (long after = 0; ;)
        {
            var page = await checker.GetFromJsonAsync<JsonElement>($"/api/v1/changes?after={after}&limit=1000", Cancel);
            items.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(i => i.TryGetProperty("designationId", out _) && i.GetProperty("subjectId").GetString() == company));
            var next = page.GetProperty("next").GetInt64();
            if (next == after)
            {
                break;
            }

            after = next;
        }

        var setAside = Assert.Single(items, i => i.GetProperty("type").GetString() == "designation-suspended-by-conflict");
        Assert.Equal(("a-grade-taxpayers", "suspended-by-conflict"), (setAside.GetProperty("listType").GetString(), setAside.GetProperty("status").GetString()));
        Assert.Equal("suspended-by-conflict", items.Last(i => i.GetProperty("designationId").GetGuid() == setAside.GetProperty("designationId").GetGuid()).GetProperty("status").GetString());

        using var anyone = new HttpClient { BaseAddress = checker.BaseAddress };
        var profile = await anyone.GetFromJsonAsync<JsonElement>($"/api/v1/public/subjects/{company}", Cancel);
        Assert.Equal(["serious-tax-violators"], profile.GetProperty("designations").EnumerateArray().Select(d => d.GetProperty("listType").GetString()));

        using var unknown = await checker.PostAsJsonAsync("/api/v1/checks", new { subject = "91350100MA8NEW0143", matter = "market-access" }, Cancel);
        var stranger = await unknown.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("clear", stranger.GetProperty("outcome").GetString());
        var withheld = Assert.Single(stranger.GetProperty("withheld").EnumerateArray());
        Assert.Equal(("green-channel", "history-unknown"), (withheld.GetProperty("measure").GetString(), withheld.GetProperty("reason").GetString()));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
