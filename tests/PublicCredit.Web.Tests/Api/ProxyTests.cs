using System.Net;
using PublicCredit.Access;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// <c>serve --behind-proxy</c> (docs/design.md#edges-public-limits-and-audit-reads; ADR 0038): forwarded headers are believed only there and only from the
/// proxy, HTTPS answers carry HSTS and every cookie is Secure; without it a client cannot pick its own address by
/// sending <c>X-Forwarded-For</c>. Over real HTTP on each provider (sessions are stored in the database).
/// </summary>
public abstract class ProxyTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HostSettings TwoReportsAMinute(HostSettings s) => s with { ReportsPerMinutePerAddress = 2 };

    /// <summary>Asks for a report three times, each from the address the header claims; the third answer.</summary>
    private static async Task<HttpResponseMessage> ThirdReportClaimingAsync(RunningServer server, Func<int, string> forwardedFor)
    {
        using var client = server.Client();
        HttpResponseMessage? last = null;
        for (var n = 0; n < 3; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/public/subjects/{RecordBodies.OrganisationId}/report.pdf");
            request.Headers.Add("X-Forwarded-For", forwardedFor(n));
            last = await client.SendAsync(request, Cancel);
        }

        return last!;
    }

    [Fact]
    public async Task Without_behind_proxy_a_forwarded_address_cannot_dodge_a_per_address_limit()
    {
        await using var server = await RunningServer.StartAsync(databases, TwoReportsAMinute, Cancel);

        var third = await ThirdReportClaimingAsync(server, n => $"203.0.113.{n + 1}");

        await Problems.AssertAsync(third, HttpStatusCode.TooManyRequests, "report-rate-limited");
    }

    [Fact]
    public async Task Behind_a_loopback_proxy_each_forwarded_client_is_counted_on_its_own()
    {
        await using var server = await RunningServer.StartAsync(databases, s => TwoReportsAMinute(s) with { BehindProxy = true }, Cancel);

        var third = await ThirdReportClaimingAsync(server, n => $"203.0.113.{n + 1}");
        var sameClient = await ThirdReportClaimingAsync(server, _ => "198.51.100.7");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, third.StatusCode);
        await Problems.AssertAsync(sameClient, HttpStatusCode.TooManyRequests, "report-rate-limited");
    }

    [Fact]
    public async Task Behind_a_named_proxy_forwarded_headers_from_any_other_address_are_ignored()
    {
        await using var server = await RunningServer.StartAsync(databases, s => TwoReportsAMinute(s) with { BehindProxy = true, KnownProxies = ["192.0.2.1"] }, Cancel);

        var third = await ThirdReportClaimingAsync(server, n => $"203.0.113.{n + 1}");

        await Problems.AssertAsync(third, HttpStatusCode.TooManyRequests, "report-rate-limited");
    }

    [Fact]
    public async Task Behind_a_proxy_https_answers_carry_hsts_and_every_cookie_is_secure()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { BehindProxy = true, PublicUrl = new Uri("https://credit.example.cn/") }, Cancel);
        var key = await server.KeyAsync(Role.Recorder, Departments.Samr);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        // The sign-in form sets the antiforgery cookie; signing in sets the session cookie.
        using var form = new HttpRequestMessage(HttpMethod.Get, "/console/signin");
        form.Headers.Add("X-Forwarded-Proto", "https");
        form.Headers.Host = "credit.example.cn";
        var page = await client.SendAsync(form, Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var hsts = page.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.StartsWith("max-age=31536000", hsts, StringComparison.Ordinal);
        var antiforgery = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(antiforgery);

        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["apiKey"] = key,
                ["__af"] = ConsoleSignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync(Cancel)),
                ["returnUrl"] = "/console",
            }),
        };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Host = "credit.example.cn";
        signIn.Headers.Add("Cookie", string.Join("; ", antiforgery.Select(c => c.Split(';')[0])));
        var signedIn = await client.SendAsync(signIn, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(session, c => c.StartsWith("pcredit.console=", StringComparison.Ordinal));

        // The language switch's cookie is written by the page itself: the cookie policy marks it too.
        using var language = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["culture"] = "en",
                ["returnUrl"] = "/",
                ["__af"] = ConsoleSignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync(Cancel)),
            }),
        };
        language.Headers.Add("X-Forwarded-Proto", "https");
        language.Headers.Host = "credit.example.cn";
        language.Headers.Add("Cookie", string.Join("; ", antiforgery.Select(c => c.Split(';')[0])));
        var switched = await client.SendAsync(language, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var culture = switched.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(culture, c => c.StartsWith("pcredit.lang=", StringComparison.Ordinal));

        foreach (var cookie in antiforgery.Concat(session).Concat(culture))
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Without_behind_proxy_a_forwarded_https_scheme_changes_nothing()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        using var form = new HttpRequestMessage(HttpMethod.Get, "/console/signin");
        form.Headers.Add("X-Forwarded-Proto", "https");

        var page = await client.SendAsync(form, Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class ProxyTests_on_SQLite() : ProxyTests(new SqliteTestDatabases());

public sealed class ProxyTests_on_PostgreSQL(PostgresClusterFixture cluster) : ProxyTests(new PostgresTestDatabases(cluster));
