namespace PublicCredit.Errors;

/// <summary>The stable problem codes of shared inputs: pages, dates, durations, calendars, JSON members: the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("common")]
public static class CommonProblemCodes
{
    [Problem(422, "Calendar year missing.", Field = "date")]
    public const string CalendarYearMissing = "calendar-year-missing";
    [Problem(422, "'…' is not an ISO-8601 duration such as P3Y, P6M, P1Y6M or P90D.", Field = "duration")]
    public const string DurationInvalid = "duration-invalid";
    [Problem(422, "page is a whole number from 1 to ….")]
    public const string PageInvalid = "page-invalid";
    [Problem(422, "A date outside the range the platform accepts (years 1900 to 2200).")]
    public const string DateOutOfRange = "date-out-of-range";
    [Problem(422, "A duration outside the range the platform accepts.")]
    public const string DurationOutOfRange = "duration-out-of-range";
}
