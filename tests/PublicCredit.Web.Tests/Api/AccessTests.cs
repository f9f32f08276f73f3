using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>API keys are stored hashed; role and department scope are enforced on every endpoint (docs/api.md#roles).</summary>
public abstract class AccessTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_protected_endpoint_without_a_key_answers_401_with_a_code()
    {
        using var client = Server.Client();

        var response = await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Fact]
    public async Task A_made_up_key_answers_401()
    {
        using var client = Server.Client("pck_abcdefghijkm_" + new string('x', 43));

        var response = await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "token-invalid");
    }

    [Fact]
    public async Task A_key_whose_secret_differs_in_one_character_is_refused()
    {
        var key = await Server.KeyAsync(Role.Admin, Departments.Ndrc);
        var altered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = Server.Client(altered);

        var response = await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "token-invalid");
    }

    [Fact]
    public async Task A_key_with_the_wrong_role_answers_403()
    {
        var recorder = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        using var client = Server.Client(recorder);

        var response = await client.PostAsJsonAsync("/api/v1/keys", new { role = "admin", department = Departments.Samr }, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role-forbidden");
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_then_authenticates_with_its_role()
    {
        // Auditors read the whole platform, so a platform admin issues them, not a department's admin (ADR 0031).
        using var admin = Server.Client(await Server.KeyAsync(Role.PlatformAdmin, Departments.Ndrc));

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { role = "auditor", department = Departments.Ndrc, name = "审计系统" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var key = created.GetProperty("key").GetString()!;
        using var auditor = Server.Client(key);
        var verification = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/ledger/verification", Cancel);
        Assert.True(verification.GetProperty("ok").GetBoolean());
        // the auditor key is not an admin key
        var forbidden = await auditor.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel);
        await Problems.AssertAsync(forbidden, HttpStatusCode.Forbidden, "role-forbidden");
    }

    [Fact]
    public async Task Only_a_hash_of_a_key_is_stored()
    {
        var key = await Server.KeyAsync(Role.Checker, Departments.Mof);
        Assert.True(AccessToken.TryParse(key, out var parsed));
        var secret = parsed.Secret;

        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.ApiKeys.SingleAsync(Cancel);
        Assert.DoesNotContain(secret, row.SecretHash, StringComparison.Ordinal);
        Assert.Equal(AccessToken.HashOf(key), row.SecretHash);
        var ledger = await db.LedgerEvents.Select(e => e.Payload).ToListAsync(Cancel);
        Assert.All(ledger, payload => Assert.DoesNotContain(secret, payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_a_key_is_a_ledger_event()
    {
        await Server.KeyAsync(Role.Reviewer, Departments.Samr);

        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Type == CreateApiKey.EventType).ToListAsync(Cancel);
        var created = Assert.Single(events);
        Assert.Equal(Departments.Samr, created.Department);
        Assert.Contains("\"role\":\"reviewer\"", created.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_for_a_department_outside_the_catalog_is_refused_naming_the_field()
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Ndrc));

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { role = "recorder", department = "ministry-of-magic" }, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "department-unknown");
        Assert.Equal("department", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_role_is_refused_naming_the_field()
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Ndrc));

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { role = "superuser", department = Departments.Ndrc }, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "role-unknown");
        Assert.Equal("role", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_400_not_500()
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Ndrc));
        using var body = new StringContent("{\"role\": \"admin\", ", Encoding.UTF8, "application/json");

        var response = await admin.PostAsync(new Uri("/api/v1/keys", UriKind.Relative), body, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "body-invalid-json");
    }

    [Fact]
    public async Task Every_route_declares_who_may_call_it()
    {
        var endpoints = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<PublicCredit.Web.Security.RequiredRolesMetadata>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.Empty(undeclared);
    }
}

public sealed class AccessTests_on_SQLite() : AccessTests(new SqliteTestDatabases());

public sealed class AccessTests_on_PostgreSQL(PostgresClusterFixture cluster) : AccessTests(new PostgresTestDatabases(cluster));
