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

    /// <summary>One field written for CSV: quoted when it holds a comma, quote or line break.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
