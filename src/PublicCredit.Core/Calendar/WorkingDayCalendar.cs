using System.Collections.Frozen;
using System.Globalization;
using PublicCredit.Errors;

namespace PublicCredit.Calendar;

/// <summary>
/// Working days per the yearly holiday arrangement (docs/domain.md#deadlines-and-working-days): Monday–Friday, minus public holidays, plus
/// make-up working days (调休) on weekends. The schedule is data (catalog <c>calendar.yaml</c>), not code.
/// </summary>
/// <remarks>
/// <para><b>Ranges.</b> A deadline of <i>n</i> working days after a decision on day D is the <i>n</i>-th working
/// day <em>strictly after</em> D: D itself never counts, whether or not it is a working day.
/// <see cref="WorkingDaysBetween"/> counts working days in the half-open range (from, to] so that
/// <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c>.</para>
/// <para><b>Coverage.</b> A date in a year the calendar does not list is refused with
/// <c>calendar-year-missing</c> rather than guessed: a guessed weekend-only calendar would silently shorten
/// a subject's objection window over an unlisted holiday.</para>
/// </remarks>
public sealed class WorkingDayCalendar
{
    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _makeUpWorkingDays;
    private readonly FrozenDictionary<int, CalendarYear> _years;

    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.OrderBy(y => y.Year).ToList();
        if (list.Select(y => y.Year).Distinct().Count() != list.Count)
        {
            throw new ArgumentException("Each year may appear only once.", nameof(years));
        }

        Years = list;
        _years = list.ToFrozenDictionary(y => y.Year);
        _holidays = list.SelectMany(y => y.Holidays).SelectMany(h => h.Dates()).ToFrozenSet();
        _makeUpWorkingDays = list.SelectMany(y => y.MakeUpWorkingDays).ToFrozenSet();
    }

    /// <summary>The covered years, in order.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    public bool Covers(DateOnly date) => _years.ContainsKey(date.Year);

    /// <summary>The first covered year after <paramref name="year"/>, if any (a loop: it runs for every imported record older than the calendar).</summary>
    public int? FirstCoveredYearAfter(int year)
    {
        foreach (var covered in Years)
        {
            if (covered.Year > year)
            {
                return covered.Year;
            }
        }

        return null;
    }

    /// <summary>Whether the covered year of <paramref name="date"/> is provisional (entered before the State Council's notice).</summary>
    public bool IsProvisional(DateOnly date) => Year(date).Provisional;

    /// <exception cref="DomainException"><c>calendar-year-missing</c> when the year is not covered.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        _ = Year(date);
        if (_makeUpWorkingDays.Contains(date))
        {
            return true;
        }

        return !_holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The <paramref name="count"/>-th working day strictly after <paramref name="start"/>; <paramref name="start"/> itself when the count is 0.</summary>
    /// <exception cref="DomainException"><c>calendar-year-missing</c> when the walk reaches a year that is not covered.</exception>
    public DateOnly AddWorkingDays(DateOnly start, WorkingDays count)
    {
        _ = Year(start);
        var date = start;
        for (var remaining = count.Count; remaining > 0;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <inheritdoc cref="AddWorkingDays(DateOnly, WorkingDays)"/>
    public DateOnly AddWorkingDays(DateOnly start, int count) => AddWorkingDays(start, new WorkingDays(count));

    /// <summary>
    /// The number of working days in (<paramref name="from"/>, <paramref name="to"/>]; negative when
    /// <paramref name="to"/> is before <paramref name="from"/> (then it counts (to, from]).
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        _ = Year(from);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    private CalendarYear Year(DateOnly date) =>
        _years.TryGetValue(date.Year, out var year)
            ? year
            : throw DomainException.Invalid("date", CommonProblemCodes.CalendarYearMissing,
                string.Create(CultureInfo.InvariantCulture,
                    $"The working-day calendar does not cover {date.Year} (covered: {CoveredYears()}); add the State Council's holiday arrangement for that year to the catalog."));

    private string CoveredYears() =>
        Years.Count == 0 ? "none" : string.Join(", ", Years.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)));
}
