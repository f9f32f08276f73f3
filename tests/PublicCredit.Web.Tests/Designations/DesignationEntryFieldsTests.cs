using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// Catalog entryFields (docs/catalog.md#entry-fields; ADR 0043): judgment-defaulters declares what the SPC publishes
/// of each defaulter; a proposal must state each field within its length, may state no other; the fields are stored,
/// ledgered by hash, shown to staff and — the public ones — on the public list and profile, identity numbers masked.
/// </summary>
public abstract class DesignationEntryFieldsTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly string[] CourtPublishes = ["obligation", "performance-status", "untrustworthy-circumstance", "enforcement-court", "case-number"];

    [Fact]
    public async Task The_catalog_publishes_the_fields_of_a_judgment_defaulter_entry()
    {
        using var anyone = Server.Client();

        var catalog = await anyone.GetJsonAsync("/api/v1/catalog", Cancel);

        var defaulters = catalog.GetProperty("listTypes").EnumerateArray().Single(l => l.GetProperty("code").GetString() == DesignationBodies.DefaultersList);
        var fields = defaulters.GetProperty("entryFields").EnumerateArray().ToList();
        Assert.Equal(CourtPublishes, fields.Select(f => f.GetProperty("code").GetString()));
        Assert.All(fields, f => Assert.True(f.GetProperty("required").GetBoolean() && f.GetProperty("public").GetBoolean()));
        Assert.Equal("执行法院", fields[3].GetProperty("name").GetProperty("zh").GetString());
        var market = catalog.GetProperty("listTypes").EnumerateArray().Single(l => l.GetProperty("code").GetString() == DesignationBodies.MarketList);
        Assert.Empty(market.GetProperty("entryFields").EnumerateArray());
    }

    [Fact]
    public async Task A_defaulter_proposal_missing_a_field_with_one_too_long_or_one_unknown_is_refused_per_field_and_stores_nothing()
    {
        var body = DesignationBodies.DefaulterDesignation();
        var fields = (JsonObject)body["entryFields"]!;
        fields.Remove("obligation");
        fields["case-number"] = new string('号', 101);
        fields["debtor-assets"] = "无";
        using var court = await Given.StaffAsync(Role.Recorder, Departments.Spc);

        var problem = await Problems.AssertAsync(await court.PostAsJsonAsync("/api/v1/designations", body, Cancel),
            HttpStatusCode.UnprocessableEntity, "designation-entry-field-unknown");

        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString()))
            .ToHashSet();
        Assert.Equal(
            new HashSet<(string?, string?)>
            {
                ("entryFields.debtor-assets", "designation-entry-field-unknown"),
                ("entryFields.obligation", "designation-entry-field-missing"),
                ("entryFields.case-number", "designation-field-too-long"),
            },
            errors);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.False(await db.Designations.AnyAsync(Cancel));
    }

    [Fact]
    public async Task A_list_that_declares_no_entry_fields_takes_none()
    {
        var body = DesignationBodies.MarketDesignation();
        body["entryFields"] = new JsonObject { ["case-number"] = "（2026）闽01执123号" };
        using var recorder = await Given.StaffAsync(Role.Recorder);

        var problem = await Problems.AssertAsync(await recorder.PostAsJsonAsync("/api/v1/designations", body, Cancel),
            HttpStatusCode.UnprocessableEntity, "designation-entry-field-unknown");

        Assert.Equal("entryFields.case-number", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_public_list_and_profile_show_what_the_court_publishes_with_identity_numbers_masked()
    {
        var body = DesignationBodies.DefaulterDesignation();
        body["entryFields"]!["obligation"] = $"被执行人向申请执行人（身份证号{DesignationBodies.LegalRepresentative}）支付人民币三十万元。";
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList, DesignationBodies.Person, body: body);
        using var anyone = Server.Client();
        using var court = await Given.StaffAsync(Role.Reviewer, Departments.Spc);

        var list = await anyone.GetJsonAsync($"/api/v1/public/lists/{DesignationBodies.DefaultersList}", Cancel);
        var profile = await anyone.GetJsonAsync($"/api/v1/public/subjects/{DesignationBodies.Person}", Cancel);
        var staffView = await court.GetJsonAsync($"/api/v1/designations/{designation.Id}", Cancel);

        foreach (var entry in new[] { Assert.Single(list.GetProperty("items").EnumerateArray()), Assert.Single(profile.GetProperty("designations").EnumerateArray()) })
        {
            var shown = entry.GetProperty("entryFields").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("value").GetString());
            Assert.Equal(CourtPublishes, shown.Keys);
            Assert.Equal("（2026）闽01执123号", shown["case-number"]);
            Assert.Equal("福州市中级人民法院", shown["enforcement-court"]);
            Assert.Contains("1101**********0010", shown["obligation"], StringComparison.Ordinal);
            Assert.DoesNotContain(DesignationBodies.LegalRepresentative, entry.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Contains(DesignationBodies.LegalRepresentative, staffView.GetProperty("entryFields").GetProperty("obligation").GetString(), StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(Server.Database);
        var verified = await new VerifyLedger(db).RunAsync(Cancel);
        Assert.True(verified.Ok, verified.ToString());
    }
}

public sealed class DesignationEntryFieldsTests_on_SQLite() : DesignationEntryFieldsTests(new SqliteTestDatabases());

public sealed class DesignationEntryFieldsTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationEntryFieldsTests(new PostgresTestDatabases(cluster));
