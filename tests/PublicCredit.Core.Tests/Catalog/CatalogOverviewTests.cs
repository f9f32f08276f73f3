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
}
