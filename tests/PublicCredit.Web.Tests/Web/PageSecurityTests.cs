using System.Net;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Web;

/// <summary>
/// What every page promises whatever the data (docs/web.md#security): security headers with a CSP that admits no inline script
/// and no framing, antiforgery on every form, local assets only, zh-CN by default and English by Accept-Language.
/// </summary>
public sealed class PageSecurityTests : IAsyncLifetime
{
    private RunningServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await RunningServer.StartAsync(new SqliteTestDatabases(), Cancel);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/?q=%E7%A7%91%E6%8A%80")]
    [InlineData("/verify")]
    [InlineData("/console/signin")]
    [InlineData("/me/signin")]
    public async Task Every_page_carries_the_security_headers_and_loads_nothing_from_elsewhere(string path)
    {
        using var client = server.Client();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
        // Every form that posts carries an antiforgery token.
        var posts = html.Split("method=\"post\"").Length - 1;
        var tokens = html.Split("name=\"__af\"").Length - 1;
        Assert.Equal(posts, tokens);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var client = server.Client();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });

        var response = await client.PostAsync(new Uri("/language", UriKind.Relative), form, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("pcredit.lang", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Accept_Language_en_gives_English_and_the_stylesheet_is_served_locally()
    {
        using var client = server.Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
        var css = await client.GetAsync(new Uri("/assets/site.css", UriKind.Relative), Cancel);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Search public credit information", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_stylesheet_closes_every_block_it_opens_so_no_rule_is_caught_inside_a_phone_only_media_query()
    {
        // Blocks appended by different branches once nested inside an unclosed @media: the designation list's filters
        // lost their style at every width, and nothing else failed.
        using var client = server.Client();
        var css = await client.GetStringAsync(new Uri("/assets/site.css", UriKind.Relative), Cancel);
        css = System.Text.RegularExpressions.Regex.Replace(css, @"/\*.*?\*/", "", System.Text.RegularExpressions.RegexOptions.Singleline);

        var open = new Stack<string>();
        var prelude = new System.Text.StringBuilder();
        foreach (var c in css)
        {
            if (c == '{')
            {
                var head = prelude.ToString().Trim();
                var media = head.StartsWith('@');
                // At-rules only at the top; rules at the top or directly inside one at-rule.
                Assert.True(media ? open.Count == 0 : open.Count == 0 || (open.Count == 1 && open.Peek().StartsWith('@')),
                    $"'{head}' opens inside '{string.Join(" > ", open.Reverse())}'");
                open.Push(head);
                prelude.Clear();
            }
            else if (c == '}')
            {
                Assert.True(open.Count > 0, "a '}' closes nothing");
                open.Pop();
                prelude.Clear();
            }
            else if (c == ';' && open.Count == 0)
            {
                prelude.Clear();
            }
            else
            {
                prelude.Append(c);
            }
        }

        Assert.Empty(open);
    }

    [Fact]
    public async Task Signed_in_pages_send_a_visitor_without_a_session_to_sign_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var console = await client.GetAsync(new Uri("/console/records/new", UriKind.Relative), Cancel);
        var me = await client.GetAsync(new Uri("/me", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.Equal("/console/signin?returnUrl=%2Fconsole%2Frecords%2Fnew", console.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, me.StatusCode);
        Assert.StartsWith("/me/signin", me.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
