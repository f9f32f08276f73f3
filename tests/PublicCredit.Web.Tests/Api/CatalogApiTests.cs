using System.Text.Json;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// GET /api/v1/catalog (docs/api.md#catalog-shape) tells anyone, without a key, who records and who reads each category,
/// what kind each department is, and for each list type whom it designates, by which standard and how an entry ends.
/// </summary>
public abstract class CatalogApiTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task The_public_catalog_names_department_kinds_and_who_records_and_reads_court_enforcement()
    {
        using var anonymous = Server.Client();

        var catalog = await anonymous.GetJsonAsync("/api/v1/catalog", Cancel);

        var spc = catalog.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "spc");
        Assert.Equal("court", spc.GetProperty("kind").GetString());
        var court = catalog.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "court-enforcement");
        Assert.Equal(["court"], court.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["organisation", "individual"], court.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        var purposes = catalog.GetProperty("purposes").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("judicial-enforcement", purposes);
        Assert.All(court.GetProperty("sharing").EnumerateArray().SelectMany(r => r.GetProperty("purposes").EnumerateArray()),
            p => Assert.Contains(p.GetString(), purposes));
    }

    [Fact]
    public async Task The_public_catalog_says_how_a_list_entry_ends_and_by_which_standard_it_is_designated()
    {
        using var anonymous = Server.Client();

        var catalog = await anonymous.GetJsonAsync("/api/v1/catalog", Cancel);

        var lists = catalog.GetProperty("listTypes").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!);
        var defaulters = lists["judgment-defaulters"];
        var market = lists["serious-untrustworthy-market"];
        Assert.Equal(["organisation", "individual"], defaulters.GetProperty("subjectKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("法释〔2017〕7号", defaulters.GetProperty("designationStandard").GetProperty("document").GetString());
        Assert.False(defaulters.GetProperty("ending").TryGetProperty("restoration", out _));
        var removal = defaulters.GetProperty("ending").GetProperty("automaticRemoval");
        Assert.Equal(("obligation-performed", JsonValueKind.Number), (removal.GetProperty("trigger").GetString(), removal.GetProperty("withinWorkingDays").ValueKind));
        Assert.NotEmpty(defaulters.GetProperty("termLegalBasis").EnumerateArray());
        Assert.Equal("single-window", market.GetProperty("ending").GetProperty("restoration").GetString());
        Assert.Equal("P3Y", market.GetProperty("ending").GetProperty("term").GetString());
        Assert.Equal(["samr"], market.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
    }
}

public sealed class CatalogApiTests_on_SQLite() : CatalogApiTests(new SqliteTestDatabases());

public sealed class CatalogApiTests_on_PostgreSQL(PostgresClusterFixture cluster) : CatalogApiTests(new PostgresTestDatabases(cluster));
