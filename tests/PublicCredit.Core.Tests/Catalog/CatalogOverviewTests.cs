using System.Text.Json;
using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Catalog;

public class CatalogOverviewTests
{
    // The web host serialises with the web defaults (camelCase).
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly JsonElement Json = JsonSerializer.SerializeToElement(
        CatalogOverview.From(DefaultCatalogTests.LoadDefault()), Web);

    [Fact]
    public void The_overview_serialises_to_the_api_contract_names()
    {
        // docs/api.md#catalog-shape: these names are a fixed contract.
        Assert.Equal(JsonValueKind.String, Json.GetProperty("version").ValueKind);
        foreach (var collection in new[] { "categories", "departments", "matters" })
        {
            var first = Json.GetProperty(collection)[0];
            Assert.Equal(JsonValueKind.String, first.GetProperty("code").ValueKind);
            Assert.Equal(JsonValueKind.String, first.GetProperty("name").GetProperty("zh").ValueKind);
            Assert.Equal(JsonValueKind.String, first.GetProperty("name").GetProperty("en").ValueKind);
        }

        var list = Json.GetProperty("listTypes")[0];
        Assert.Equal(JsonValueKind.Array, list.GetProperty("designatingDepartments").ValueKind);
        Assert.Equal(JsonValueKind.Number, list.GetProperty("objectionWindowWorkingDays").ValueKind);
        Assert.Matches("^P", list.GetProperty("maxTerm").GetString());

        var measure = Json.GetProperty("measures")[0];
        Assert.Equal(JsonValueKind.Array, measure.GetProperty("legalBasis").ValueKind);
        Assert.Equal(JsonValueKind.String, measure.GetProperty("implementingDepartment").ValueKind);
        Assert.Equal(JsonValueKind.Array, measure.GetProperty("matters").ValueKind);

        var memo = Json.GetProperty("memoranda")[0];
        foreach (var name in new[] { "code", "departments", "listTypes", "measures" })
        {
            Assert.True(memo.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public void Kinds_and_bindings_use_the_contract_strings()
    {
        var listKinds = Json.GetProperty("listTypes").EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ToHashSet();
        var measureKinds = Json.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ToHashSet();
        var bindings = Json.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("binding").GetString()).ToHashSet();

        Assert.Equal(["black", "red"], listKinds.Order());
        Assert.Equal(["disciplinary", "incentive"], measureKinds.Order());
        Assert.Equal(["mandatory", "recommended"], bindings.Order());
    }

    [Fact]
    public void A_measure_legal_basis_is_printed_as_a_chinese_citation()
    {
        var procurement = Json.GetProperty("measures").EnumerateArray()
            .Single(m => m.GetProperty("code").GetString() == "restrict-government-procurement");

        Assert.Equal("《中华人民共和国政府采购法》第二十二条", procurement.GetProperty("legalBasis")[0].GetString());
    }

    [Fact]
    public void A_list_type_publishes_its_standard_subject_kinds_and_how_an_entry_ends()
    {
        var lists = Json.GetProperty("listTypes").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!);
        var market = lists["serious-untrustworthy-market"];
        var defaulters = lists["judgment-defaulters"];

        Assert.Equal("市场监督管理严重违法失信名单管理办法", market.GetProperty("designationStandard").GetProperty("title").GetString());
        Assert.Equal("2021-09-01", market.GetProperty("designationStandard").GetProperty("effective").GetString());
        Assert.True(market.GetProperty("designationStandard").GetProperty("commentPeriodDays").GetInt32() >= 30);
        Assert.Equal(["organisation"], market.GetProperty("subjectKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("single-window", market.GetProperty("ending").GetProperty("restoration").GetString());
        Assert.Equal(JsonValueKind.Null, market.GetProperty("ending").GetProperty("automaticRemoval").ValueKind);
        // A court's listing is not restored through the single window; it ends on performance (docs/domain.md#lists).
        Assert.Equal(JsonValueKind.Null, defaulters.GetProperty("ending").GetProperty("restoration").ValueKind);
        Assert.Equal("obligation-performed", defaulters.GetProperty("ending").GetProperty("automaticRemoval").GetProperty("trigger").GetString());
        Assert.Equal("P5Y", defaulters.GetProperty("ending").GetProperty("maxTerm").GetString());
        Assert.NotEmpty(defaulters.GetProperty("termLegalBasis").EnumerateArray());
        Assert.Equal(["court"], defaulters.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void A_red_list_publishes_whom_it_admits_and_a_black_list_publishes_no_eligibility()
    {
        var lists = Json.GetProperty("listTypes").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!);
        var red = lists["a-grade-taxpayers"].GetProperty("eligibility");

        Assert.True(red.GetProperty("noEffectiveBlack").GetBoolean());
        Assert.Equal("P3Y", red.GetProperty("noSeriousNegativeWithin").GetString());
        Assert.Equal(10, red.GetProperty("conflictReviewWorkingDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, lists["serious-untrustworthy-market"].GetProperty("eligibility").ValueKind);
    }

    [Fact]
    public void Departments_carry_their_kind_and_categories_their_providers_sharing_and_purposes()
    {
        var departments = Json.GetProperty("departments").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("kind").GetString());
        var court = Json.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "court-enforcement");
        var purposes = Json.GetProperty("purposes").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToHashSet();

        Assert.Equal(("court", "non-government", "government"), (departments["spc"], departments["china-railway"], departments["samr"]));
        Assert.Equal(["court"], court.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.True(court.GetProperty("individualsPublic").GetBoolean());
        var rule = court.GetProperty("sharing")[0];
        Assert.Equal(["checker", "reviewer"], rule.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.All(court.GetProperty("sharing").EnumerateArray().SelectMany(r => r.GetProperty("purposes").EnumerateArray()),
            p => Assert.Contains(p.GetString(), purposes));
    }
}
