using System.Net;
using PublicCredit.Access;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// What anybody may do without a credential is limited per client address (docs/design.md#edges-public-limits-and-audit-reads; ADR 0038): public searches
/// (API and search page together), name searches of at least two characters, and PDF uploads to <c>/verify</c>.
/// Over real HTTP on each provider.
/// </summary>
public abstract class PublicRateLimitTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Search(string q) => "/api/v1/public/subjects?q=" + Uri.EscapeDataString(q);

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_address_searching_more_than_the_minute_allows_is_refused_on_the_api_and_the_search_page_alike()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PublicSearchPerMinutePerAddress = 3 }, Cancel);
        using var anyone = server.Client();

        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(Search("福州示例"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/?q=" + Uri.EscapeDataString("福州示例"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(Search("厦门样例"), Cancel)).StatusCode);
        var api = await anyone.GetAsync(Search("福州示例"), Cancel);
        var page = await anyone.GetAsync("/?q=" + Uri.EscapeDataString("福州示例"), Cancel);

        await Problems.AssertAsync(api, HttpStatusCode.TooManyRequests, "search-rate-limited");
        Assert.InRange(RetryAfter(api), 1, 60);
        // The page answers in its own layout with a sentence, not an error document.
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.InRange(RetryAfter(page), 1, 60);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("data-code=\"search-rate-limited\"", html, StringComparison.Ordinal);
        Assert.Contains("查询过于频繁", html, StringComparison.Ordinal);
        Assert.Contains("<form", html, StringComparison.Ordinal);
        // The home page without a search is not counted.
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Another_client_behind_the_proxy_and_a_staff_key_are_not_held_by_one_address_limit()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PublicSearchPerMinutePerAddress = 1, BehindProxy = true }, Cancel);
        using var anyone = server.Client();
        using var checker = server.Client(await server.KeyAsync(Role.Checker, Departments.Mof));

        async Task<HttpResponseMessage> From(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Search("福州示例"));
            request.Headers.Add("X-Forwarded-For", address);
            return await anyone.SendAsync(request, Cancel);
        }

        Assert.Equal(HttpStatusCode.OK, (await From("203.0.113.1")).StatusCode);
        await Problems.AssertAsync(await From("203.0.113.1"), HttpStatusCode.TooManyRequests, "search-rate-limited");
        Assert.Equal(HttpStatusCode.OK, (await From("203.0.113.2")).StatusCode);
        for (var n = 0; n < 3; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await checker.GetAsync(Search("福州示例"), Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task A_limit_of_zero_lets_a_benchmark_search_as_often_as_it_likes()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PublicSearchPerMinutePerAddress = 0 }, Cancel);
        using var anyone = server.Client();
        var defaultLimit = new HostSettings { Database = server.Database, CatalogDirectory = "" }.PublicSearchPerMinutePerAddress;

        for (var n = 0; n <= defaultLimit; n++)
        {
            var response = await anyone.GetAsync(Search("福州示例"), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"search {n + 1}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_name_search_of_one_character_is_refused_on_the_field_and_the_page_says_why()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = server.Client();

        foreach (var q in new[] { "福", "a", " a ", "😀" })
        {
            var problem = await Problems.AssertAsync(await anyone.GetAsync(Search(q), Cancel), HttpStatusCode.UnprocessableEntity, "query-too-short");
            Assert.Equal("q", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }

        var page = await anyone.GetAsync("/?q=" + Uri.EscapeDataString("福"), Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("data-code=\"query-too-short\"", html, StringComparison.Ordinal);
        Assert.Contains("至少需要 2 个字", html, StringComparison.Ordinal);
        // Two characters search; an exact code is not a name.
        var two = await anyone.GetJsonAsync(Search("福州"), Cancel);
        Assert.Equal(1, two.GetProperty("total").GetInt32());
        var code = await anyone.GetJsonAsync(Search(RecordBodies.OrganisationId), Cancel);
        Assert.Equal(1, code.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_address_comparing_more_files_than_the_minute_allows_is_refused_before_the_file_is_compared()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { VerifyUploadsPerMinutePerAddress = 2 }, Cancel);
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
        var report = await anyone.GetAsync($"/public/subjects/{RecordBodies.OrganisationId}/report.pdf", Cancel);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var pdf = await report.Content.ReadAsByteArrayAsync(Cancel);
        var code = report.Content.Headers.ContentDisposition!.FileNameStar ?? report.Content.Headers.ContentDisposition.FileName!;
        code = code.Trim('"')["credit-report-".Length..^".pdf".Length];
        var token = ConsoleSignIn.AntiforgeryToken(await anyone.GetStringAsync(new Uri("/verify/" + code, UriKind.Relative), Cancel));

        async Task<HttpResponseMessage> UploadAsync()
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__af" },
                { new ByteArrayContent(pdf), "pdf", "report.pdf" },
            };
            return await anyone.PostAsync(new Uri("/verify/" + code, UriKind.Relative), form, Cancel);
        }

        for (var n = 0; n < 2; n++)
        {
            var compared = await UploadAsync();
            Assert.Equal(HttpStatusCode.OK, compared.StatusCode);
            Assert.Contains("文件与出具的报告完全一致", WebUtility.HtmlDecode(await compared.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        }

        var refused = await UploadAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(RetryAfter(refused), 1, 60);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("data-code=\"verify-rate-limited\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("文件与出具的报告完全一致", html, StringComparison.Ordinal);
        // Looking a code up is not an upload and stays open.
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/verify/" + code, Cancel)).StatusCode);
    }
}

public sealed class PublicRateLimitTests_on_SQLite() : PublicRateLimitTests(new SqliteTestDatabases());

public sealed class PublicRateLimitTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicRateLimitTests(new PostgresTestDatabases(cluster));
