using PublicCredit.Catalog;
using PublicCredit.Core.Tests.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Restorations;
using PublicCredit.Time;

namespace PublicCredit.Core.Tests.Restorations;

/// <summary>When restoration is possible (docs/domain.md#publicity-periods, docs/domain.md#objections-and-restoration; ADR 0014 §2), and removal on performance in the life cycle.</summary>
public class RestorationConditionsTests
{
    private static readonly CreditCatalog Catalog = DefaultCatalogTests.LoadDefault();
    private static readonly DateTimeOffset Decided = new(2026, 11, 23, 0, 30, 0, TimeSpan.FromHours(8)); // 2026-11-22 16:30 UTC

    [Theory]
    [InlineData(NegativeGrade.General, "2026-11-20", "2027-02-20")] // three months
    [InlineData(NegativeGrade.Serious, "2026-11-20", "2027-11-20")] // one year
    [InlineData(NegativeGrade.General, "2026-11-30", "2027-02-28")] // month end: the last day of the shorter month
    public void A_record_can_be_restored_once_its_grades_minimum_publicity_has_passed(NegativeGrade grade, string decided, string earliest)
    {
        var day = RestorationConditions.EarliestForRecord(Catalog, "administrative-penalty", grade, DateOnly.Parse(decided, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), day);
    }

    [Fact]
    public void Minor_positive_and_ungraded_information_is_not_restored()
    {
        Assert.Equal("restoration-not-offered", Assert.Throws<DomainException>(() =>
            RestorationConditions.EarliestForRecord(Catalog, "administrative-penalty", NegativeGrade.Minor, new DateOnly(2026, 1, 1))).Code);
        Assert.Equal("restoration-not-offered", Assert.Throws<DomainException>(() =>
            RestorationConditions.EarliestForRecord(Catalog, "administrative-penalty", null, new DateOnly(2026, 1, 1))).Code);
        Assert.Equal("restoration-not-offered", Assert.Throws<DomainException>(() =>
            RestorationConditions.EarliestForRecord(Catalog, "honours", null, new DateOnly(2026, 1, 1))).Code);
    }

    [Fact]
    public void A_designation_counts_from_the_china_date_it_took_effect_with_its_categorys_most_serious_grade()
    {
        // Effective 00:30 China time on the 23rd (still the 22nd in UTC): the year runs from the China date.
        Assert.Equal(new DateOnly(2027, 11, 23), RestorationConditions.EarliestForDesignation(Catalog, "serious-untrustworthy-market", "samr", Decided));
        Assert.Equal(new DateOnly(2027, 2, 23), RestorationConditions.EarliestForDesignation(Catalog, "abnormal-operations", "samr", Decided));
    }

    [Theory]
    [InlineData("judgment-defaulters", "spc")] // a court removes its own listing (ADR 0009 §6)
    [InlineData("a-grade-taxpayers", "sta")] // a red list is an honour
    public void Court_listings_and_red_lists_are_not_restored_through_the_single_window(string listType, string department)
    {
        Assert.Equal("restoration-not-offered", Assert.Throws<DomainException>(() =>
            RestorationConditions.EarliestForDesignation(Catalog, listType, department, Decided)).Code);
    }

    [Fact]
    public void Applying_the_day_before_the_earliest_date_is_refused_with_that_date()
    {
        var refused = Assert.Throws<DomainException>(() => RestorationConditions.RequireReached(new DateOnly(2027, 2, 20), new DateOnly(2027, 2, 19)));
        RestorationConditions.RequireReached(new DateOnly(2027, 2, 20), new DateOnly(2027, 2, 20));

        Assert.Equal((ErrorKind.Invalid, "restoration-too-early"), (refused.Kind, refused.Code));
        Assert.Equal("2027-02-20", refused.Extensions["earliestDate"]);
    }

    [Fact]
    public void Performance_removes_only_an_effective_designation_and_waits_for_an_objection()
    {
        var noticed = DesignationLifecycle.Notice(new DateOnly(2026, 11, 30));
        var effective = DesignationLifecycle.Decide(noticed, "（2026）闽01执决1号", "拒不履行", Decided, IsoDuration.FromYears(2), IsoDuration.FromYears(5), new DateOnly(2026, 12, 1));

        var removed = DesignationLifecycle.RemoveOnPerformance(effective, Decided.AddDays(1));

        Assert.Equal(DesignationStatus.Removed, removed.StatusAt(Decided.AddDays(1)));
        Assert.True(removed.IsClosed);
        Assert.False(removed.IsEnforcedAt(Decided.AddDays(1)));
        Assert.Equal("designation-not-effective", Assert.Throws<DomainException>(() => DesignationLifecycle.RemoveOnPerformance(noticed, Decided)).Code);
        Assert.Equal("designation-objection-open", Assert.Throws<DomainException>(() =>
            DesignationLifecycle.RemoveOnPerformance(DesignationLifecycle.FileObjection(effective), Decided)).Code);
        Assert.Equal("designation-not-effective", Assert.Throws<DomainException>(() => DesignationLifecycle.RemoveOnPerformance(effective, Decided.AddYears(3))).Code);
        Assert.Equal("designation-closed", Assert.Throws<DomainException>(() => DesignationLifecycle.FileObjection(removed)).Code);
        Assert.Equal("designation-closed", Assert.Throws<DomainException>(() => DesignationLifecycle.Revoke(removed)).Code);
    }
}
