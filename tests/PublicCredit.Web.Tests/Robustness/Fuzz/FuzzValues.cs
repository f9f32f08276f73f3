using System.Globalization;
using System.Text;

namespace PublicCredit.Web.Tests.Robustness.Fuzz;

/// <summary>
/// A JSON value written as raw text, so the fuzz can send what a serializer never would: lone surrogate escapes,
/// numbers beyond any .NET type, nesting thousands deep.
/// </summary>
internal sealed record RawJson(string Text);

/// <summary>
/// The malformed values the fuzz sends: dates at and beyond the edges of what .NET and the platform hold, impossible
/// dates, durations out of any bound, wrong types, huge numbers, very long strings, unicode that breaks naive code (lone
/// surrogates, NUL, bidi overrides), deep nesting. Each is drawn from a seeded <see cref="Random"/>, so a run repeats.
/// </summary>
internal static class FuzzValues
{
    public static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "2026-02-30", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-11-31",
        "1949-09-30", "1949-10-01", "2099-12-31", "2100-01-01", "0000-00-00", "-0001-01-01", "+10000-01-01", "10000-01-01",
        "2026-11-23", "2026-11-20", "2026-11-24", "2027-11-23", "2026-1-1", "20261123", "2026/11/23", "23.11.2026",
        "２０２６-１１-２３", "2026-11-23\u0000", " 2026-11-23 ", "2026-11-23T09:00:00+08:00", "2026-11-23T25:00:00Z",
        "0001-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59-08:00",
        "9999-12-31T23:59:59.9999999+14:00", "9999-12-31T23:59:59.9999999Z", "2026-11-23T09:00:00+15:00",
        "2026-11-23T09:00:00+99:99", "2026-11-23T09:00", "2026-11-23 09:00:00", "2026-11-23T09:00:00.123456789Z",
        "1900-01-01T00:00:00Z", "2100-01-01T00:00:00+08:00", "2099-12-31T16:00:00Z", "1949-09-30T16:00:00Z",
        "today", "now", "yesterday", "null", "", "-", "2026-W48-1", "2026-327", "P1Y", "NaN", "Infinity",
    ];

    public static readonly string[] Durations =
    [
        "P9999Y", "P1000Y", "P1001Y", "P99999Y", "P-1D", "P-1Y", "P0D", "P0Y", "P", "PT", "PT1H", "P1DT1H", "P1Y2M3W4D",
        "P999999D", "P366000D", "P366001D", "P12000M", "P12001M", "P52285W", "P1Y", "P2Y", "P3Y", "P5Y", "P6M", "P90D",
        "P1.5Y", "p1y", "P１Y", "1Y", "P1Y ", " P1Y", "P1Y\u0000", "P00000000000000001Y", "P99Y99M99W99D", "-P1Y",
        "P2147483648D", "P9223372036854775808Y", "", "forever", "null",
    ];

    public static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1", "0.1", "12.5", "-12.5", "1e308", "-1e308", "1e999", "-1e999", "1E-400", "5e-324",
        "123456789012345678901234567890", "-123456789012345678901234567890", "79228162514264337593543950336",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "4294967296",
        "0.0000000000000000000000000000001", "1.7976931348623157e308", "100000000000000000000000000000000000000000",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "\t", "x", "null", "true", "0", "-1", "../../etc/passwd", "%00", "%2F", "<script>alert(1)</script>",
        "' OR 1=1 --", "\"; DROP TABLE records; --", "${jndi:ldap://x}", "{{7*7}}", "\u202Eevil\u202C", "\uFEFFbom",
        "\u200B", "é", "e\u0301", "Ａ", "😀", "𠀀", "福州示例食品有限公司", "91350100M000100Y43", "91350100m000100y43",
        "９１３５０１００Ｍ０００１００Ｙ４３", "11010519491231002X", "11010519491231002x", "110105194912310021",
        "000000000000000000", "samr", "ndrc", "admin", "platform-admin", "recorder", "reviewer", "checker", "auditor",
        "serious-untrustworthy-market", "judgment-defaulters", "administrative-penalty", "general", "serious",
        "air-ticket", "government-procurement", "restrict-government-procurement", "upheld", "rejected", "open",
        "accepted", "granted", "legal-representative", "organisation", "individual", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "\uFFFF\uFFFE", "a\uFFFFb", "{00000000-0000-0000-0000-000000000000}", "pck_x", "pcs_x",
    ];

    /// <summary>Any malformed JSON value: a date, a duration, a number, a string, a wrong type or deep nesting.</summary>
    public static object? Any(Random random) => random.Next(12) switch
    {
        0 or 1 => Dates[random.Next(Dates.Length)],
        2 => Durations[random.Next(Durations.Length)],
        3 => new RawJson(Numbers[random.Next(Numbers.Length)]),
        4 or 5 => Text(random),
        6 => random.Next(4) switch { 0 => null, 1 => new RawJson("true"), 2 => new RawJson("false"), _ => new RawJson("{}") },
        7 => new RawJson(random.Next(2) == 0 ? "[]" : "[" + Quote(Dates[random.Next(Dates.Length)]) + ",null,1e999]"),
        8 => Unicode(random),
        9 => LongText(random),
        10 => Nested(random),
        _ => new RawJson(random.Next(2) == 0 ? "{\"id\":null,\"name\":{}}" : "[{\"id\":[]}]"),
    };

    /// <summary>A short hostile or near-valid string.</summary>
    public static string Text(Random random) => Strings[random.Next(Strings.Length)];

    /// <summary>Escapes a serializer would never produce: lone surrogates, NUL, non-characters.</summary>
    public static RawJson Unicode(Random random) => new(random.Next(8) switch
    {
        0 => "\"\\ud800\"",
        1 => "\"abc\\udfff\"",
        2 => "\"\\u0000\"",
        3 => "\"2026-11-\\u0000 23\"",
        4 => "\"\\ud83d\\ude00\\ud800\"",
        5 => "\"\\uffff\\ufffe\"",
        6 => "\"P1Y\\ud800\"",
        _ => "\"\\u001b[31m\\u0007\"",
    });

    /// <summary>Strings far beyond any field's limit (up to 300,000 characters).</summary>
    public static string LongText(Random random, int max = int.MaxValue)
    {
        var length = Math.Min(max, random.Next(30) switch { < 15 => 257, < 24 => 10_001, < 29 => 70_000, _ => 300_000 });
        var unit = random.Next(3) switch { 0 => "a", 1 => "信", _ => "😀" };
        var text = new StringBuilder(length * unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString();
    }

    /// <summary>Arrays or objects nested up to 5000 deep (System.Text.Json refuses beyond 64 by default).</summary>
    public static RawJson Nested(Random random)
    {
        var depth = random.Next(3) switch { 0 => 63, 1 => 65, _ => 5000 };
        var asObjects = random.Next(2) == 0;
        var text = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++)
        {
            text.Append(asObjects ? "{\"a\":" : "[");
        }

        text.Append('1');
        for (var i = 0; i < depth; i++)
        {
            text.Append(asObjects ? '}' : ']');
        }

        return new RawJson(text.ToString());
    }

    /// <summary>A value for a query string or form field (already decoded; the caller escapes it or not).</summary>
    public static string Query(Random random) => random.Next(10) switch
    {
        0 or 1 or 2 => Dates[random.Next(Dates.Length)],
        3 => Durations[random.Next(Durations.Length)],
        4 => Numbers[random.Next(Numbers.Length)],
        5 => LongText(random, random.Next(1, 6000)),
        6 => "\uD800x",
        _ => Text(random),
    };

    /// <summary>JSON text of a string, escaping only what JSON requires (other characters are written as they are).</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case < ' ': text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        // Keep surrogates as escapes so the UTF-8 body carries them exactly (pairs and lone ones alike).
                        text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Writes a tree of dictionaries, lists, strings, numbers and <see cref="RawJson"/> as JSON text.</summary>
    public static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null: text.Append("null"); break;
            case RawJson raw: text.Append(raw.Text); break;
            case string s: text.Append(Quote(s)); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case int or long or decimal: text.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case List<KeyValuePair<string, object?>> fields:
                text.Append('{');
                for (var i = 0; i < fields.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(Quote(fields[i].Key)).Append(':');
                    Write(text, fields[i].Value);
                }

                text.Append('}');
                break;
            case List<object?> items:
                text.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, items[i]);
                }

                text.Append(']');
                break;
            default: throw new ArgumentException($"Cannot write {value.GetType()}", nameof(value));
        }
    }
}
