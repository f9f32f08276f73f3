using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>The web host: health, OpenAPI, the public catalog (docs/api.md shape), ProblemDetails everywhere.</summary>
public abstract class HostTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task Health_is_reported_when_the_database_answers()
    {
        using var client = Server.Client();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("quarantined").GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_catalog_endpoint()
    {
        using var client = Server.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/catalog", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/keys", out _));
    }

    [Fact]
    public async Task The_catalog_is_public_and_has_the_contract_shape()
    {
        using var client = Server.Client();

        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog", Cancel);

        Assert.False(string.IsNullOrEmpty(catalog.GetProperty("version").GetString()));
        var category = catalog.GetProperty("categories").EnumerateArray().First();
        Assert.False(string.IsNullOrEmpty(category.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(category.GetProperty("name").GetProperty("zh").GetString()));
        Assert.False(string.IsNullOrEmpty(category.GetProperty("name").GetProperty("en").GetString()));
        foreach (var section in new[] { "departments", "matters" })
        {
            Assert.All(catalog.GetProperty(section).EnumerateArray(), item =>
            {
                Assert.False(string.IsNullOrEmpty(item.GetProperty("code").GetString()));
                Assert.False(string.IsNullOrEmpty(item.GetProperty("name").GetProperty("zh").GetString()));
            });
        }

        var defaulters = catalog.GetProperty("listTypes").EnumerateArray()
            .Single(l => l.GetProperty("code").GetString() == "judgment-defaulters");
        Assert.Equal("black", defaulters.GetProperty("kind").GetString());
        Assert.Contains("spc", defaulters.GetProperty("designatingDepartments").EnumerateArray().Select(d => d.GetString()));
        Assert.StartsWith("P", defaulters.GetProperty("maxTerm").GetString(), StringComparison.Ordinal);
        Assert.True(defaulters.GetProperty("objectionWindowWorkingDays").GetInt32() > 0);

        var procurement = catalog.GetProperty("measures").EnumerateArray()
            .Single(m => m.GetProperty("code").GetString() == "restrict-government-procurement");
        Assert.Equal("disciplinary", procurement.GetProperty("kind").GetString());
        Assert.Equal("mandatory", procurement.GetProperty("binding").GetString());
        Assert.Contains(procurement.GetProperty("legalBasis").EnumerateArray(),
            b => b.GetString()!.Contains("政府采购法", StringComparison.Ordinal));
        Assert.Contains("government-procurement", procurement.GetProperty("matters").EnumerateArray().Select(m => m.GetString()));
        Assert.False(string.IsNullOrEmpty(procurement.GetProperty("implementingDepartment").GetString()));

        var memorandum = catalog.GetProperty("memoranda").EnumerateArray().First();
        foreach (var list in new[] { "departments", "listTypes", "measures" })
        {
            Assert.NotEmpty(memorandum.GetProperty(list).EnumerateArray());
        }
    }

    [Fact]
    public async Task An_unknown_route_answers_404_as_problem_details()
    {
        using var client = Server.Client();

        var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Starting_records_the_catalog_version_in_the_ledger_once()
    {
        var catalog = (CreditCatalog)Server.Services.GetService(typeof(CreditCatalog))!;
        await using var db = StorageServices.CreateContext(Server.Database);
        var activations = await db.LedgerEvents.Where(e => e.Type == RecordCatalogVersion.EventType).ToListAsync(Cancel);
        var activation = Assert.Single(activations);
        Assert.Contains(catalog.Version.ContentHash, activation.Payload, StringComparison.Ordinal);

        // a second server on the same database and catalog records nothing new
        await using var again = await RunningServer.RestartAsync(Server.Database, Cancel);
        Assert.Equal(1, await db.LedgerEvents.CountAsync(e => e.Type == RecordCatalogVersion.EventType, Cancel));
    }
}

public sealed class HostTests_on_SQLite() : HostTests(new SqliteTestDatabases());

public sealed class HostTests_on_PostgreSQL(PostgresClusterFixture cluster) : HostTests(new PostgresTestDatabases(cluster));
