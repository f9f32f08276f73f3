using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Subscriptions;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subscriptions;

/// <summary>
/// Webhook subscriptions (docs/subscriptions.md; ADR 0052): a checking department registers one, gets its signing
/// secret once, sees and deletes only its own, and narrows it with a watchlist that is written whole or not at all.
/// </summary>
public abstract class SubscriptionTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Receiver = "http://127.0.0.1:9/hooks/credit";

    internal static JsonObject Registration(string url = Receiver, string[]? events = null, string[]? listTypes = null) => new()
    {
        ["url"] = url,
        ["events"] = new JsonArray([.. (events ?? ["designation-effective"]).Select(e => (JsonNode?)e)]),
        ["listTypes"] = listTypes is null ? null : new JsonArray([.. listTypes.Select(l => (JsonNode?)l)]),
    };

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static StringContent Ndjson(string text) => new(text, Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task A_checker_registers_a_subscription_for_its_department_and_sees_the_signing_secret_only_once()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        using var response = await checker.PostAsJsonAsync("/api/v1/subscriptions", Registration(listTypes: [DesignationBodies.DefaultersList]), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var subscription = created.GetProperty("subscription");
        var id = subscription.GetProperty("id").GetGuid();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Equal($"/api/v1/subscriptions/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(("mof", Receiver), (subscription.GetProperty("department").GetString(), subscription.GetProperty("url").GetString()));
        var read = await checker.GetJsonAsync($"/api/v1/subscriptions/{id}", Cancel);
        var listed = await checker.GetJsonAsync("/api/v1/subscriptions", Cancel);
        Assert.False(read.TryGetProperty("secret", out _));
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.DoesNotContain(secret[6..], read.ToString(), StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.Subscriptions.SingleAsync(Cancel);
        Assert.DoesNotContain(secret[6..], row.ProtectedSecret, StringComparison.Ordinal);
        var registered = await db.LedgerEvents.SingleAsync(e => e.Type == "subscription-registered", Cancel);
        Assert.Equal("mof", registered.Department);
        Assert.DoesNotContain(secret[6..], registered.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_department_sees_no_subscription_of_another_and_only_checkers_may_subscribe()
    {
        using var mof = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var ndrc = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Ndrc));
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Mof));
        using var anonymous = Server.Client();
        var id = (await mof.PostExpectAsync("/api/v1/subscriptions", Registration(), HttpStatusCode.Created, Cancel))
            .GetProperty("subscription").GetProperty("id").GetGuid();

        await Problems.AssertAsync(await ndrc.GetAsync($"/api/v1/subscriptions/{id}", Cancel), HttpStatusCode.NotFound, "subscription-not-found");
        await Problems.AssertAsync(await ndrc.DeleteAsync(new Uri($"/api/v1/subscriptions/{id}", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "subscription-not-found");
        await Problems.AssertAsync(await ndrc.PutAsync(new Uri($"/api/v1/subscriptions/{id}/subjects", UriKind.Relative), Csv(DesignationBodies.Organisation), Cancel),
            HttpStatusCode.NotFound, "subscription-not-found");
        Assert.Empty((await ndrc.GetJsonAsync("/api/v1/subscriptions", Cancel)).EnumerateArray());
        await Problems.AssertAsync(await recorder.PostAsJsonAsync("/api/v1/subscriptions", Registration(), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/v1/subscriptions", Registration(), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        Assert.Single((await mof.GetJsonAsync("/api/v1/subscriptions", Cancel)).EnumerateArray());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook", "subscription-url-invalid")]
    [InlineData("not a url", "subscription-url-invalid")]
    [InlineData("http://approvals.example.gov.cn/hook", "subscription-url-not-allowed")]
    [InlineData("https://10.1.2.3/hook", "subscription-url-not-allowed")]
    [InlineData("https://192.168.1.20/hook", "subscription-url-not-allowed")]
    [InlineData("https://169.254.169.254/latest/meta-data", "subscription-url-not-allowed")]
    [InlineData("https://[fd00::1]/hook", "subscription-url-not-allowed")]
    public async Task Deliveries_go_to_https_on_public_addresses_only_plain_http_to_loopback_when_the_server_allows_it(string url, string code)
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        var problem = await Problems.AssertAsync(await checker.PostAsJsonAsync("/api/v1/subscriptions", Registration(url), Cancel),
            HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal([("url", code)], problem.FieldCodes());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Subscriptions.CountAsync(Cancel));
    }

    [Fact]
    public async Task Events_are_the_changes_feeds_item_types_and_list_types_the_catalogs()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        var problem = await Problems.AssertAsync(
            await checker.PostAsJsonAsync("/api/v1/subscriptions", Registration(events: ["designation-effective", "designation-deleted"], listTypes: ["no-such-list"]), Cancel),
            HttpStatusCode.UnprocessableEntity, "subscription-events-invalid");
        var empty = await Problems.AssertAsync(await checker.PostAsJsonAsync("/api/v1/subscriptions", Registration(events: []), Cancel),
            HttpStatusCode.UnprocessableEntity, "subscription-events-invalid");

        Assert.Equal([("events", "subscription-events-invalid"), ("listTypes", "subscription-list-type-unknown")], problem.FieldCodes());
        Assert.Equal([("events", "subscription-events-invalid")], empty.FieldCodes());
        (await checker.PostExpectAsync("/api/v1/subscriptions",
            Registration(events: ["record-published", "record-withdrawn", "designation-suspended", "designation-reinstated", "designation-revoked",
                "designation-restored", "designation-expired"]), HttpStatusCode.Created, Cancel)).GetProperty("secret").GetString();
    }

    [Fact]
    public async Task A_watchlist_upload_replaces_the_list_whole_and_the_ledger_states_its_count_and_digest()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var id = (await checker.PostExpectAsync("/api/v1/subscriptions", Registration(), HttpStatusCode.Created, Cancel))
            .GetProperty("subscription").GetProperty("id").GetGuid();

        using var csv = await checker.PutAsync(new Uri($"/api/v1/subscriptions/{id}/subjects", UriKind.Relative),
            Csv($"subjectId\n{DesignationBodies.Organisation}\n{DesignationBodies.Person.ToLowerInvariant()}\n{DesignationBodies.Organisation}\n"), Cancel);
        using var ndjson = await checker.PutAsync(new Uri($"/api/v1/subscriptions/{id}/subjects", UriKind.Relative),
            Ndjson($"\"{DesignationBodies.OtherOrganisation}\"\n{{\"subjectId\":\"{DesignationBodies.Person}\"}}\n"), Cancel);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(2, (await csv.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("watchlistSubjects").GetInt32());
        var view = await ndjson.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal((true, 2), (view.GetProperty("hasWatchlist").GetBoolean(), view.GetProperty("watchlistSubjects").GetInt32()));
        await using var db = StorageServices.CreateContext(Server.Database);
        var stored = await db.SubscriptionSubjects.Where(s => s.SubscriptionId == id).Select(s => s.SubjectId).OrderBy(s => s).ToListAsync(Cancel);
        Assert.Equal(new[] { DesignationBodies.Person, DesignationBodies.OtherOrganisation }.Order(StringComparer.Ordinal), stored);
        var last = await db.LedgerEvents.Where(e => e.Type == "subscription-watchlist-set").OrderBy(e => e.Position).LastAsync(Cancel);
        Assert.Contains(Watchlists.Digest(stored.Order(StringComparer.Ordinal)), last.Payload, StringComparison.Ordinal);
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        Assert.True((await auditor.GetJsonAsync("/api/v1/ledger/verification", Cancel)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_watchlist_with_bad_rows_is_refused_with_each_rows_number_and_code_and_the_old_list_stays()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var id = (await checker.PostExpectAsync("/api/v1/subscriptions", Registration(), HttpStatusCode.Created, Cancel))
            .GetProperty("subscription").GetProperty("id").GetGuid();
        var path = new Uri($"/api/v1/subscriptions/{id}/subjects", UriKind.Relative);
        (await checker.PutAsync(path, Csv(DesignationBodies.Organisation + "\n"), Cancel)).EnsureSuccessStatusCode();

        var problem = await Problems.AssertAsync(
            await checker.PutAsync(path, Csv($"subjectId\n{DesignationBodies.OtherOrganisation}\n91350100M000100Y44\n{DesignationBodies.Person}\nhello\n"), Cancel),
            HttpStatusCode.UnprocessableEntity, "watchlist-row-invalid");
        var json = await Problems.AssertAsync(await checker.PutAsync(path, Ndjson("{\"subjectId\": 42}\n\"" + DesignationBodies.Person + "\"\n[\n"), Cancel),
            HttpStatusCode.UnprocessableEntity, "watchlist-row-invalid");
        var wrongType = await checker.PutAsync(path, new StringContent("[]", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal([("rows[3]", "watchlist-row-invalid"), ("rows[5]", "watchlist-row-invalid")], problem.FieldCodes());
        Assert.Equal([("rows[1]", "watchlist-row-invalid"), ("rows[3]", "watchlist-row-invalid")], json.FieldCodes());
        await Problems.AssertAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal([DesignationBodies.Organisation], await db.SubscriptionSubjects.Select(s => s.SubjectId).ToListAsync(Cancel));
        Assert.Equal(1, await db.LedgerEvents.CountAsync(e => e.Type == "subscription-watchlist-set", Cancel));
    }

    [Fact]
    public async Task A_deleted_subscription_is_gone_for_its_department_and_its_deletion_is_a_ledger_event()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var id = (await checker.PostExpectAsync("/api/v1/subscriptions", Registration(), HttpStatusCode.Created, Cancel))
            .GetProperty("subscription").GetProperty("id").GetGuid();

        using var deleted = await checker.DeleteAsync(new Uri($"/api/v1/subscriptions/{id}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Problems.AssertAsync(await checker.GetAsync($"/api/v1/subscriptions/{id}", Cancel), HttpStatusCode.NotFound, "subscription-not-found");
        await Problems.AssertAsync(await checker.DeleteAsync(new Uri($"/api/v1/subscriptions/{id}", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "subscription-not-found");
        Assert.Empty((await checker.GetJsonAsync("/api/v1/subscriptions", Cancel)).EnumerateArray());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1, await db.LedgerEvents.CountAsync(e => e.Type == "subscription-deleted", Cancel));
    }
}

public sealed class SubscriptionTests_on_SQLite() : SubscriptionTests(new SqliteTestDatabases());

public sealed class SubscriptionTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubscriptionTests(new PostgresTestDatabases(cluster));
