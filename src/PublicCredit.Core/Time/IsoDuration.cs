using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PublicCredit.Errors;

namespace PublicCredit.Time;

/// <summary>
/// A calendar duration in ISO-8601 form with date components only: <c>P3Y</c>, <c>P6M</c>, <c>P1Y6M</c>,
/// <c>P90D</c>, <c>P2W</c> (weeks are stored as days). Used for list terms and publicity periods, which are
/// calendar lengths, not elapsed seconds: <c>P1Y</c> from 29 February ends on 28 February.
/// </summary>
/// <remarks>
/// Durations made of months and days have no single length in days, so comparisons against a bound use the
/// <em>longest possible</em> length of each side (<see cref="LongestPossibleDays"/>): <c>P12M</c> is not longer
/// than <c>P1Y</c>, <c>P366D</c> is not longer than <c>P1Y</c> (a leap year), <c>P367D</c> is.
/// Equality is structural: <c>P12M</c> and <c>P1Y</c> are different values of equal length.
/// </remarks>
public readonly partial record struct IsoDuration
{
    // Bounds keep AddYears/AddMonths/AddDays far from overflow; credit terms are a few years at most.
    private const int MaxYears = 1000;
    private const int MaxMonths = MaxYears * 12;
    private const int MaxDays = MaxYears * 366;

    private static readonly ConcurrentDictionary<int, (int Shortest, int Longest)> MonthSpans = new();

    private IsoDuration(int years, int months, int days)
    {
        Years = years;
        Months = months;
        Days = days;
    }

    public int Years { get; }

    public int Months { get; }

    public int Days { get; }

    public bool IsZero => Years == 0 && Months == 0 && Days == 0;

    /// <summary>The most days this duration can span from any start date.</summary>
    public int LongestPossibleDays => MonthSpan(TotalMonths).Longest + Days;

    /// <summary>The fewest days this duration can span from any start date.</summary>
    public int ShortestPossibleDays => MonthSpan(TotalMonths).Shortest + Days;

    private int TotalMonths => (Years * 12) + Months;

    public static IsoDuration Zero => default;

    public static IsoDuration FromYears(int years) => Create(years, 0, 0);

    public static IsoDuration FromMonths(int months) => Create(0, months, 0);

    public static IsoDuration FromDays(int days) => Create(0, 0, days);

    public static IsoDuration Create(int years, int months, int days)
    {
        if (years is < 0 or > MaxYears || months is < 0 or > MaxMonths || days is < 0 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(years), "A duration's components are non-negative and at most 1000 years.");
        }

        return new IsoDuration(years, months, days);
    }

    /// <summary>Parses <c>PnYnMnWnD</c> (each part optional, at least one present, no time part).</summary>
    /// <exception cref="DomainException"><c>duration-invalid</c> for anything else.</exception>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw DomainException.Invalid("duration", CommonProblemCodes.DurationInvalid,
                $"'{text}' is not an ISO-8601 duration such as P3Y, P6M, P1Y6M or P90D.");

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success || (!match.Groups["y"].Success && !match.Groups["m"].Success &&
                                !match.Groups["w"].Success && !match.Groups["d"].Success))
        {
            return false;
        }

        if (!TryPart(match.Groups["y"], MaxYears, out var years) ||
            !TryPart(match.Groups["m"], MaxMonths, out var months) ||
            !TryPart(match.Groups["w"], MaxDays / 7, out var weeks) ||
            !TryPart(match.Groups["d"], MaxDays, out var days) ||
            (weeks * 7) + days > MaxDays)
        {
            return false;
        }

        duration = new IsoDuration(years, months, (weeks * 7) + days);
        return true;
    }

    /// <summary>Adds the duration as calendar arithmetic: years, then months, then days (end-of-month clamps).</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>The start of a period of this duration ending at <paramref name="end"/> (years, months, days back).</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset end) => end.AddYears(-Years).AddMonths(-Months).AddDays(-Days);

    /// <inheritdoc cref="AddTo(DateTimeOffset)"/>
    public DateOnly AddTo(DateOnly start) => start.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>True when this duration can last longer than <paramref name="bound"/> can (longest lengths compared).</summary>
    public bool IsLongerThan(IsoDuration bound) => LongestPossibleDays > bound.LongestPossibleDays;

    /// <summary>True when this duration's longest length is below <paramref name="bound"/>'s longest length.</summary>
    public bool IsShorterThan(IsoDuration bound) => LongestPossibleDays < bound.LongestPossibleDays;

    /// <summary>The canonical ISO-8601 text, e.g. <c>P1Y6M</c>; the zero duration is <c>P0D</c>.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "P0D";
        }

        var text = new StringBuilder("P");
        if (Years > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        }

        if (Months > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Months}M");
        }

        if (Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Days}D");
        }

        return text.ToString();
    }

    private static bool TryPart(Group group, int max, out int value)
    {
        value = 0;
        return !group.Success ||
               (int.TryParse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max);
    }

    // The span of n calendar months depends on where it starts; scan month starts over a full 400-year
    // Gregorian cycle once per n, which covers every combination of month lengths and leap years.
    private static (int Shortest, int Longest) MonthSpan(int months) =>
        months == 0
            ? (0, 0)
            : MonthSpans.GetOrAdd(months, static n =>
            {
                var shortest = int.MaxValue;
                var longest = 0;
                for (var start = new DateOnly(2000, 1, 1); start.Year < 2400; start = start.AddMonths(1))
                {
                    var length = start.AddMonths(n).DayNumber - start.DayNumber;
                    shortest = Math.Min(shortest, length);
                    longest = Math.Max(longest, length);
                }

                return (shortest, longest);
            });

    [GeneratedRegex(@"^P(?:(?<y>\d{1,5})Y)?(?:(?<m>\d{1,6})M)?(?:(?<w>\d{1,6})W)?(?:(?<d>\d{1,6})D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
