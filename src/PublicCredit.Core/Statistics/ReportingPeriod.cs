using System.Globalization;
using PublicCredit.Errors;
using PublicCredit.Time;

namespace PublicCredit.Statistics;

/// <summary>
/// The period a statistic covers (<c>?from=&amp;to=</c>, ADR 0020): China dates, both inclusive, either open. Checks
/// count when they were made (their inquiry's instant, judged on the China date — docs/domain.md#deadlines-and-working-days dates are China dates),
/// records by their decision date, since the 7-working-day double-publicity deadline runs from it (docs/domain.md#record-fields).
/// </summary>
public sealed record ReportingPeriod(DateOnly? From, DateOnly? To)
{
    public const string FromField = "from";
    public const string ToField = "to";

    /// <summary>No bounds: everything, as the statistics were before periods existed.</summary>
    public static ReportingPeriod All { get; } = new(null, null);

    public bool IsAll => From is null && To is null;

    /// <summary>The first instant inside the period (00:00 China time of <see cref="From"/>), or null when open.</summary>
    public DateTimeOffset? StartsAt => From is { } from ? ChinaTime.StartOf(from) : null;

    /// <summary>The first instant after the period (00:00 China time the day after <see cref="To"/>), or null when open.</summary>
    public DateTimeOffset? EndsBefore => To is { } to ? ChinaTime.StartOf(to.AddDays(1)) : null;

    public bool Contains(DateOnly day) => (From is null || day >= From) && (To is null || day <= To);

    /// <summary>
    /// Reads the query values: empty means open; each is <c>YYYY-MM-DD</c> (<c>period-date-invalid</c> on its field);
    /// <c>from</c> after <c>to</c> is a period with nothing in it, refused rather than answered with zeros
    /// (<c>period-reversed</c> on <c>to</c>), so a swapped pair is not read as "no activity".
    /// </summary>
    public static ReportingPeriod Parse(string? from, string? to)
    {
        var errors = new List<FieldError>();
        var start = Read(from, FromField, errors);
        var end = Read(to, ToField, errors);
        if (errors.Count == 0 && start is { } s && end is { } e && s > e)
        {
            errors.Add(new FieldError(ToField, StatisticsProblemCodes.PeriodReversed, "to is before from: the period would be empty."));
        }

        return errors.Count > 0 ? throw DomainException.Invalid(errors) : new ReportingPeriod(start, end);
    }

    private static DateOnly? Read(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        switch (InputRange.ReadDate(text, out var day))
        {
            case DateReading.Read:
                return day;
            case DateReading.OutOfRange:
                // Refused before the period's instants are computed (ADR 0027).
                errors.Add(InputRange.OutOfRange(field, text.Trim()));
                return null;
            default:
                errors.Add(new FieldError(field, StatisticsProblemCodes.PeriodDateInvalid, $"{field} is a date YYYY-MM-DD."));
                return null;
        }
    }
}
