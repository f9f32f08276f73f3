using PublicCredit.Text;

namespace PublicCredit.Calendar;

/// <summary>A named public holiday: every date from <see cref="From"/> to <see cref="To"/>, both inclusive, is a day off.</summary>
public sealed record Holiday(LocalizedText Name, DateOnly From, DateOnly To)
{
    public IEnumerable<DateOnly> Dates()
    {
        for (var date = From; date <= To; date = date.AddDays(1))
        {
            yield return date;
        }
    }
}

/// <summary>
/// One year of the State Council's holiday arrangement (docs/domain.md#deadlines-and-working-days): holidays and make-up working days (调休).
/// <see cref="Provisional"/> marks a year entered from the statutory holidays before the notice is published.
/// </summary>
public sealed record CalendarYear(
    int Year,
    bool Provisional,
    string? Source,
    IReadOnlyList<Holiday> Holidays,
    IReadOnlyList<DateOnly> MakeUpWorkingDays);
