using PublicCredit.Errors;
using PublicCredit.Statistics;

namespace PublicCredit.Core.Tests.Statistics;

/// <summary>A statistics period (ADR 0020): China dates, both inclusive, either open; refused when it is not one.</summary>
public sealed class ReportingPeriodTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void A_period_runs_from_midnight_China_time_of_its_first_day_to_midnight_after_its_last()
    {
        var period = ReportingPeriod.Parse(" 2026-11-01 ", "2026-11-30");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, China), period.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, China), period.EndsBefore);
        Assert.True(period.Contains(new DateOnly(2026, 11, 1)) && period.Contains(new DateOnly(2026, 11, 30)));
        Assert.False(period.Contains(new DateOnly(2026, 10, 31)) || period.Contains(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void Empty_bounds_leave_the_period_open_and_one_day_is_a_period()
    {
        Assert.True(ReportingPeriod.Parse(null, " ").IsAll);
        Assert.Null(ReportingPeriod.Parse("2026-11-01", null).EndsBefore);
        Assert.True(ReportingPeriod.Parse("2026-11-23", "2026-11-23").Contains(new DateOnly(2026, 11, 23)));
    }

    [Theory]
    [InlineData("2026-02-30", null, "from", "period-date-invalid")]
    [InlineData("2026/11/01", null, "from", "period-date-invalid")]
    [InlineData(null, "2026-11-1", "to", "period-date-invalid")]
    [InlineData("2026-11-02", "2026-11-01", "to", "period-reversed")]
    public void A_date_that_is_not_one_or_a_reversed_period_is_refused_on_its_field(string? from, string? to, string field, string code)
    {
        var error = Assert.Throws<DomainException>(() => ReportingPeriod.Parse(from, to));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal([(field, code)], error.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Both_dates_wrong_are_both_reported()
    {
        var error = Assert.Throws<DomainException>(() => ReportingPeriod.Parse("x", "y"));

        Assert.Equal(["from", "to"], error.Errors.Select(e => e.Field));
    }
}
