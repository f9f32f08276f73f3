using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Credentials;

/// <summary>
/// docs/design.md#credentials-end (ADR 0030): console and /me cookies hold a server-side session, not the key or token; signing out
/// or revoking the credential ends the session at once, so a copy of the cookie replayed afterwards is refused.
/// </summary>
public abstract partial class SessionEndTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_console_cookie_replayed_after_sign_out_is_refused()
    {
        using var browser = await BrowserSession.SignInAsync(Server, "/console", "apiKey", await Server.KeyAsync(Role.Reviewer, Departments.Samr));
        var cookie = browser.Cookie("pcredit.console");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console")).StatusCode);

        await browser.SignOutAsync("/console");

        using var replay = Replaying("pcredit.console", cookie);
        var replayed = await replay.GetAsync(new Uri("/console", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/console/signin", replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(Server.Database);
        var session = await db.WebSessions.SingleAsync(Cancel);
        Assert.Equal(CredentialSessions.SignedOut, session.EndReason);
    }

    [Fact]
    public async Task A_me_cookie_replayed_after_sign_out_is_refused()
    {
        using var browser = await BrowserSession.SignInAsync(Server, "/me", "token", await Server.SubjectTokenAsync(RecordBodies.OrganisationId));
        var cookie = browser.Cookie("pcredit.me");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);

        await browser.SignOutAsync("/me");

        using var replay = Replaying("pcredit.me", cookie);
        var replayed = await replay.GetAsync(new Uri("/me", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/me/signin", replayed.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_key_ends_every_console_session_opened_with_it_at_once()
    {
        var reviewerKey = await Server.KeyAsync(Role.Reviewer, Departments.Samr);
        using var browser = await BrowserSession.SignInAsync(Server, "/console", "apiKey", reviewerKey);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console")).StatusCode);
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));
        Assert.True(AccessToken.TryParse(reviewerKey, out var parsed));
        Guid id;
        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            id = (await db.ApiKeys.SingleAsync(k => k.Lookup == parsed.Lookup, Cancel)).Id;
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(new Uri($"/api/v1/keys/{id}", UriKind.Relative), Cancel)).StatusCode);
        var after = await browser.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        await using var check = StorageServices.CreateContext(Server.Database);
        Assert.Equal(CredentialSessions.CredentialRevoked, (await check.WebSessions.SingleAsync(Cancel)).EndReason);
    }

    [Fact]
    public async Task A_subject_revoking_its_token_ends_its_me_session_at_once()
    {
        var token = await Server.SubjectTokenAsync(RecordBodies.OrganisationId);
        using var browser = await BrowserSession.SignInAsync(Server, "/me", "token", token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);
        using var api = Server.Client(token);
        var id = (await api.GetJsonAsync("/api/v1/me/tokens", Cancel))[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync(new Uri($"/api/v1/me/tokens/{id}", UriKind.Relative), Cancel)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_on_the_server_when_its_lifetime_is_over_whatever_the_cookie_says()
    {
        using var browser = await BrowserSession.SignInAsync(Server, "/me", "token", await Server.SubjectTokenAsync(RecordBodies.OrganisationId));
        var cookie = browser.Cookie("pcredit.me");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);

        Server.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        using var replay = Replaying("pcredit.me", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync(new Uri("/me", UriKind.Relative), Cancel)).StatusCode);
    }

    private HttpClient Replaying(string name, string value)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"{name}={value}");
        return client;
    }

    /// <summary>A browser over plain HTTP: cookies kept, antiforgery tokens taken from each form, redirects not followed.</summary>
    internal sealed partial class BrowserSession : IDisposable
    {
        private readonly CookieContainer cookies = new();
        private readonly HttpClient client;
        private readonly Uri baseAddress;

        private BrowserSession(Uri baseAddress)
        {
            this.baseAddress = baseAddress;
            client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseAddress };
        }

        public static async Task<BrowserSession> SignInAsync(RunningServer server, string area, string field, string credential)
        {
            var browser = new BrowserSession(server.BaseAddress);
            var token = await browser.FormTokenAsync($"{area}/signin");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { [field] = credential, ["__af"] = token, ["returnUrl"] = area });
            var signedIn = await browser.client.PostAsync(new Uri($"{area}/signin", UriKind.Relative), form, Cancel);
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync(Cancel)}");
            return browser;
        }

        public string Cookie(string name) =>
            cookies.GetAllCookies().Single(c => c.Name == name).Value;

        public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        public async Task SignOutAsync(string area)
        {
            var token = await FormTokenAsync(area);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token });
            var response = await client.PostAsync(new Uri($"{area}?handler=SignOut", UriKind.Relative), form, Cancel);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        /// <summary>Posts a form of <paramref name="path"/>'s page with its antiforgery token.</summary>
        public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
        {
            var page = path.Split('?')[0];
            fields["__af"] = await FormTokenAsync(page);
            using var form = new FormUrlEncodedContent(fields);
            return await client.PostAsync(new Uri(path, UriKind.Relative), form, Cancel);
        }

        public async Task<string> FormTokenAsync(string path)
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), Cancel);
            return TokenPattern().Match(html).Groups[1].Value;
        }

        public void Dispose() => client.Dispose();

        [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}

public sealed class SessionEndTests_on_SQLite() : SessionEndTests(new SqliteTestDatabases());

public sealed class SessionEndTests_on_PostgreSQL(PostgresClusterFixture cluster) : SessionEndTests(new PostgresTestDatabases(cluster));
