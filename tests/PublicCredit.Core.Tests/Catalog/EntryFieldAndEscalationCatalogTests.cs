using PublicCredit.Catalog;
using PublicCredit.Time;

namespace PublicCredit.Core.Tests.Catalog;

/// <summary>A list type's <c>entryFields</c> and <c>escalation</c> (docs/catalog.md#entry-fields, docs/catalog.md#escalation;
/// ADR 0043): read from the catalog, refused when out of range, duplicated, pointing nowhere or to another department's list.</summary>
public sealed class EntryFieldAndEscalationCatalogTests : IDisposable
{
    private readonly CatalogCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void Judgment_defaulters_declare_the_five_fields_the_court_publishes_and_abnormal_operations_escalate_after_three_years()
    {
        var catalog = _copy.Load().GetCatalogOrThrow();

        var fields = catalog.ListTypes["judgment-defaulters"].EntryFields;
        Assert.Equal(["obligation", "performance-status", "untrustworthy-circumstance", "enforcement-court", "case-number"], fields.Select(f => f.Code));
        Assert.All(fields, f => Assert.True(f.Required && f.Public));
        Assert.Equal(new Escalation(IsoDuration.FromYears(3), "serious-untrustworthy-market"), catalog.ListTypes["abnormal-operations"].Escalation);
        Assert.Empty(catalog.ListTypes["serious-untrustworthy-market"].EntryFields);
    }

    [Fact]
    public void An_entry_field_longer_than_the_limit_or_declared_twice_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "maxLength: 500", "maxLength: 20000", after: "code: judgment-defaulters");
        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "field-invalid");

        _copy.Replace("list-types.yaml", "maxLength: 20000", "maxLength: 500", after: "code: judgment-defaulters");
        var twice = _copy.Replace("list-types.yaml", "code: case-number", "code: enforcement-court", after: "code: judgment-defaulters");
        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", twice, "code-duplicate");
    }

    [Fact]
    public void An_escalation_to_an_unknown_list_or_to_another_departments_list_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "to: serious-untrustworthy-market", "to: no-such-list", after: "code: abnormal-operations");
        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "reference-unknown");

        _copy.Replace("list-types.yaml", "to: no-such-list", "to: serious-tax-violators", after: "code: abnormal-operations");
        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-escalation-invalid");
    }
}
