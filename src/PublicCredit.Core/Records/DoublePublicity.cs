using PublicCredit.Calendar;

namespace PublicCredit.Records;

/// <summary>
/// The "double publicity" deadline (双公示, docs/domain.md#record-fields): a decision is published within 7 working days of the decision
/// date. A record is <em>late</em> when it reaches the platform after the 7th working day following its decision
/// date — submitting on that 7th working day is on time; submitting on the weekend right after it is late.
/// </summary>
/// <remarks>
/// The working-day calendar covers only the years the State Council has published (catalog <c>calendar.yaml</c>),
/// and it refuses to guess (ADR 0003). The flag is therefore three-valued and decided only when certain:
/// <list type="bullet">
/// <item>submitted within 7 calendar days of the decision: on time whatever the calendar (7 working days never take fewer than 7 days);</item>
/// <item>7 or more working days counted among the <em>covered</em> days between decision and submission: late
/// whatever the uncovered days are (a historic record imported years after its decision is late);</item>
/// <item>every day in between covered and fewer than 7 working days: on time;</item>
/// <item>otherwise unknown (<c>null</c>): counted apart in the statistics, never guessed — and never a reason to
/// refuse a record.</item>
/// </list>
/// </remarks>
public static class DoublePublicity
{
    public const int DeadlineWorkingDays = 7;

    /// <returns>true late, false on time, null when the calendar does not cover enough days to say.</returns>
    public static bool? IsLate(WorkingDayCalendar calendar, DateOnly decisionDate, DateOnly submittedOn)
    {
        ArgumentNullException.ThrowIfNull(calendar);

        // Late ⇔ at least 7 working days lie strictly between the decision and the submission day
        // (then the 7th working day is before the submission day).
        if (submittedOn.DayNumber - decisionDate.DayNumber <= DeadlineWorkingDays)
        {
            return false;
        }

        var counted = 0;
        var complete = true;
        var last = submittedOn.AddDays(-1);
        for (var date = decisionDate.AddDays(1); date <= last;)
        {
            if (!calendar.Covers(date))
            {
                complete = false;
                // Jump to the first day of the next covered year after this date, if any (keeps import of old records fast).
                if (calendar.FirstCoveredYearAfter(date.Year) is not { } next)
                {
                    break;
                }

                date = new DateOnly(next, 1, 1);
                continue;
            }

            if (calendar.IsWorkingDay(date) && ++counted >= DeadlineWorkingDays)
            {
                return true;
            }

            date = date.AddDays(1);
        }

        return complete ? false : null;
    }
}
