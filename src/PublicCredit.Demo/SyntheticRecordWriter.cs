using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PublicCredit.Catalog;
using static System.Globalization.CultureInfo;

using PublicCredit.Import;
using PublicCredit.Text;

namespace PublicCredit.Demo;

/// <summary>The two import file formats of <c>pcredit import</c> (docs/api.md).</summary>
public enum SyntheticFileFormat
{
    Csv,
    Ndjson,
}

/// <summary>
/// Streams <see cref="SyntheticRecord"/>s as an import file: CSV (RFC 4180 quoting, header of
/// <see cref="SyntheticRecord.Columns"/>, <c>\n</c> line ends) or NDJSON (one camelCase object per line). Both are
/// UTF-8 without a byte order mark. Records are written as they are enumerated; nothing is collected.
/// </summary>
public static class SyntheticRecordWriter
{
    private const int BufferSize = 1 << 16;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // RFC 4180 §2.6: a field holding a comma, a double quote or a line break must be quoted.

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // The files are data, never embedded in HTML, so Chinese text stays readable instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Writes every record to <paramref name="stream"/> in <paramref name="format"/>; returns how many.</summary>
    public static long Write(
        IEnumerable<SyntheticRecord> records,
        Stream stream,
        SyntheticFileFormat format,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (format == SyntheticFileFormat.Ndjson)
        {
            return WriteNdjson(records, stream, cancellationToken);
        }

        using var writer = new StreamWriter(stream, Utf8NoBom, BufferSize, leaveOpen: true);
        var count = WriteCsv(records, writer, cancellationToken);
        writer.Flush();
        return count;
    }

    /// <summary>Header line, then one line per record. Absent values are empty fields.</summary>
    public static long WriteCsv(IEnumerable<SyntheticRecord> records, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', SyntheticRecord.Columns));
        writer.Write('\n');
        long count = 0;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteField(writer, record.Category);
            writer.Write(',');
            WriteField(writer, record.SubjectId);
            writer.Write(',');
            WriteField(writer, record.SubjectName);
            writer.Write(',');
            WriteField(writer, record.DocumentNumber);
            writer.Write(',');
            WriteField(writer, Date(record.DecisionDate));
            writer.Write(',');
            WriteField(writer, record.Severity?.Code());
            writer.Write(',');
            WriteField(writer, record.LegalBasis);
            writer.Write(',');
            WriteField(writer, record.Facts);
            writer.Write(',');
            WriteField(writer, record.Content);
            writer.Write(',');
            WriteField(writer, record.Amount?.ToString("0.00", InvariantCulture));
            writer.Write(',');
            WriteField(writer, record.LegalRepresentative);
            writer.Write(',');
            WriteField(writer, record.PublicUntil is { } until ? Date(until) : null);
            writer.Write(',');
            WriteField(writer, record.Department);
            writer.Write('\n');
            count++;
        }

        return count;
    }

    /// <summary>
    /// One JSON object per line with the <see cref="SyntheticRecord.Columns"/> names. Optional values that are absent
    /// (severity, amount, legal representative, publicUntil …) are left out, as a request body would leave them out;
    /// <c>amount</c> is a JSON number with two decimals.
    /// </summary>
    public static long WriteNdjson(IEnumerable<SyntheticRecord> records, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(stream);

        // One buffer for the whole file, flushed to the stream in large blocks; the writer is reset between
        // records because NDJSON is many top-level values, which a single JSON document may not have.
        var buffer = new ArrayBufferWriter<byte>(BufferSize * 2);
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        long count = 0;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            json.WriteStartObject();
            json.WriteString("category", record.Category);
            json.WriteString("subjectId", record.SubjectId);
            json.WriteString("subjectName", record.SubjectName);
            json.WriteString("documentNumber", record.DocumentNumber);
            json.WriteString("decisionDate", Date(record.DecisionDate));
            WriteOptional(json, "severity", record.Severity?.Code());
            json.WriteString("legalBasis", record.LegalBasis);
            WriteOptional(json, "facts", record.Facts);
            WriteOptional(json, "content", record.Content);
            if (record.Amount is { } amount)
            {
                json.WriteNumber("amount", decimal.Round(amount, 2));
            }

            WriteOptional(json, "legalRepresentative", record.LegalRepresentative);
            WriteOptional(json, "publicUntil", record.PublicUntil is { } until ? Date(until) : null);
            json.WriteString("department", record.Department);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (buffer.WrittenCount >= BufferSize)
            {
                stream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }

            count++;
        }

        stream.Write(buffer.WrittenSpan);
        stream.Flush();
        return count;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteField(TextWriter writer, string? value) => CsvFields.Write(writer, value);
}
