using System.Globalization;
using System.Text.RegularExpressions;
using PublicCredit.Errors;

namespace PublicCredit.Time;

/// <summary>What reading a date or an instant a caller gave came to (<see cref="InputRange"/>).</summary>
public enum DateReading
{
    /// <summary>Readable and inside the range: safe for arithmetic.</summary>
    Read,
    /// <summary>Not a date (or instant) in the expected form: the caller's own <c>…-invalid</c> code.</summary>
    Unreadable,
    /// <summary>A date, but outside <see cref="InputRange"/>: <see cref="InputRange.OutOfRangeCode"/>.</summary>
    OutOfRange,
}

/// <summary>
/// The one range every date and instant a caller gives — a request field, a query value, an import cell, a CLI option —
/// must lie in before any arithmetic is done with it (ADR 0027): from 1949-10-01, the founding of the People's Republic
/// (no legally effective decision of its administrations is older), to 2099-12-31 (China dates; instants from 00:00
/// China time on the first day to before 00:00 after the last). The working-day calendar's years lie inside it (the
/// catalog refuses a calendar that does not), terms and periods added to a date inside it stay far from the ends of
/// <see cref="DateTime"/> and inside the enforcement index's clock, so nothing computed from an input can overflow; a
/// date outside it is a 422 with the field and <see cref="OutOfRangeCode"/>, never a 500.
/// </summary>
public static partial class InputRange
{
    /// <summary>The stable code of a date or instant outside the range (on the field that holds it).</summary>
    public const string OutOfRangeCode = CommonProblemCodes.DateOutOfRange;

    /// <summary>The stable code of a duration that, added to its start, would end after <see cref="Latest"/>.</summary>
    public const string DurationOutOfRangeCode = CommonProblemCodes.DurationOutOfRange;

    /// <summary>1949-10-01: the earliest date the platform accepts.</summary>
    public static readonly DateOnly Earliest = new(1949, 10, 1);

    /// <summary>2099-12-31: the latest date the platform accepts.</summary>
    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>The first instant inside the range: 00:00 China time on <see cref="Earliest"/>.</summary>
    public static DateTimeOffset EarliestInstant { get; } = ChinaTime.StartOf(Earliest);

    /// <summary>The first instant after the range: 00:00 China time the day after <see cref="Latest"/>.</summary>
    public static DateTimeOffset EndInstant { get; } = ChinaTime.StartOf(Latest.AddDays(1));

    /// <summary>The range as people read it, for messages.</summary>
    public static string Text => "1949-10-01 to 2099-12-31 (China time)";

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool Contains(DateTimeOffset instant) => instant >= EarliestInstant && instant < EndInstant;

    /// <summary>Whether <paramref name="start"/> plus <paramref name="duration"/> stays inside the range (a duration is
    /// at most 1000 years, so the sum itself cannot overflow for a start inside the range).</summary>
    public static bool Contains(DateOnly start, IsoDuration duration) =>
        Contains(start) && duration.AddTo(start) <= Latest;

    /// <inheritdoc cref="Contains(DateOnly, IsoDuration)"/>
    public static bool Contains(DateTimeOffset start, IsoDuration duration) =>
        Contains(start) && duration.AddTo(start) < EndInstant;

    /// <summary>The field error for a date or instant outside the range.</summary>
    public static FieldError OutOfRange(string field, string? text) =>
        new(field, OutOfRangeCode, $"{field} '{Shorten(text)}' is outside the dates the platform handles, {Text}.");

    /// <summary>The refusal for a date or instant outside the range (422 on <paramref name="field"/>).</summary>
    public static DomainException Refuse(string field, string? text) =>
        DomainException.Invalid([OutOfRange(field, text)]);

    /// <summary>A calendar date <c>YYYY-MM-DD</c> inside the range.</summary>
    public static DateReading ReadDate(string? text, out DateOnly date)
    {
        if (text is null || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            date = default;
            return DateReading.Unreadable;
        }

        return Contains(date) ? DateReading.Read : DateReading.OutOfRange;
    }

    /// <summary>
    /// An instant with its offset (<c>Z</c> or <c>±hh:mm</c>, e.g. <c>2026-12-01T09:00:00+08:00</c>) or a date
    /// <c>YYYY-MM-DD</c> meaning 00:00 China time that day, inside the range. An instant whose year is readable but
    /// whose value is beyond what <see cref="DateTimeOffset"/> holds (<c>0001-01-01T00:00:00+08:00</c>) is out of
    /// range, not unreadable.
    /// </summary>
    public static DateReading ReadInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null)
        {
            return DateReading.Unreadable;
        }

        var trimmed = text.Trim();
        switch (ReadDate(trimmed, out var date))
        {
            case DateReading.Read:
                instant = ChinaTime.StartOf(date);
                return DateReading.Read;
            case DateReading.OutOfRange:
                return DateReading.OutOfRange;
        }

        var match = InstantPattern().Match(trimmed);
        if (!match.Success)
        {
            return DateReading.Unreadable;
        }

        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
        {
            instant = default;
            // 0001-01-01T00:00+08:00 is a well-formed instant DateTimeOffset cannot hold: outside the range, not garbage.
            var year = int.Parse(match.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            return year < Earliest.Year || year > Latest.Year ? DateReading.OutOfRange : DateReading.Unreadable;
        }

        return Contains(instant) ? DateReading.Read : DateReading.OutOfRange;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^(?<year>\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
