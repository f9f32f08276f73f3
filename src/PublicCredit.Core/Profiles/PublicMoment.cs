using System.Globalization;
using System.Text.RegularExpressions;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Subjects;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>
/// The moment a public view shows (ADR 0008): <see cref="Day"/>, the China date publicity periods are judged on
/// (<c>publicUntil</c> is the last public day, inclusive), and <see cref="Instant"/>, the point in time whose record
/// versions are shown. <see cref="IsNow"/>: the time of the request, where only current versions count.
/// </summary>
public sealed partial record PublicMoment(DateTimeOffset Instant, DateOnly Day, bool IsNow)
{
    public const string AsOfField = "asOf";

    public static PublicMoment Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return new PublicMoment(now, ChinaTime.DateOf(now), IsNow: true);
    }

    /// <summary>
    /// <c>?asOf=</c>: a date <c>YYYY-MM-DD</c> (what was public on that China day: the versions as they stood at its
    /// end, or now for today) or an instant with <c>Z</c> or an offset. Not after now: a view of the future would
    /// present a guess as a fact (<c>as-of-in-future</c>); unreadable → <c>as-of-invalid</c>.
    /// </summary>
    public static PublicMoment AsOf(string text, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day < InputRange.Earliest)
            {
                throw InputRange.Refuse(AsOfField, trimmed);
            }

            if (day > today)
            {
                throw InFuture();
            }

            // The last microsecond of that day (storage keeps microseconds, ADR 0004), or now for today.
            var instant = day == today ? now : ChinaTime.StartOf(day.AddDays(1)).AddTicks(-10);
            return new PublicMoment(instant, day, IsNow: false);
        }

        if (InstantPattern().IsMatch(trimmed))
        {
            // Range first (ADR 0027): 0001-01-01T00:00:00+08:00 is well formed but before anything the platform holds.
            var reading = InputRange.ReadInstant(trimmed, out var at);
            if (reading == DateReading.OutOfRange)
            {
                // After the range is after now too: the code a caller already handles.
                var year = int.Parse(trimmed.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
                throw year > InputRange.Latest.Year ? InFuture() : InputRange.Refuse(AsOfField, trimmed);
            }

            if (reading == DateReading.Unreadable)
            {
                throw Unreadable();
            }

            if (at > now)
            {
                throw InFuture();
            }

            var truncated = at.ToUniversalTime().AddTicks(-(at.Ticks % 10));
            return new PublicMoment(truncated, ChinaTime.DateOf(truncated), IsNow: false);
        }

        throw Unreadable();
    }

    /// <summary>
    /// The moment a public endpoint shows to <paramref name="caller"/>: the time of the request for everyone; another
    /// moment (<c>?asOf=</c>) only for staff with an API key (401 without one, 403 for a subject token), since the past
    /// holds records whose publicity has ended and which are no longer anybody's to see (docs/domain.md#publicity-periods).
    /// </summary>
    public static PublicMoment For(Caller caller, string? asOf, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(asOf))
        {
            return Now(clock);
        }

        caller.RequireRole(StaffRoles.All);
        return AsOf(asOf, clock);
    }

    private static DomainException Unreadable() =>
        DomainException.Invalid(AsOfField, SubjectProblemCodes.AsOfInvalid,
            "asOf is a date YYYY-MM-DD or an instant with an offset, e.g. 2026-11-23T09:00:00+08:00.");

    private static DomainException InFuture() =>
        DomainException.Invalid(AsOfField, SubjectProblemCodes.AsOfInFuture, "asOf may not be after now: a view of the future would be a guess.");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
