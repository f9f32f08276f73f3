using System.Globalization;
using PublicCredit.Calendar;
using PublicCredit.Core.Tests.Catalog;
using PublicCredit.Errors;

namespace PublicCredit.Core.Tests.Calendar;

public class WorkingDayCalendarTests
{
    // The real calendar from catalog/calendar.yaml: 2026 per the State Council notice, 2027 provisional.
    private static readonly WorkingDayCalendar Calendar = DefaultCatalogTests.LoadDefault().Calendar;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Seven_working_days_after_28_September_2026_skip_national_day_and_count_the_make_up_saturday()
    {
        // Mon 28 Sep decision. Tue 29 (1), Wed 30 (2); 1–7 Oct holiday; Thu 8 (3), Fri 9 (4),
        // Sat 10 make-up day (5), Sun 11 off, Mon 12 (6), Tue 13 (7).
        Assert.Equal(D("2026-10-13"), Calendar.AddWorkingDays(D("2026-09-28"), 7));
    }

    [Fact]
    public void Three_working_days_after_the_last_friday_before_spring_festival_land_after_the_holiday()
    {
        // Fri 13 Feb. Sat 14 make-up day (1); 15–23 Feb holiday; Tue 24 (2), Wed 25 (3).
        Assert.Equal(D("2026-02-25"), Calendar.AddWorkingDays(D("2026-02-13"), 3));
    }

    [Fact]
    public void The_decision_day_itself_never_counts()
    {
        // Fri 6 Mar 2026 is an ordinary working day; one working day after it is Mon 9 Mar.
        Assert.Equal(D("2026-03-09"), Calendar.AddWorkingDays(D("2026-03-06"), 1));
        Assert.Equal(D("2026-03-06"), Calendar.AddWorkingDays(D("2026-03-06"), 0));
    }

    [Theory]
    [InlineData("2026-02-14", true)] // Saturday make-up day
    [InlineData("2026-09-20", true)] // Sunday make-up day
    [InlineData("2026-02-16", false)] // Monday in the Spring Festival holiday
    [InlineData("2026-10-07", false)] // Wednesday, last day of National Day
    [InlineData("2026-03-07", false)] // ordinary Saturday
    [InlineData("2026-03-09", true)] // ordinary Monday
    [InlineData("2027-02-08", false)] // provisional 2027: third day of the Spring Festival
    public void Working_days_follow_the_holiday_arrangement(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Fact]
    public void Counting_working_days_between_two_dates_undoes_adding_them()
    {
        for (var start = D("2026-01-01"); start.Year == 2026; start = start.AddDays(1))
        {
            foreach (var n in new[] { 0, 1, 3, 7, 10 })
            {
                var end = Calendar.AddWorkingDays(start, n);
                Assert.Equal(n, Calendar.WorkingDaysBetween(start, end));
                Assert.Equal(-n, Calendar.WorkingDaysBetween(end, start));
            }
        }
    }

    [Fact]
    public void The_national_day_week_holds_seven_working_days_between_28_september_and_13_october() =>
        Assert.Equal(7, Calendar.WorkingDaysBetween(D("2026-09-28"), D("2026-10-13")));

    [Fact]
    public void A_date_in_a_year_the_calendar_does_not_cover_is_refused_not_guessed()
    {
        var error = Assert.Throws<DomainException>(() => Calendar.IsWorkingDay(D("2028-01-03")));

        Assert.Equal("calendar-year-missing", error.Code);
    }

    [Fact]
    public void A_deadline_running_past_the_last_covered_year_is_refused()
    {
        // Thu 30 Dec 2027 → Fri 31 Dec (1), then 2028 is not covered.
        var error = Assert.Throws<DomainException>(() => Calendar.AddWorkingDays(D("2027-12-30"), 5));

        Assert.Equal("calendar-year-missing", error.Code);
    }

    [Fact]
    public void A_negative_number_of_working_days_cannot_exist() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkingDays(-1));

    [Fact]
    public void The_provisional_2027_holidays_fall_on_the_lunar_dates()
    {
        var lunar = new ChineseLunisolarCalendar();
        DateOnly Lunar(int month, int day)
        {
            // Months after a leap month shift by one in .NET's numbering.
            var leap = lunar.GetLeapMonth(2027);
            var index = leap != 0 && month >= leap ? month + 1 : month;
            return DateOnly.FromDateTime(lunar.ToDateTime(2027, index, day, 0, 0, 0, 0));
        }

        var holidays = Calendar.Years.Single(y => y.Year == 2027).Holidays.ToDictionary(h => h.Name.En);

        Assert.Equal(Lunar(1, 1).AddDays(-1), holidays["Spring Festival"].From); // New Year's Eve
        Assert.Equal(Lunar(1, 3), holidays["Spring Festival"].To);
        Assert.Equal(Lunar(5, 5), holidays["Dragon Boat Festival"].From);
        Assert.Equal(Lunar(8, 15), holidays["Mid-Autumn Festival"].From);
        Assert.Equal(D("2027-02-05"), holidays["Spring Festival"].From);
    }

    [Fact]
    public void A_calendar_built_in_code_with_a_make_up_sunday_counts_it()
    {
        var calendar = new WorkingDayCalendar([
            new CalendarYear(2030, false, null,
                [new Holiday(new("测试", "Test"), D("2030-01-01"), D("2030-01-01"))],
                [D("2030-01-06")]),
        ]);

        Assert.False(calendar.IsWorkingDay(D("2030-01-01")));
        Assert.True(calendar.IsWorkingDay(D("2030-01-06")));
        Assert.Equal(D("2030-01-06"), calendar.AddWorkingDays(D("2030-01-04"), 1));
    }
}
