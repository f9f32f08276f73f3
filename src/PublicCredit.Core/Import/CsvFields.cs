using System.Buffers;
using System.Text;

namespace PublicCredit.Import;

/// <summary>RFC 4180 fields of one CSV record (already framed and decoded): quoted fields, "" escapes, embedded line breaks.</summary>
public static class CsvFields
{
    public static IReadOnlyList<string?> Split(string record, out string? malformed)
    {
        ArgumentNullException.ThrowIfNull(record);
        malformed = null;
        var fields = new List<string?>();
        var i = 0;
        while (true)
        {
            if (i < record.Length && record[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= record.Length)
                    {
                        malformed = "a quoted field is not closed";
                        return fields;
                    }

                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(record[i++]);
                }

                fields.Add(value.ToString());
                if (i < record.Length && record[i] != ',')
                {
                    malformed = $"text after a closing quote in field {fields.Count}";
                    return fields;
                }
            }
            else
            {
                var end = record.IndexOf(',', i);
                var raw = end < 0 ? record[i..] : record[i..end];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    malformed = $"a quote inside the unquoted field {fields.Count + 1}; quote the field and double the quote";
                    return fields;
                }

                fields.Add(raw);
                i = end < 0 ? record.Length : end;
            }

            if (i >= record.Length)
            {
                return fields;
            }

            i++; // the comma
            if (i == record.Length)
            {
                fields.Add(string.Empty);
                return fields;
            }
        }
    }

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
