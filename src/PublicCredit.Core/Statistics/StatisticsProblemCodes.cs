using PublicCredit.Errors;

namespace PublicCredit.Statistics;

/// <summary>The stable problem codes of statistics and their reporting periods (docs/statistics.md): the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("statistics")]
public static class StatisticsProblemCodes
{
    [Problem(422, "to is before from: the period would be empty.")]
    public const string PeriodReversed = "period-reversed";
    [Problem(422, "… is a date YYYY-MM-DD.")]
    public const string PeriodDateInvalid = "period-date-invalid";
}
