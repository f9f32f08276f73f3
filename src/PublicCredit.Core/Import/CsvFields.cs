using System.Buffers;
using System.Globalization;
using System.Text;

namespace PublicCredit.Import;

/// <summary>RFC 4180 fields of one CSV record (already framed and decoded): quoted fields, "" escapes, embedded line breaks.</summary>
public static class CsvFields
{
    public static IReadOnlyList<string?> Split(string record, out string? malformed)
    {
        ArgumentNullException.ThrowIfNull(record);
        var fields = new List<string?>();
        Split(Encoding.UTF8.GetBytes(record), fields, out malformed);
        return fields;
    }

    /// <summary>
    /// The same on the record's UTF-8 bytes (already checked to be UTF-8), into <paramref name="fields"/> (cleared
    /// first): each field is decoded once, the record never as a whole (an import reads a million records; ADR 0025).
    /// Quotes and commas are ASCII, so splitting bytes finds the same fields as splitting text.
    /// </summary>
    public static void Split(ReadOnlySpan<byte> record, List<string?> fields, out string? malformed)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        malformed = null;
        var i = 0;
        while (true)
        {
            if (i < record.Length && record[i] == (byte)'"')
            {
                i++;
                var closing = ClosingQuote(record, i);
                if (closing < 0)
                {
                    malformed = "a quoted field is not closed";
                    return;
                }

                fields.Add(Unescape(record[i..closing]));
                i = closing + 1;
                if (i < record.Length && record[i] != (byte)',')
                {
                    malformed = string.Create(CultureInfo.InvariantCulture, $"text after a closing quote in field {fields.Count}");
                    return;
                }
            }
            else
            {
                var length = record[i..].IndexOf((byte)',');
                var raw = length < 0 ? record[i..] : record.Slice(i, length);
                if (raw.Contains((byte)'"'))
                {
                    malformed = string.Create(CultureInfo.InvariantCulture, $"a quote inside the unquoted field {fields.Count + 1}; quote the field and double the quote");
                    return;
                }

                fields.Add(Encoding.UTF8.GetString(raw));
                i += raw.Length;
            }

            if (i >= record.Length)
            {
                return;
            }

            i++; // the comma
            if (i == record.Length)
            {
                fields.Add(string.Empty);
                return;
            }
        }
    }

    /// <summary>Where the quoted field starting at <paramref name="from"/> closes: the first quote not doubled; -1 if none.</summary>
    private static int ClosingQuote(ReadOnlySpan<byte> record, int from)
    {
        var i = from;
        while (true)
        {
            var quote = record[i..].IndexOf((byte)'"');
            if (quote < 0)
            {
                return -1;
            }

            i += quote;
            if (i + 1 < record.Length && record[i + 1] == (byte)'"')
            {
                i += 2;
                continue;
            }

            return i;
        }
    }

    /// <summary>A quoted field's content with each doubled quote as one.</summary>
    private static string Unescape(ReadOnlySpan<byte> quoted) =>
        Encoding.UTF8.GetString(quoted).Replace("\"\"", "\"", StringComparison.Ordinal); // the same string when there is none

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>One field written for CSV: quoted when it holds a comma, quote or line break (RFC 4180 §2.6–2.7).</summary>
    public static void Write(TextWriter writer, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!value.AsSpan().ContainsAny(NeedsQuotes))
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>The same, as a string.</summary>
    public static string Quote(string? value)
    {
        using var writer = new StringWriter();
        Write(writer, value);
        return writer.ToString();
    }
}
