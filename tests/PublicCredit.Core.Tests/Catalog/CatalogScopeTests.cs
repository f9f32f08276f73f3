using PublicCredit.Access;
using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Catalog;

/// <summary>
/// Who records and who reads (docs/catalog.md#providers-and-sharing): each test copies the default catalog, breaks one
/// providers or sharing entry, and expects the rule's code at its file:line; the default catalog's own choices are
/// checked against docs/domain.md#who-records-and-who-reads.
/// </summary>
public sealed class CatalogScopeTests : IDisposable
{
    private readonly CatalogCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void A_category_without_providers_is_refused()
    {
        var line = _copy.LineOf("categories.yaml", "  - code: tax-violation");
        _copy.Replace("categories.yaml", "    providers: [sta]\n", "", after: "code: tax-violation");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "category-providers-missing");
    }

    [Fact]
    public void A_category_with_an_empty_providers_list_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "    providers: [sta]\n", "    providers: []\n", after: "code: tax-violation");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "category-providers-missing");
    }

    [Fact]
    public void A_provider_that_is_neither_a_department_nor_a_department_kind_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "    providers: [court]\n", "    providers: [courts]\n", after: "code: court-enforcement");

        var problem = CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "reference-unknown");
        Assert.Contains("courts", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sharing_rule_naming_an_undefined_department_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "departments: [court], purposes: [judicial-enforcement]",
            "departments: [supreme-court], purposes: [judicial-enforcement]", after: "code: court-enforcement");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "reference-unknown");
    }

    [Fact]
    public void A_sharing_rule_naming_a_purpose_outside_the_fixed_list_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "purposes: [judicial-enforcement]", "purposes: [curiosity]", after: "code: court-enforcement");

        var problem = CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "reference-unknown");
        Assert.Contains("curiosity", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sharing_rule_naming_an_unknown_role_is_refused()
    {
        var line = _copy.Replace("categories.yaml", "roles: [checker, reviewer], departments: [court]", "roles: [judge], departments: [court]",
            after: "code: court-enforcement");

        CatalogAssert.HasProblem(_copy.Load(), "categories.yaml", line, "field-invalid");
    }

    [Fact]
    public void A_list_type_without_providers_is_refused()
    {
        var line = _copy.LineOf("list-types.yaml", "  - code: serious-tax-violators");
        _copy.Replace("list-types.yaml", "    providers: [sta]\n", "", after: "code: serious-tax-violators");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-providers-missing");
    }

    [Fact]
    public void A_non_government_body_as_a_list_provider_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "    providers: [court]\n", "    providers: [court, non-government]\n", after: "code: judgment-defaulters");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-designator-nongovernment");
    }

    [Fact]
    public void A_purpose_defined_twice_is_refused_at_the_second()
    {
        _copy.Append("catalog.yaml", "  - code: supervision\n    name: { zh: 监管, en: Supervision }\n");

        var problem = Assert.Single(_copy.Load().Problems, p => p.Code == "code-duplicate");
        Assert.Equal("catalog.yaml", problem.File);
    }

    [Fact]
    public void In_the_default_catalog_only_courts_record_court_enforcement_and_only_the_tax_administration_records_tax_violations()
    {
        var catalog = CatalogLoader.Load(CatalogCopy.DefaultDirectory).GetCatalogOrThrow();

        Assert.True(catalog.Provides("spc", catalog.Categories["court-enforcement"]));
        Assert.False(catalog.Provides("china-banking-association", catalog.Categories["court-enforcement"]));
        Assert.False(catalog.Provides("samr", catalog.Categories["court-enforcement"]));
        Assert.True(catalog.Provides("sta", catalog.Categories["tax-violation"]));
        Assert.False(catalog.Provides("samr", catalog.Categories["tax-violation"]));
        Assert.True(catalog.Provides("samr", catalog.Categories["administrative-penalty"]));
        Assert.False(catalog.Provides("china-railway", catalog.Categories["administrative-penalty"]));
        Assert.False(catalog.Provides("unknown-department", catalog.Categories["administrative-penalty"]));
        Assert.True(catalog.Provides("spc", catalog.ListTypes["judgment-defaulters"]));
        Assert.False(catalog.Provides("samr", catalog.ListTypes["judgment-defaulters"]));
    }

    [Fact]
    public void Every_category_and_list_type_of_the_default_catalog_names_providers_and_only_known_purposes()
    {
        var catalog = CatalogLoader.Load(CatalogCopy.DefaultDirectory).GetCatalogOrThrow();
        var scopes = catalog.Categories.Select(c => c.Scope).Concat(catalog.ListTypes.Select(l => l.Scope)).ToList();

        Assert.All(scopes, scope => Assert.False(scope.Providers.IsEmpty));
        Assert.All(scopes.SelectMany(s => s.Sharing).SelectMany(r => r.Purposes), purpose => Assert.True(catalog.Purposes.Contains(purpose), purpose));
        Assert.All(scopes.SelectMany(s => s.Sharing), rule => Assert.True(rule.Roles.Count > 0 && !rule.Departments.IsEmpty));
    }

    [Fact]
    public void A_checker_of_another_government_department_reads_a_non_public_penalty_for_an_approval_but_not_for_a_court_case()
    {
        var catalog = CatalogLoader.Load(CatalogCopy.DefaultDirectory).GetCatalogOrThrow();
        var penalty = catalog.Categories["administrative-penalty"].Scope;
        var mof = catalog.Departments["mof"];

        Assert.True(penalty.IsShared(Role.Checker, mof, "administrative-approval", recordedBy: "samr"));
        Assert.False(penalty.IsShared(Role.Checker, mof, "judicial-enforcement", recordedBy: "samr"));
        Assert.False(penalty.IsShared(Role.Checker, catalog.Departments["china-banking-association"], "administrative-approval", recordedBy: "samr"));
        Assert.True(penalty.IsShared(Role.Recorder, catalog.Departments["samr"], "judicial-enforcement", recordedBy: "samr"));
    }
}
