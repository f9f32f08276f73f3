using PublicCredit.Records;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Records;

/// <summary>
/// Double publicity (docs/domain.md#record-fields): decisions reach the platform within 7 working days (catalog calendar, docs/domain.md#deadlines-and-working-days);
/// later submissions are flagged late. The calendar covers 2026 (State Council notice) and 2027 (provisional).
/// </summary>
public class DoublePublicityTests
{
    private static bool? IsLate(string decided, string submitted) =>
        DoublePublicity.IsLate(DefaultCatalog.Calendar, D(decided), D(submitted));

    // Decision Mon 2026-09-28 (catalog/calendar.yaml): Tue 29 Sep (1), Wed 30 Sep (2); 1–7 Oct National Day holiday;
    // Thu 8 Oct (3), Fri 9 Oct (4), Sat 10 Oct make-up working day (5), Sun 11 Oct off, Mon 12 Oct (6),
    // Tue 13 Oct (7). The 7th working day is 13 October.
    [Theory]
    [InlineData("2026-09-30", false)]
    [InlineData("2026-10-07", false)] // last holiday day
    [InlineData("2026-10-10", false)] // the make-up Saturday
    [InlineData("2026-10-13", false)] // the 7th working day itself is on time
    [InlineData("2026-10-14", true)]
    [InlineData("2026-11-23", true)]
    public void A_decision_before_national_day_is_on_time_until_13_october(string submitted, bool late) =>
        Assert.Equal(late, IsLate("2026-09-28", submitted));

    [Fact]
    public void Without_holidays_the_deadline_is_seven_weekdays()
    {
        // Mon 2 Nov 2026: 3,4,5,6 (4), 9,10,11 (7) → Wed 11 Nov.
        Assert.Equal(false, IsLate("2026-11-02", "2026-11-11"));
        Assert.Equal(true, IsLate("2026-11-02", "2026-11-12"));
    }

    [Fact]
    public void Submitting_on_the_weekend_after_the_seventh_working_day_is_late()
    {
        // Fri 13 Nov 2026: 16–20 (5), 23 (6), 24 (7) → Tue 24 Nov.
        Assert.Equal(false, IsLate("2026-11-13", "2026-11-24"));
        // Thu 5 Nov: 6 (1), 9–13 (6), 16 (7) → Mon 16 Nov; Sat 14 Nov is before it, on time.
        Assert.Equal(false, IsLate("2026-11-05", "2026-11-14"));
        // Tue 3 Nov: 4,5,6 (3), 9–12 (7) → Thu 12 Nov; Sat 14 Nov is after it: late.
        Assert.Equal(true, IsLate("2026-11-03", "2026-11-14"));
    }

    [Fact]
    public void A_decision_in_a_year_the_calendar_does_not_cover_is_late_when_the_covered_days_alone_exceed_the_deadline()
    {
        // 2025 is not in the calendar, but January 2026 alone holds more than 7 working days.
        Assert.Equal(true, IsLate("2025-06-01", "2026-11-23"));
    }

    [Fact]
    public void A_decision_in_an_uncovered_year_submitted_within_seven_calendar_days_is_on_time_whatever_the_calendar()
    {
        // Seven working days never take fewer than seven days.
        Assert.Equal(false, IsLate("2025-12-29", "2026-01-05"));
    }

    [Fact]
    public void A_decision_in_an_uncovered_year_is_unknown_when_the_covered_days_cannot_decide()
    {
        // Covered: 2026-01-01..03 holiday, Sun 4 Jan make-up day (1), Mon 5 Jan (2): 2 working days, and the
        // 2025 days in between are unknown — the flag is not guessed.
        Assert.Null(IsLate("2025-12-20", "2026-01-06"));
    }

    [Fact]
    public void A_submission_after_the_last_covered_year_is_late_when_the_covered_days_suffice_and_unknown_otherwise()
    {
        // Tue 21 Dec 2027 … Fri 31 Dec 2027 holds 9 working days (2027 provisional, no holiday then).
        Assert.Equal(true, IsLate("2027-12-20", "2028-01-10"));
        // Thu 30 Dec, Fri 31 Dec: 2 working days covered; 2028 unknown.
        Assert.Null(IsLate("2027-12-29", "2028-01-10"));
    }

    [Fact]
    public void A_decision_years_before_the_calendar_is_judged_without_walking_every_day()
    {
        // A historic record imported today: the walk jumps to the first covered year.
        Assert.Equal(true, IsLate("1999-01-04", "2026-11-23"));
    }
}
