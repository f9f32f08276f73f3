using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicCredit.Storage;

/// <summary>
/// Stores an instant as fixed-width UTC text (<c>2026-11-23T10:53:03.1234567Z</c>): readable in the database, and
/// ordinal text order equals time order, so comparisons and ORDER BY work in SQLite.
/// </summary>
public sealed class UtcInstantTextConverter() : ValueConverter<DateTimeOffset, string>(
    v => Format(v),
    v => ParseText(v))
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseText(string value) =>
        new(DateTime.ParseExact(value, Pattern, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}

/// <summary>Stores every instant in UTC (all instants are UTC in storage, on every provider).</summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
