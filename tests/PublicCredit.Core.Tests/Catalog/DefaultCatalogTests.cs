using PublicCredit.Identifiers;
using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Catalog;

public class DefaultCatalogTests
{
    private static readonly CreditCatalog Catalog = LoadDefault();

    [Fact]
    public void The_default_catalog_loads_without_problems()
    {
        var result = CatalogLoader.Load(CatalogCopy.DefaultDirectory);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void The_default_catalog_carries_the_eleven_national_items_and_the_2022_and_2024_additions()
    {
        // docs/domain.md#the-national-catalog: items 1–11 of the 2021 catalog, compliance (2022), IP and social insurance (2024).
        var nationalItems = Catalog.Categories.Where(c => c.Parent is null).Select(c => c.NationalItem).Order();

        Assert.Equal(Enumerable.Range(1, 14), nationalItems);
        Assert.Contains(Catalog.Categories, c => c.Code == "compliance" && c.NationalItem == 12);
        Assert.Contains(Catalog.Categories, c => c.Code == "intellectual-property");
        Assert.Contains(Catalog.Categories, c => c.Code == "social-insurance");
    }

    [Fact]
    public void Every_category_list_type_and_measure_cites_a_law_and_an_article()
    {
        var citations = Catalog.Categories.SelectMany(c => c.LegalBasis)
            .Concat(Catalog.ListTypes.SelectMany(l => l.LegalBasis))
            .Concat(Catalog.Measures.SelectMany(m => m.LegalBasis))
            .ToList();

        Assert.All(Catalog.Categories, c => Assert.NotEmpty(c.LegalBasis));
        Assert.All(Catalog.ListTypes, l => Assert.NotEmpty(l.LegalBasis));
        Assert.All(Catalog.Measures, m => Assert.NotEmpty(m.LegalBasis));
        Assert.All(citations, b => Assert.Matches("^第.+(条|项)$", b.Article));
    }

    [Fact]
    public void The_default_catalog_has_enough_departments_matters_lists_measures_and_memoranda()
    {
        Assert.True(Catalog.Departments.Count >= 8);
        Assert.Contains(Catalog.Departments, d => d.Kind == DepartmentKind.NonGovernment);
        Assert.True(Catalog.Matters.Count >= 10);
        Assert.True(Catalog.ListTypes.Count >= 4);
        Assert.True(Catalog.Measures.Count(m => m.Kind == MeasureKind.Disciplinary) >= 14);
        Assert.True(Catalog.Measures.Count(m => m.Kind == MeasureKind.Incentive) >= 4);
        Assert.True(Catalog.Memoranda.Count >= 3);
    }

    [Fact]
    public void Judgment_defaulters_are_listed_for_two_years_extendable_and_removed_within_three_working_days_of_payment()
    {
        var list = Catalog.ListTypes["judgment-defaulters"];

        Assert.Equal(ListKind.Black, list.Kind);
        Assert.Equal(["spc"], list.DesignatingDepartments);
        Assert.Equal("P2Y", list.DefaultTerm.ToString());
        // docs/domain.md#lists: 2 years + up to 3 more; the extension stands on its own legal basis.
        Assert.Equal("P5Y", list.MaxTerm.ToString());
        Assert.NotEmpty(list.TermLegalBasis);
        Assert.Equal(new AutomaticRemoval(RemovalTrigger.ObligationPerformed, new(3)), list.AutomaticRemoval);
    }

    [Fact]
    public void Objections_are_reviewed_within_ten_working_days_no_slower_than_a_restoration_is_decided()
    {
        // docs/domain.md#objections-and-restoration gives no review period; the catalog's platform default matches NDRC Order 36's 10 working days (ADR 0013).
        Assert.Equal(10, Catalog.ObjectionReview.Count);
    }

    [Fact]
    public void Government_procurement_restriction_cites_article_22_of_the_procurement_law()
    {
        var measure = Catalog.Measures["restrict-government-procurement"];

        Assert.Equal("《中华人民共和国政府采购法》第二十二条", measure.LegalBasis[0].ToString());
        Assert.Equal(Binding.Mandatory, measure.Binding);
        Assert.Equal("mof", measure.ImplementingDepartment);
    }

    [Fact]
    public void Measures_implemented_by_non_government_bodies_are_only_recommended()
    {
        var byMarketBodies = Catalog.Measures
            .Where(m => Catalog.Departments[m.ImplementingDepartment].Kind == DepartmentKind.NonGovernment)
            .ToList();

        Assert.NotEmpty(byMarketBodies);
        Assert.All(byMarketBodies, m => Assert.Equal(Binding.Recommended, m.Binding));
    }

    [Fact]
    public void The_green_channel_serves_organisations_clean_for_three_years_in_licensing_matters()
    {
        // Seed 000 §(4): no negative record for three consecutive years.
        var green = Assert.Single(Catalog.GreenChannelMeasures);

        Assert.Equal(MeasureKind.Incentive, green.Kind);
        Assert.Equal("P3Y", green.GreenChannel!.CleanPeriod.ToString());
        Assert.Equal([SubjectKind.Organisation], green.GreenChannel.SubjectKinds);
        // A registration record's decisionDate is the date of establishment (docs/domain.md#record-fields).
        Assert.Equal(["registration"], green.GreenChannel.EstablishedBy);
        Assert.Contains("market-access", green.Matters);
    }

    [Fact]
    public void The_a_grade_taxpayer_memorandum_links_the_red_list_to_incentives_only()
    {
        var memo = Assert.Single(Catalog.MemorandaFor("a-grade-taxpayers"));

        Assert.Equal("发改财金〔2016〕1467号", memo.Document.Number);
        Assert.All(memo.Measures, code => Assert.Equal(MeasureKind.Incentive, Catalog.Measures[code].Kind));
    }

    [Fact]
    public void The_calendar_covers_2026_from_the_State_Council_notice_and_2027_provisionally()
    {
        Assert.Equal([2026, 2027], Catalog.Calendar.Years.Select(y => y.Year));
        Assert.False(Catalog.Calendar.IsProvisional(new DateOnly(2026, 6, 1)));
        Assert.True(Catalog.Calendar.IsProvisional(new DateOnly(2027, 6, 1)));
        Assert.Empty(Catalog.Calendar.Years[1].MakeUpWorkingDays);
    }

    internal static CreditCatalog LoadDefault() => CatalogLoader.Load(CatalogCopy.DefaultDirectory).GetCatalogOrThrow();
}
