using System.Text.Json;
using PublicCredit.Browser.Tests.Infrastructure;
using PublicCredit.Testing;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// Lighthouse (pinned in tools/checkers) scores the public pages in zh-CN, a console page signed in and /me signed in:
/// accessibility and best practices are both 100 (docs/web.md#checkers). Pages run one after another, one Chrome each
/// (what the CLI does); the failure message lists each page's failing audits by id and title. Reports:
/// <c>TestResults/lighthouse/*.json</c>.
/// </summary>
public sealed class LighthouseTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private static readonly string[] PublicPages =
    [
        "/",
        "/?q=" + Uri.EscapeDataString("示例"),
        "/public/subjects/" + PortalWorld.Organisation,
        "/lists",
        "/lists/serious-untrustworthy-market",
        "/catalog",
        "/verify",
        "/privacy",
    ];

    [Fact]
    public async Task Public_pages_a_console_page_and_me_score_100_for_accessibility_and_best_practices()
    {
        Checkers.Tool("lighthouse");
        Assert.True(Chromium.Installed, $"{Chromium.ExecutablePath} is missing: install Debian's chromium (scripts/test.sh does).");
        // The JSON reports stay for people to read, beside the screenshots.
        var folder = Path.Combine(Screenshots.FindRoot(), "TestResults", "lighthouse");
        Directory.CreateDirectory(folder);
        var failures = new List<string>();

        foreach (var path in PublicPages)
        {
            failures.AddRange(await AuditAsync(folder, path, cookie: null));
        }

        failures.AddRange(await AuditAsync(folder, "/console", await SessionCookieAsync("/console/signin", world.RecorderKey)));
        failures.AddRange(await AuditAsync(folder, "/me", await SessionCookieAsync("/me/signin", world.OrganisationToken)));

        Assert.True(failures.Count == 0, $"Lighthouse found {failures.Count} failing audit(s) (reports in {folder}):\n" + string.Join('\n', failures));
        TestContext.Current.SendDiagnosticMessage($"Lighthouse: {PublicPages.Length + 2} pages at 100 for accessibility and best practices");
    }

    /// <summary>The cookies of a browser context signed in at a sign-in page, as one <c>Cookie</c> header.</summary>
    private async Task<string> SessionCookieAsync(string signIn, string secret)
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Tour.SignInAsync(page, signIn, secret);
        var cookies = await context.CookiesAsync();
        return string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>Runs Lighthouse on one page; returns "page: category score" and "page: audit-id — title" for what is below 100.</summary>
    private async Task<IEnumerable<string>> AuditAsync(string folder, string path, string? cookie)
    {
        var name = string.Concat(path.Where(char.IsAsciiLetterOrDigit));
        var report = Path.Combine(folder, (name.Length == 0 ? "home" : name) + ".json");
        var headers = Path.Combine(folder, (name.Length == 0 ? "home" : name) + ".headers.json");
        var extra = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" };
        if (cookie is not null)
        {
            extra["Cookie"] = cookie;
        }

        await File.WriteAllTextAsync(headers, JsonSerializer.Serialize(extra), TestContext.Current.CancellationToken);
        var url = new Uri(world.BaseAddress, path).ToString();
        var (exitCode, output, error) = await Checkers.RunAsync("lighthouse",
            [
                url,
                "--only-categories=accessibility,best-practices",
                "--output=json",
                "--output-path=" + report,
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox",
                "--extra-headers=" + headers,
            ],
            new Dictionary<string, string> { ["CHROME_PATH"] = Chromium.ExecutablePath },
            TimeSpan.FromMinutes(2),
            TestContext.Current.CancellationToken);
        File.Delete(headers); // it held a session cookie
        Assert.True(exitCode == 0 && File.Exists(report), $"lighthouse on {path} failed (exit {exitCode}): {error}{output}");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        var failures = new List<string>();
        if (root.TryGetProperty("runtimeError", out var runtime) && runtime.TryGetProperty("code", out var code))
        {
            failures.Add($"{path}: runtime error {code.GetString()} {runtime.GetProperty("message").GetString()}");
        }

        var audits = root.GetProperty("audits");
        var categories = root.GetProperty("categories");
        Assert.True(categories.TryGetProperty("accessibility", out _) && categories.TryGetProperty("best-practices", out _),
            $"lighthouse on {path} scored neither accessibility nor best practices");
        foreach (var category in categories.EnumerateObject())
        {
            var score = category.Value.GetProperty("score");
            if (score.ValueKind == JsonValueKind.Number && score.GetDouble() >= 1.0)
            {
                continue;
            }

            failures.Add($"{path}: {category.Name} {(score.ValueKind == JsonValueKind.Number ? score.GetDouble() * 100 : double.NaN):0}");
            foreach (var reference in category.Value.GetProperty("auditRefs").EnumerateArray())
            {
                var audit = audits.GetProperty(reference.GetProperty("id").GetString()!);
                var auditScore = audit.GetProperty("score");
                if (auditScore.ValueKind == JsonValueKind.Number && auditScore.GetDouble() < 1.0)
                {
                    failures.Add($"{path}:   {audit.GetProperty("id").GetString()} — {audit.GetProperty("title").GetString()}");
                }
            }
        }

        return failures;
    }
}
