using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// Designations in the profiles (docs/api.md): staff see every designation with its status and the measures in force;
/// the public sees only effective entries in force, with their decision summary (docs/design.md#3-notice-before-listing).
/// </summary>
public abstract class DesignationProfileTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<JsonElement> StaffProfileAsync(string subjectId)
    {
        // A reviewer of another government department, reading for supervision: the list's sharing opens its entries (docs/catalog.md#providers-and-sharing).
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Ndrc));
        return await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{subjectId}?purpose=supervision", Cancel);
    }

    [Fact]
    public async Task A_noticed_designation_is_in_the_staff_profile_but_puts_no_measure_in_force_and_is_not_public()
    {
        await Given.ProposedDesignationAsync(statement: true);

        var profile = await StaffProfileAsync(DesignationBodies.Organisation);

        var designation = Assert.Single(profile.GetProperty("designations").EnumerateArray());
        Assert.Equal("noticed", designation.GetProperty("status").GetString());
        Assert.Empty(profile.GetProperty("measures").EnumerateArray());
        using var anyone = Server.Client();
        var response = await anyone.GetAsync(new Uri($"/api/v1/public/subjects/{DesignationBodies.Organisation}", UriKind.Relative), Cancel);
        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "subject-not-found");
    }

    [Fact]
    public async Task An_effective_designation_shows_its_measures_with_legal_basis_to_staff_and_its_decision_to_the_public()
    {
        var id = (await Given.EffectiveDesignationAsync(term: "P1Y")).Id;

        var profile = await StaffProfileAsync(DesignationBodies.Organisation);
        Assert.Equal("effective", profile.GetProperty("designations")[0].GetProperty("status").GetString());
        var procurement = profile.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("measure").GetString() == "restrict-government-procurement");
        Assert.Equal(id, procurement.GetProperty("designationId").GetGuid());
        Assert.Contains(procurement.GetProperty("legalBasis").EnumerateArray(), b => b.GetString()!.Contains("政府采购法", StringComparison.Ordinal));

        // the legal representative is reached only by measures that reach responsible persons
        var person = await StaffProfileAsync(DesignationBodies.LegalRepresentative);
        Assert.Equal("responsible-person", person.GetProperty("designations")[0].GetProperty("through").GetString());
        Assert.All(person.GetProperty("measures").EnumerateArray(), m => Assert.Equal("responsible-person", m.GetProperty("through").GetString()));
        Assert.DoesNotContain(person.GetProperty("measures").EnumerateArray(), m => m.GetProperty("measure").GetString() == "restrict-government-procurement");

        using var anyone = Server.Client();
        var text = await anyone.GetStringAsync(new Uri($"/api/v1/public/subjects/{DesignationBodies.Organisation}", UriKind.Relative), Cancel);
        var entry = JsonDocument.Parse(text).RootElement.GetProperty("designations").EnumerateArray().Single();
        Assert.Equal(DesignationBodies.MarketList, entry.GetProperty("listType").GetString());
        Assert.Equal("black", entry.GetProperty("kind").GetString());
        Assert.DoesNotContain(DesignationBodies.LegalRepresentative, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downstream_systems_learn_of_the_decision_and_the_revocation_from_the_changes_feed()
    {
        var id = (await Given.RevokedDesignationAsync(term: "P1Y", reasons: "复核后撤销")).Id;

        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var feed = await checker.GetFromJsonAsync<JsonElement>("/api/v1/changes?after=0", Cancel);

        var items = feed.GetProperty("items").EnumerateArray().Where(i => i.TryGetProperty("designationId", out var d) && d.GetGuid() == id).ToList();
        Assert.Equal(["designation-effective", "designation-revoked"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.All(items, i => Assert.Equal(DesignationBodies.Organisation, i.GetProperty("subjectId").GetString()));
        Assert.True(items[0].GetProperty("position").GetInt64() < items[1].GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task A_revoked_designation_leaves_no_measure_and_no_public_entry()
    {
        var id = (await Given.RevokedDesignationAsync(term: "P1Y", reasons: "复核后撤销")).Id;

        var profile = await StaffProfileAsync(DesignationBodies.Organisation);

        Assert.Equal("revoked", profile.GetProperty("designations")[0].GetProperty("status").GetString());
        Assert.Empty(profile.GetProperty("measures").EnumerateArray());
        using var anyone = Server.Client();
        var response = await anyone.GetAsync(new Uri($"/api/v1/public/subjects/{DesignationBodies.Organisation}", UriKind.Relative), Cancel);
        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "subject-not-found");
    }
}

public sealed class DesignationProfileTests_on_SQLite() : DesignationProfileTests(new SqliteTestDatabases());

public sealed class DesignationProfileTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationProfileTests(new PostgresTestDatabases(cluster));
