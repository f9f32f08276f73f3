namespace PublicCredit.Time;

/// <summary>
/// Legal dates (decision dates, birth dates, deadlines in working days) are dates in China Standard Time, UTC+8
/// all year (no daylight saving), whatever the server's own time zone is.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Today's date in China, from the injected clock.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The China date of an instant (e.g. 2026-11-22T17:00Z is 2026-11-23 in China).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a China date begins (00:00 UTC+8).</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
