using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// The current public list as a file, /lists/{code}.csv and .ndjson (docs/web.md#lists-catalog-and-home; ADR 0047), and the list
/// filters shared by the page, the downloads and GET /api/v1/public/lists/{listType}: the same entries as the API — in
/// force, individuals by public id and masked number only — with region (division code prefix), department and dates.
/// </summary>
public abstract class PublicListDownloadTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task The_CSV_download_has_its_header_and_only_the_public_entries_with_identity_numbers_masked()
    {
        var person = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList, DesignationBodies.Person);
        await Given.ProposedDesignationAsync(DesignationBodies.DefaultersList, DesignationBodies.OtherOrganisation, name: "北京示例科技有限公司",
            notice: "（2026）京01执告9号");
        using var anyone = Server.Client();

        using var response = await anyone.GetAsync(new Uri($"/lists/{DesignationBodies.DefaultersList}.csv", UriKind.Relative), Cancel);
        var csv = (await response.Content.ReadAsStringAsync(Cancel)).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // The fixed columns, then the entry fields the court publishes (catalog entryFields of judgment-defaulters).
        Assert.Equal("id,subject_id,subject_name,subject_kind,subject_code,department,decision_document,effective_from,expires_at,"
            + "obligation,performance-status,untrustworthy-circumstance,enforcement-court,case-number", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith(person.Id + ",p-", row, StringComparison.Ordinal);
        Assert.Contains(",李四,individual,1101**********002X,spc,", row, StringComparison.Ordinal);
        Assert.EndsWith(",全部未履行,有履行能力而拒不履行生效法律文书确定义务,福州市中级人民法院,（2026）闽01执123号", row, StringComparison.Ordinal);
        Assert.DoesNotContain(DesignationBodies.Person, csv, StringComparison.Ordinal);
        // The proposed entry is not in force: it is in neither the file nor the API.
        Assert.DoesNotContain(DesignationBodies.OtherOrganisation, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_NDJSON_line_parses_as_an_entry_and_the_lines_are_the_API_list()
    {
        var first = await Given.EffectiveDesignationAsync();
        var second = await Given.EffectiveDesignationAsync(body: Beijing(), decisionDocument: "国市监信决〔2026〕8号");
        using var anyone = Server.Client();

        using var response = await anyone.GetAsync(new Uri($"/lists/{DesignationBodies.MarketList}.ndjson", UriKind.Relative), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var api = await anyone.GetJsonAsync($"/api/v1/public/lists/{DesignationBodies.MarketList}", Cancel);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var entries = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), entries.Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), entries.Select(e => e.GetProperty("id").GetGuid()).Order());
        Assert.All(entries, e => Assert.Equal("samr", e.GetProperty("department").GetString()));
        Assert.Contains(entries, e => e.GetProperty("subject").GetProperty("name").GetString() == "北京示例科技有限公司");
    }

    [Fact]
    public async Task Region_department_and_dates_narrow_the_API_list_the_page_and_the_download_alike()
    {
        // 91350100… is registered in Fuzhou (350100); 91110108… in Beijing's Haidian district (110108).
        await Given.EffectiveDesignationAsync();
        await Given.EffectiveDesignationAsync(body: Beijing(), decisionDocument: "国市监信决〔2026〕8号");
        using var anyone = Server.Client();
        var list = DesignationBodies.MarketList;

        var fujian = await anyone.GetJsonAsync($"/api/v1/public/lists/{list}?region=35", Cancel);
        var haidian = await anyone.GetJsonAsync($"/api/v1/public/lists/{list}?region=110108", Cancel);
        var fuzhouCsv = await anyone.GetStringAsync(new Uri($"/lists/{list}.csv?region=3501", UriKind.Relative), Cancel);
        var otherDepartment = await anyone.GetJsonAsync($"/api/v1/public/lists/{list}?department=ndrc", Cancel);
        var today = await anyone.GetJsonAsync($"/api/v1/public/lists/{list}?from=2026-11-23&to=2026-11-23", Cancel);
        var before = await anyone.GetJsonAsync($"/api/v1/public/lists/{list}?to=2026-11-22", Cancel);
        var page = await anyone.GetStringAsync(new Uri($"/lists/{list}?region=110108", UriKind.Relative), Cancel);

        Assert.Equal(DesignationBodies.Organisation, Assert.Single(fujian.GetProperty("items").EnumerateArray()).GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(DesignationBodies.OtherOrganisation, Assert.Single(haidian.GetProperty("items").EnumerateArray()).GetProperty("subject").GetProperty("id").GetString());
        Assert.Contains(DesignationBodies.Organisation, fuzhouCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(DesignationBodies.OtherOrganisation, fuzhouCsv, StringComparison.Ordinal);
        Assert.Equal(0, otherDepartment.GetProperty("total").GetInt32());
        Assert.Equal(2, today.GetProperty("total").GetInt32());
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        Assert.Contains("北京示例科技有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("福州示例食品有限公司", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_of_a_county_lists_no_individual_since_a_masked_number_shows_only_four_digits()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList, DesignationBodies.Person);
        using var anyone = Server.Client();

        var beijing = await anyone.GetJsonAsync($"/api/v1/public/lists/{DesignationBodies.DefaultersList}?region=1101", Cancel);
        var county = await anyone.GetJsonAsync($"/api/v1/public/lists/{DesignationBodies.DefaultersList}?region=110105", Cancel);

        Assert.Equal(1, beijing.GetProperty("total").GetInt32());
        Assert.Equal(0, county.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_bad_filter_is_422_with_its_code_on_the_API_and_the_download_and_shown_at_its_field_on_the_page()
    {
        using var anyone = Server.Client();
        var list = DesignationBodies.MarketList;

        await Problems.AssertAsync(await anyone.GetAsync(new Uri($"/api/v1/public/lists/{list}?region=35x", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "list-region-invalid");
        await Problems.AssertAsync(await anyone.GetAsync(new Uri($"/lists/{list}.csv?department=nobody", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "list-department-unknown");
        await Problems.AssertAsync(await anyone.GetAsync(new Uri($"/lists/{list}.ndjson?from=2026-12-01&to=2026-11-01", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "list-date-invalid");
        await Problems.AssertAsync(await anyone.GetAsync(new Uri("/lists/no-such-list.csv", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "list-type-not-found");
        var (status, page) = await anyone.GetTextAsync($"/lists/{list}?from=2026-13-01", Cancel);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("id=\"filter-from-error\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_with_a_format_sends_the_reader_to_the_download_of_the_same_selection()
    {
        await Given.EffectiveDesignationAsync();
        using var anyone = Server.Client();

        using var response = await anyone.GetAsync(new Uri($"/lists/{DesignationBodies.MarketList}?region=35&format=csv", UriKind.Relative), Cancel);

        Assert.Equal($"/lists/{DesignationBodies.MarketList}.csv?region=35", response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains(DesignationBodies.Organisation, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>The market list's body for the other organisation, under its own name.</summary>
    private static JsonObject Beijing()
    {
        var body = DesignationBodies.MarketDesignation("国市监信告〔2026〕8号", DesignationBodies.OtherOrganisation);
        body["subject"]!["name"] = "北京示例科技有限公司";
        return body;
    }
}

public sealed class PublicListDownloadTests_on_SQLite() : PublicListDownloadTests(new SqliteTestDatabases());

public sealed class PublicListDownloadTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicListDownloadTests(new PostgresTestDatabases(cluster));
