using System.Net;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// GET /api/v1/public/lists/{listType} (docs/api.md#subjects-and-public-views; ADR 0044): a list as the public sees it
/// now — the rule of the public profile: in force, organisations, individuals only where the list's category publishes
/// them (by public id and masked number), never the responsible persons an organisation's entry reaches.
/// </summary>
public abstract class PublicListTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_list_shows_the_entries_in_force_and_an_individual_by_public_id_and_mask_only()
    {
        var market = await Given.EffectiveDesignationAsync();
        var person = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList, DesignationBodies.Person);
        await Given.ProposedDesignationAsync(DesignationBodies.MarketList, DesignationBodies.OtherOrganisation, notice: "国市监信告〔2026〕8号");
        using var anyone = Server.Client();

        var marketList = await anyone.GetJsonAsync($"/api/v1/public/lists/{DesignationBodies.MarketList}", Cancel);
        var defaulters = await anyone.GetStringAsync(new Uri($"/api/v1/public/lists/{DesignationBodies.DefaultersList}", UriKind.Relative), Cancel);

        var entry = Assert.Single(marketList.GetProperty("items").EnumerateArray());
        Assert.Equal(market.Id, entry.GetProperty("id").GetGuid());
        Assert.Equal(DesignationBodies.Organisation, entry.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal("black", marketList.GetProperty("kind").GetString());
        Assert.Equal(1, marketList.GetProperty("total").GetInt32());
        Assert.Contains(person.Id.ToString(), defaulters, StringComparison.Ordinal);
        Assert.DoesNotContain(DesignationBodies.Person, defaulters, StringComparison.Ordinal);
        Assert.Contains("1101**********002X", defaulters, StringComparison.Ordinal);
        // The market entry reaches its legal representative (张三): the person is never listed for it.
        var marketText = await anyone.GetStringAsync(new Uri($"/api/v1/public/lists/{DesignationBodies.MarketList}", UriKind.Relative), Cancel);
        Assert.DoesNotContain("张三", marketText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_list_is_404_and_a_bad_page_422_with_their_codes()
    {
        using var anyone = Server.Client();

        await Problems.AssertAsync(await anyone.GetAsync(new Uri("/api/v1/public/lists/no-such-list", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "list-type-not-found");
        await Problems.AssertAsync(await anyone.GetAsync(new Uri($"/api/v1/public/lists/{DesignationBodies.MarketList}?page=0", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "page-invalid");
        await Problems.AssertAsync(await anyone.GetAsync(new Uri($"/api/v1/public/lists/{DesignationBodies.MarketList}?page=9999", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "page-invalid");
    }
}

public sealed class PublicListTests_on_SQLite() : PublicListTests(new SqliteTestDatabases());

public sealed class PublicListTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicListTests(new PostgresTestDatabases(cluster));
