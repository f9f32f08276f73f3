using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// Every 4xx a caller can provoke at the edge of HTTP is ProblemDetails with a stable code, over a real Kestrel
/// connection (docs/design.md#edges-public-limits-and-audit-reads; ADR 0036), and answers with personal data or a credential are never cached.
/// </summary>
public abstract class HttpEdgeTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task An_unknown_route_is_a_coded_404()
    {
        using var client = Server.Client();

        var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "route-not-found");
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_a_coded_405()
    {
        using var client = Server.Client();

        var response = await client.DeleteAsync(new Uri("/api/v1/catalog", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task A_body_over_the_endpoint_limit_is_a_coded_413()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var huge = RecordBodies.Penalty().With("facts", new string('x', 2 << 20)).ToJsonString();
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/records") { Content = content };
        request.Headers.ExpectContinue = true;

        var response = await recorder.SendAsync(request, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task An_address_longer_than_the_server_reads_is_a_coded_414()
    {
        using var client = Server.Client();

        var response = await client.GetAsync(new Uri("/api/v1/catalog?q=" + new string('a', 9000), UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.RequestUriTooLong, "uri-too-long");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_coded_415_before_anything_is_stored()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        using var content = new StringContent(RecordBodies.Penalty().ToJsonString(), Encoding.UTF8, "text/plain");

        var response = await recorder.PostAsync(new Uri("/api/v1/records", UriKind.Relative), content, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        var typed = await recorder.PostAsJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);
        Assert.Equal(HttpStatusCode.Created, typed.StatusCode);
    }

    [Fact]
    public async Task A_typed_body_with_another_media_type_is_a_coded_415()
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Ndrc));
        using var content = new StringContent("role=recorder&department=samr", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await admin.PostAsync(new Uri("/api/v1/keys", UriKind.Relative), content, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Head_on_a_get_route_answers_its_status_and_headers_without_a_body()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var created = await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(), HttpStatusCode.Created, Cancel);
        var recordId = created.GetProperty("id").GetString();
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Ndrc));
        using var anyone = Server.Client();
        var sample = new (HttpClient Client, string Route)[]
        {
            (anyone, "/api/v1/catalog"),
            (anyone, "/api/v1/public/records?department=samr"),
            (anyone, "/api/v1/public/subjects"), // 422 query-missing
            (anyone, "/api/v1/ledger"), // 401
            (admin, "/api/v1/keys"),
            (recorder, $"/api/v1/records/{recordId}?purpose=law-enforcement"),
            (recorder, "/api/v1/records/00000000-0000-0000-0000-000000000000?purpose=law-enforcement"), // 404
            (anyone, "/openapi/v1.json"),
        };

        foreach (var (client, route) in sample)
        {
            using var get = await client.GetAsync(new Uri(route, UriKind.Relative), Cancel);
            using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(route, UriKind.Relative));
            using var head = await client.SendAsync(request, Cancel);

            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {route}: {(int)head.StatusCode}, GET {(int)get.StatusCode}");
            Assert.True(get.Content.Headers.ContentType?.ToString() == head.Content.Headers.ContentType?.ToString(), $"HEAD {route}: {head.Content.Headers.ContentType}");
            Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
            Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        }
    }

    [Fact]
    public async Task Headers_larger_than_the_server_reads_are_a_coded_431()
    {
        using var client = Server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/catalog", UriKind.Relative));
        request.Headers.Add("X-Padding", new string('p', 40 * 1024));

        var response = await client.SendAsync(request, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers-too-large");
    }

    [Fact]
    public async Task A_body_that_is_not_valid_json_is_a_coded_400()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var content = new StringContent("{\"subjectId\": ", Encoding.UTF8, "application/json");

        var response = await checker.PostAsync(new Uri("/api/v1/checks", UriKind.Relative), content, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "body-invalid-json");
    }

    [Fact]
    public async Task Answers_with_personal_data_or_a_credential_are_never_cached()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Spc));
        await Given.PublishedRecordAsync(body: SubjectBodies.Defaulter(), recorder: recorder);
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Ndrc));
        using var anyone = Server.Client();
        var found = await anyone.GetJsonAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString(SubjectBodies.PublicPersonName)}", Cancel);
        var publicId = found.GetProperty("items")[0].GetProperty("id").GetString();

        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("staff profile", await checker.GetAsync($"/api/v1/subjects/{SubjectBodies.PublicPersonId}?purpose=public-procurement", Cancel)),
            ("new API key", await admin.PostAsJsonAsync("/api/v1/keys", new JsonObject { ["role"] = "checker", ["department"] = "ndrc" }, Cancel)),
            ("public search", await anyone.GetAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString(SubjectBodies.PublicPersonName)}", Cancel)),
            ("public profile", await anyone.GetAsync($"/api/v1/public/subjects/{publicId}", Cancel)),
            ("profile page", await anyone.GetAsync($"/public/subjects/{publicId}", Cancel)),
            ("search page", await anyone.GetAsync($"/?q={Uri.EscapeDataString(SubjectBodies.PublicPersonName)}", Cancel)),
        };

        foreach (var (what, response) in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is '{response.Headers.CacheControl}'");
            response.Dispose();
        }

        // The stylesheet holds nothing personal and keeps its own policy.
        using var css = await anyone.GetAsync("/assets/site.css", Cancel);
        Assert.False(css.Headers.CacheControl?.NoStore);
    }
}

public sealed class HttpEdgeTests_on_SQLite() : HttpEdgeTests(new SqliteTestDatabases());

public sealed class HttpEdgeTests_on_PostgreSQL(PostgresClusterFixture cluster) : HttpEdgeTests(new PostgresTestDatabases(cluster));
