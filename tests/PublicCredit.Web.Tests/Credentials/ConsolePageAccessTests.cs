using System.Net;
using System.Text.RegularExpressions;
using PublicCredit.Access;
using PublicCredit.Text;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Credentials;

/// <summary>
/// docs/design.md#edges-public-limits-and-audit-reads: console pages are shown only to roles that can use them — the landing page links only to pages the
/// role may open, and every other console page sends the role back to sign in — and the key page (ADR 0030, 0031)
/// revokes, rotates and issues through the same rules as the API.
/// </summary>
public abstract partial class ConsolePageAccessTests(ITestDatabases databases) : ServerTests(databases)
{
    /// <summary>Each console page and the roles that may open it.</summary>
    private static readonly (string Path, Role[] Roles)[] Pages =
    [
        ("/console/records/new", [Role.Recorder]),
        ("/console/records/upload", [Role.Recorder]),
        ("/console/designations", [Role.Recorder, Role.Reviewer]),
        ("/console/designations/new", [Role.Recorder]),
        ("/console/objections", [Role.Reviewer]),
        ("/console/restorations", [Role.Reviewer]),
        ("/console/stats", [Role.Auditor]),
        ("/console/keys", [Role.Admin, Role.PlatformAdmin]),
    ];

    [Fact]
    public async Task Every_role_opens_exactly_the_console_pages_it_can_use_and_is_linked_to_no_other()
    {
        var wrong = new List<string>();
        foreach (var role in Roles.All)
        {
            using var browser = await SessionEndTests.BrowserSession.SignInAsync(Server, "/console", "apiKey", await Server.KeyAsync(role, Departments.Samr));
            var landing = await browser.GetAsync("/console");
            var html = await landing.Content.ReadAsStringAsync(Cancel);
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
            foreach (var (path, roles) in Pages)
            {
                var response = await browser.GetAsync(path);
                var admitted = roles.Contains(role);
                var opened = response.StatusCode == HttpStatusCode.OK;
                var sentToSignIn = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.StartsWith("/console/signin", StringComparison.Ordinal) == true;
                if (admitted ? !opened : !sentToSignIn)
                {
                    wrong.Add($"{role.Code()} {path}: {(int)response.StatusCode}");
                }
            }

            foreach (Match link in ConsoleLink().Matches(html))
            {
                var href = link.Groups[1].Value;
                if (Pages.SingleOrDefault(p => p.Path == href) is { Path: not null } page && !page.Roles.Contains(role))
                {
                    wrong.Add($"{role.Code()} is linked to {href}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task An_admin_revokes_and_issues_keys_of_its_department_on_the_key_page_and_cannot_touch_another_departments()
    {
        var recorderKey = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        var otherKey = await Server.KeyAsync(Role.Recorder, Departments.Spc);
        using var browser = await SessionEndTests.BrowserSession.SignInAsync(Server, "/console", "apiKey", await Server.KeyAsync(Role.Admin, Departments.Samr));
        var page = await (await browser.GetAsync("/console/keys")).Content.ReadAsStringAsync(Cancel);
        Assert.True(AccessToken.TryParse(recorderKey, out var recorder));
        Assert.True(AccessToken.TryParse(otherKey, out var other));
        Assert.Contains($"pck_{recorder.Lookup}_", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"pck_{other.Lookup}_", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"auditor\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"platform-admin\"", page, StringComparison.Ordinal);
        var recorderId = Regex.Match(page, $"data-key-id=\"([0-9a-f-]{{36}})\">(?:(?!</tr>).)*pck_{recorder.Lookup}_", RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(recorderId);

        var revoked = await browser.PostFormAsync("/console/keys?handler=Revoke", new() { ["id"] = recorderId });
        using var asRecorder = Server.Client(recorderKey);
        var refused = await asRecorder.GetAsync(new Uri("/api/v1/designations?status=noticed", UriKind.Relative), Cancel);
        var created = await browser.PostFormAsync("/console/keys?handler=Create", new() { ["role"] = "checker", ["department"] = Departments.Samr, ["name"] = "审批系统" });
        var createdHtml = await created.Content.ReadAsStringAsync(Cancel);
        var crossed = await browser.PostFormAsync("/console/keys?handler=Create", new() { ["role"] = "checker", ["department"] = Departments.Spc });

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await Problems.AssertAsync(refused, HttpStatusCode.Unauthorized, "token-invalid");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var newKey = NewKey().Match(createdHtml).Groups[1].Value;
        Assert.StartsWith("pck_", newKey, StringComparison.Ordinal);
        using var checker = Server.Client(newKey);
        Assert.Equal(HttpStatusCode.OK, (await checker.PostAsync(new Uri("/api/v1/checks", UriKind.Relative),
            new StringContent("{\"subject\":\"91350100M000100Y43\",\"matter\":\"market-access\"}", System.Text.Encoding.UTF8, "application/json"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossed.StatusCode);
    }

    [GeneratedRegex("href=\"(/console/[^\"?#]+)\"")]
    private static partial Regex ConsoleLink();

    [GeneratedRegex("<p class=\"code\" id=\"new-key\">([^<]+)</p>")]
    private static partial Regex NewKey();
}

public sealed class ConsolePageAccessTests_on_SQLite() : ConsolePageAccessTests(new SqliteTestDatabases());

public sealed class ConsolePageAccessTests_on_PostgreSQL(PostgresClusterFixture cluster) : ConsolePageAccessTests(new PostgresTestDatabases(cluster));
