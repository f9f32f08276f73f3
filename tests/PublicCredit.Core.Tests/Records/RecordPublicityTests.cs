using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Records;

/// <summary>
/// Publicity periods (docs/domain.md#publicity-periods, 国办发〔2025〕22号; ADR 0006): counted from the decision date, publicUntil is the last
/// day inclusive, bounded by the catalog grade's min and max.
/// </summary>
public class RecordPublicityTests
{
    [Fact]
    public void A_general_penalty_is_public_for_the_catalog_default_of_one_year_counted_from_the_decision_date()
    {
        var record = Valid(Penalty() with { DecisionDate = "2026-09-28" });

        // One year from 2026-09-28 ends before 2027-09-28: the last public day is 2027-09-27.
        Assert.Equal(D("2027-09-27"), record.PublicUntil);
        Assert.True(record.Published);
    }

    [Fact]
    public void A_serious_penalty_defaults_to_three_years()
    {
        var record = Valid(Penalty() with { Severity = "serious", DecisionDate = "2026-03-01" });

        Assert.Equal(D("2029-02-28"), record.PublicUntil);
    }

    [Fact]
    public void Publication_stops_at_midnight_china_time_after_the_last_day()
    {
        var endsAt = RecordPublicity.EndsAt(D("2027-09-27"));

        Assert.Equal(new DateTimeOffset(2027, 9, 28, 0, 0, 0, TimeSpan.FromHours(8)), endsAt);
        Assert.Equal(new DateTimeOffset(2027, 9, 27, 16, 0, 0, TimeSpan.Zero), endsAt.ToUniversalTime());
    }

    [Fact]
    public void A_minor_penalty_is_not_published_and_has_no_publicity_period()
    {
        var record = Valid(Penalty() with { Severity = "minor" });

        Assert.False(record.Published);
        Assert.Null(record.PublicUntil);
    }

    [Fact]
    public void A_minor_penalty_refuses_a_public_until_because_it_is_never_published()
    {
        var result = Validate(Penalty() with { Severity = "minor", PublicUntil = "2026-12-31" });

        var error = Assert.Single(result.Errors);
        Assert.Equal(("publicUntil", "record-public-until-not-applicable"), (error.Field, error.Code));
    }

    [Fact]
    public void An_individuals_penalty_is_not_published_because_the_category_keeps_individuals_private()
    {
        var record = Valid(Penalty() with { SubjectId = PersonId, SubjectName = "李四" });

        Assert.Equal(SubjectKind.Individual, record.Subject.Kind);
        Assert.False(record.Published);
        // The period is still a legal fact (restoration, archive); only publication is withheld.
        Assert.Equal(D("2027-09-27"), record.PublicUntil);
    }

    [Fact]
    public void An_individual_judgment_defaulter_is_published_because_the_category_says_so()
    {
        var record = Valid(Penalty() with
        {
            Category = "court-enforcement", SubjectId = PersonId, SubjectName = "李四", Severity = "serious",
        });

        Assert.True(record.Published);
        Assert.Equal(D("2028-09-27"), record.PublicUntil); // default P2Y
    }

    [Fact]
    public void A_licence_public_while_valid_has_no_end_unless_the_department_sets_one()
    {
        Assert.Null(Valid(Licence()).PublicUntil);
        Assert.Equal(D("2031-11-01"), Valid(Licence() with { PublicUntil = "2031-11-01" }).PublicUntil);
    }

    [Fact]
    public void A_neutral_category_with_a_fixed_period_gets_that_period_and_no_longer()
    {
        var input = Licence() with { Category = "contract-performance", DecisionDate = "2026-01-15" };

        Assert.Equal(D("2029-01-14"), Valid(input).PublicUntil); // P3Y
        var tooLong = Validate(input with { PublicUntil = "2029-01-15" });
        Assert.Equal("record-public-until-too-late", Assert.Single(tooLong.Errors).Code);
    }

    [Fact]
    public void The_maximum_is_the_last_day_of_the_catalog_maximum_and_one_day_more_is_refused()
    {
        // general: max P1Y from 2026-09-28 → last day 2027-09-27.
        Assert.Equal(D("2027-09-27"), Valid(Penalty() with { PublicUntil = "2027-09-27" }).PublicUntil);

        var result = Validate(Penalty() with { PublicUntil = "2027-09-28" });

        var error = Assert.Single(result.Errors);
        Assert.Equal(("publicUntil", "record-public-until-too-late"), (error.Field, error.Code));
        Assert.Contains("2027-09-27", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_general_penalty_must_stay_public_for_at_least_three_months()
    {
        // general: min P3M from 2026-09-28 → earliest last day 2026-12-27.
        Assert.Equal(D("2026-12-27"), Valid(Penalty() with { PublicUntil = "2026-12-27" }).PublicUntil);

        var result = Validate(Penalty() with { PublicUntil = "2026-12-26" });

        Assert.Equal("record-public-until-too-early", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Public_until_may_not_precede_the_decision_date()
    {
        var result = Validate(Licence() with { PublicUntil = "2026-11-01" });

        Assert.Equal("record-public-until-too-early", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void A_period_from_29_february_ends_the_day_before_its_anniversary()
    {
        var window = RecordPublicity.Window(DefaultCatalog.Categories["administrative-penalty"], NegativeGrade.General, D("2028-02-29"));

        // 2028-02-29 + P1Y = 2029-02-28 (clamped); the last public day is the day before.
        Assert.Equal(D("2029-02-27"), window.Latest);
        Assert.Equal(D("2028-05-28"), window.Earliest);
    }
}
