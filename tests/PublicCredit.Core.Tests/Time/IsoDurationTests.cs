using PublicCredit.Errors;
using PublicCredit.Time;

namespace PublicCredit.Core.Tests.Time;

public class IsoDurationTests
{
    [Theory]
    [InlineData("P3Y", 3, 0, 0)]
    [InlineData("P2Y", 2, 0, 0)]
    [InlineData("P6M", 0, 6, 0)]
    [InlineData("P1Y6M", 1, 6, 0)]
    [InlineData("P90D", 0, 0, 90)]
    [InlineData("P2W", 0, 0, 14)]
    public void Durations_parse_into_years_months_and_days(string text, int years, int months, int days)
    {
        var duration = IsoDuration.Parse(text);

        Assert.Equal((years, months, days), (duration.Years, duration.Months, duration.Days));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("3Y")]
    [InlineData("p3y")]
    [InlineData("P-1Y")]
    [InlineData("PT12H")]
    [InlineData("P1D2Y")]
    [InlineData("P99999Y")]
    public void Text_that_is_not_a_date_duration_is_refused(string text)
    {
        var error = Assert.Throws<DomainException>(() => IsoDuration.Parse(text));

        Assert.Equal("duration-invalid", error.Code);
    }

    [Theory]
    [InlineData("P1Y6M")]
    [InlineData("P90D")]
    [InlineData("P0D")]
    public void Canonical_text_round_trips(string text) => Assert.Equal(text, IsoDuration.Parse(text).ToString());

    [Fact]
    public void Adding_a_year_to_29_february_ends_on_28_february()
    {
        var start = new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2029, 2, 28, 9, 0, 0, TimeSpan.FromHours(8)), IsoDuration.Parse("P1Y").AddTo(start));
    }

    [Fact]
    public void A_year_and_a_half_is_added_as_years_then_months()
    {
        var start = new DateTimeOffset(2026, 8, 31, 0, 0, 0, TimeSpan.FromHours(8));

        // 2027-08-31 + 6 months = 2028-02-29 (clamped to the end of February in a leap year).
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.FromHours(8)), IsoDuration.Parse("P1Y6M").AddTo(start));
    }

    [Theory]
    [InlineData("P12M", "P1Y", false)] // same longest length (366 days)
    [InlineData("P366D", "P1Y", false)] // a leap year is 366 days
    [InlineData("P367D", "P1Y", true)]
    [InlineData("P36M", "P3Y", false)]
    [InlineData("P3Y1D", "P3Y", true)]
    [InlineData("P92D", "P3M", false)] // three months can last 92 days (July–September)
    [InlineData("P93D", "P3M", true)]
    public void Bounds_are_compared_by_the_longest_possible_length(string value, string bound, bool longer) =>
        Assert.Equal(longer, IsoDuration.Parse(value).IsLongerThan(IsoDuration.Parse(bound)));

    [Fact]
    public void Ninety_days_are_shorter_than_a_three_month_minimum()
    {
        // Three months last up to 92 days, so 90 days could end before three months have passed.
        Assert.True(IsoDuration.Parse("P90D").IsShorterThan(IsoDuration.Parse("P3M")));
        Assert.False(IsoDuration.Parse("P3M").IsShorterThan(IsoDuration.Parse("P3M")));
    }

    [Fact]
    public void Equal_lengths_in_different_units_are_different_values()
    {
        Assert.NotEqual(IsoDuration.Parse("P12M"), IsoDuration.Parse("P1Y"));
        Assert.Equal(IsoDuration.Parse("P1Y"), IsoDuration.FromYears(1));
    }
}
