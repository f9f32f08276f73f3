using PublicCredit.Calendar;
using PublicCredit.Catalog;
using PublicCredit.Time;

namespace PublicCredit.Core.Tests.Catalog;

/// <summary>A red list's <c>eligibility</c> (docs/catalog.md, ADR 0042): read from the catalog, refused on a black list,
/// required on a red one, never admitting a subject with an effective black entry, with a readable period.</summary>
public sealed class RedEligibilityCatalogTests : IDisposable
{
    private readonly CatalogCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void The_a_grade_taxpayer_list_admits_no_black_listed_subject_and_none_with_a_serious_record_within_three_years()
    {
        var catalog = _copy.Load().GetCatalogOrThrow();

        var eligibility = catalog.ListTypes["a-grade-taxpayers"].Eligibility;
        Assert.NotNull(eligibility);
        Assert.True(eligibility.NoEffectiveBlack);
        Assert.Equal(IsoDuration.FromYears(3), eligibility.NoSeriousNegativeWithin);
        Assert.Equal(new WorkingDays(10), eligibility.ConflictReview);
        Assert.All(catalog.ListTypes.Where(l => l.Kind == ListKind.Black), l => Assert.Null(l.Eligibility));
    }

    [Fact]
    public void A_black_list_declaring_an_eligibility_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "    reachesResponsiblePersons: true\n    automaticRemoval:\n",
            "    reachesResponsiblePersons: true\n    eligibility:\n      noEffectiveBlack: true\n    automaticRemoval:\n", after: "code: judgment-defaulters");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line + 1, "list-eligibility-on-black");
    }

    [Fact]
    public void A_malformed_clean_period_in_an_eligibility_is_refused_with_its_line()
    {
        var line = _copy.Replace("list-types.yaml", "noSeriousNegativeWithin: P3Y", "noSeriousNegativeWithin: three years", after: "code: a-grade-taxpayers");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "duration-invalid");
    }

    [Fact]
    public void A_red_list_that_would_admit_a_black_listed_subject_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "noEffectiveBlack: true", "noEffectiveBlack: false", after: "code: a-grade-taxpayers");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-eligibility-admits-black");
    }

    [Fact]
    public void A_red_list_without_an_eligibility_is_refused()
    {
        var line = _copy.LineOf("list-types.yaml", "- code: a-grade-taxpayers");
        _copy.Replace("list-types.yaml", "    eligibility:\n      noEffectiveBlack: true\n      noSeriousNegativeWithin: P3Y\n      conflictReviewWorkingDays: 10\n", "",
            after: "code: a-grade-taxpayers");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "list-eligibility-missing");
    }

    [Fact]
    public void A_revoke_or_confirm_period_below_one_working_day_is_refused()
    {
        var line = _copy.Replace("list-types.yaml", "conflictReviewWorkingDays: 10", "conflictReviewWorkingDays: 0", after: "code: a-grade-taxpayers");

        CatalogAssert.HasProblem(_copy.Load(), "list-types.yaml", line, "field-invalid");
    }
}
