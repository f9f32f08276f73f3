using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using PublicCredit.Errors;
using PublicCredit.Records;

namespace PublicCredit.Import;

public enum ImportFormat
{
    Csv,
    Ndjson,
}

/// <summary>A row read from an import file, and where it stands in the file.</summary>
/// <param name="Line">The line the row starts on (1-based; in a CSV file the header is line 1).</param>
/// <param name="EndOffset">The byte offset just after the row: a checkpoint after it resumes here.</param>
/// <param name="Fields">A CSV row's fields by canonical name (<see cref="ImportColumns"/>); null for NDJSON.</param>
public sealed record ImportRow(long Line, long EndOffset, IReadOnlyDictionary<string, string?>? Fields)
{
    /// <summary>An NDJSON row: the JSON object of the line.</summary>
    public JsonElement? Json { get; init; }
}

/// <summary>A row that could not be read as a row at all; it is reported, and the rest of the file goes on.</summary>
public sealed record ImportRowProblem(long Line, long EndOffset, string? Field, string Code, string Message);

/// <summary>
/// Reads a CSV (English or national Chinese headers) or NDJSON import file row by row in constant memory. File-level
/// problems (no header, a header that is not a known column, a duplicated column) refuse the whole file with
/// <c>import-header-invalid</c>; row-level problems (too long, broken UTF-8, wrong column count, malformed quoting or
/// JSON) are yielded as <see cref="ImportRowProblem"/> and reading goes on (docs/api.md#records, "Bad input").
/// </summary>
public sealed class ImportFileReader
{
    public const int DefaultMaxRowBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RecordFramer framer;
    private readonly ImportFormat format;
    private readonly int maxRowBytes;
    private readonly IReadOnlyList<string> columns;
    private readonly FrozenDictionary<string, int> columnIndex;
    private readonly List<string?> fieldBuffer = [];

    private ImportFileReader(RecordFramer framer, ImportFormat format, int maxRowBytes, IReadOnlyList<string> columns, string? impliedCategory, long dataStart)
    {
        this.framer = framer;
        this.format = format;
        this.maxRowBytes = maxRowBytes;
        this.columns = columns;
        columnIndex = columns.Select((name, i) => (name, i)).ToFrozenDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        ImpliedCategory = impliedCategory;
        DataStartOffset = dataStart;
    }

    /// <summary>Canonical field per CSV column (empty for NDJSON).</summary>
    public IReadOnlyList<string> Columns => columns;

    /// <summary>The category a national template implies when the file has no category column.</summary>
    public string? ImpliedCategory { get; }

    /// <summary>Where the first data row starts (after the CSV header).</summary>
    public long DataStartOffset { get; }

    public static ImportFileReader Open(Stream stream, ImportFormat format, int maxRowBytes = DefaultMaxRowBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var framer = new RecordFramer(stream, quoteAware: format == ImportFormat.Csv, maxRowBytes);
        SkipByteOrderMark(stream);
        var start = stream.CanSeek ? stream.Position : 0;
        if (stream.CanSeek)
        {
            framer.Seek(start, 1);
        }

        if (format == ImportFormat.Ndjson)
        {
            return new ImportFileReader(framer, format, maxRowBytes, [], null, start);
        }

        if (!framer.TryNext(out var header))
        {
            throw HeaderInvalid("the file is empty: a CSV import starts with a header line");
        }

        if (header.TooLong || !Utf8.IsValid(header.Bytes.Span))
        {
            throw HeaderInvalid("the header line is too long or not UTF-8");
        }

        var names = CsvFields.Split(Encoding.UTF8.GetString(header.Bytes.Span), out var malformed);
        if (malformed is not null)
        {
            throw HeaderInvalid($"the header line is not valid CSV: {malformed}");
        }

        var mapped = new List<string>(names.Count);
        var problems = new List<FieldError>();
        foreach (var name in names)
        {
            var canonical = name is null ? null : ImportColumns.Canonical(name);
            if (canonical is null)
            {
                problems.Add(new FieldError(name ?? "(empty)", RecordProblemCodes.ImportHeaderUnknownColumn,
                    $"'{name}' is not a known column; expected the API field names ({string.Join(", ", ImportColumns.RecordFields)}) or the national headers (docs/domain.md#record-fields)"));
            }
            else if (mapped.Contains(canonical))
            {
                problems.Add(new FieldError(name!, RecordProblemCodes.ImportHeaderDuplicateColumn, $"'{name}' gives '{canonical}' a second time"));
            }
            else
            {
                mapped.Add(canonical);
            }
        }

        var implied = mapped.Contains(ImportColumns.Category) ? null : ImportColumns.CategoryImpliedBy(names.OfType<string>());
        foreach (var required in new[] { ImportColumns.SubjectId, ImportColumns.DocumentNumber })
        {
            if (!mapped.Contains(required))
            {
                problems.Add(new FieldError(required, RecordProblemCodes.ImportHeaderMissingColumn, $"the file has no '{required}' column"));
            }
        }

        if (!mapped.Contains(ImportColumns.Category) && implied is null)
        {
            problems.Add(new FieldError(ImportColumns.Category, RecordProblemCodes.ImportHeaderMissingColumn,
                "the file has no 'category' column and its headers are not a national penalty or licensing template"));
        }

        if (problems.Count > 0)
        {
            throw new DomainException(ErrorKind.Invalid, RecordProblemCodes.ImportHeaderInvalid,
                $"The header line cannot be imported: {problems[0].Message}", problems);
        }

        return new ImportFileReader(framer, format, maxRowBytes, mapped, implied, header.EndOffset);
    }

    /// <summary>Continues after a checkpoint: the next row read is the one starting at <paramref name="offset"/>.</summary>
    public void ResumeAt(long offset, long line) => framer.Seek(offset, line);

    /// <summary>The rows in file order; each item is either a row or a problem with a row.</summary>
    public IEnumerable<(ImportRow? Row, ImportRowProblem? Problem)> ReadRows()
    {
        while (framer.TryNext(out var framed))
        {
            if (framed.Bytes.Length == 0 && !framed.TooLong)
            {
                continue; // blank line
            }

            yield return Read(framed);
        }
    }

    private (ImportRow?, ImportRowProblem?) Read(FramedRecord framed)
    {
        if (framed.TooLong)
        {
            return Problem(framed, null, "row-too-long",
                string.Create(CultureInfo.InvariantCulture, $"the row is longer than {maxRowBytes / 1024} KiB; it was skipped"));
        }

        if (framed.UnterminatedQuote)
        {
            return Problem(framed, null, "row-unterminated-quote", "a quoted field is never closed before the end of the file");
        }

        if (!Utf8.IsValid(framed.Bytes.Span))
        {
            return Problem(framed, null, "row-invalid-utf8",
                string.Create(CultureInfo.InvariantCulture, $"the row is not valid UTF-8 (byte {InvalidUtf8At(framed.Bytes.Span)} of the row); save the file as UTF-8"));
        }

        return format == ImportFormat.Csv ? ReadCsv(framed) : ReadJson(framed);
    }

    /// <summary>Where the first broken sequence of a row starts (the row is known not to be UTF-8).</summary>
    private static int InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
            return 0;
        }
        catch (DecoderFallbackException ex)
        {
            return ex.Index;
        }
    }

    private (ImportRow?, ImportRowProblem?) ReadCsv(FramedRecord framed)
    {
        // The row's bytes are split and each field decoded once (ADR 0025); the list is reused from row to row.
        var values = fieldBuffer;
        CsvFields.Split(framed.Bytes.Span, values, out var malformed);
        if (malformed is not null)
        {
            return Problem(framed, null, "row-malformed-csv", malformed);
        }

        if (values.Count != columns.Count)
        {
            return Problem(framed, null, "row-column-count",
                string.Create(CultureInfo.InvariantCulture, $"the row has {values.Count} fields; the header has {columns.Count}"));
        }

        var cleaned = new string?[values.Count];
        for (var i = 0; i < cleaned.Length; i++)
        {
            cleaned[i] = Clean(values[i]);
        }

        return (new ImportRow(framed.Line, framed.EndOffset, new ImportFields(columnIndex, cleaned)), null);
    }

    private static (ImportRow?, ImportRowProblem?) ReadJson(FramedRecord framed)
    {
        try
        {
            // Parsed from the row's bytes, not decoded first; the document lives only until its root is cloned, while
            // the framer's buffer still holds the row.
            using var document = JsonDocument.Parse(framed.Bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problem(framed, null, "row-invalid-json", "each line must be one JSON object");
            }

            // The record's fields are read by the same reader as an API body (RecordJson), not here.
            return (new ImportRow(framed.Line, framed.EndOffset, null) { Json = document.RootElement.Clone() }, null);
        }
        catch (JsonException ex)
        {
            return Problem(framed, null, "row-invalid-json", $"the line is not JSON: {ex.Message}");
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (ImportRow?, ImportRowProblem?) Problem(FramedRecord framed, string? field, string code, string message) =>
        (null, new ImportRowProblem(framed.Line, framed.EndOffset, field, code, message));

    private static DomainException HeaderInvalid(string message) =>
        new(ErrorKind.Invalid, RecordProblemCodes.ImportHeaderInvalid, $"The header line cannot be imported: {message}",
            [new FieldError("header", RecordProblemCodes.ImportHeaderInvalid, message)]);

    private static void SkipByteOrderMark(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        Span<byte> bom = stackalloc byte[3];
        var read = stream.Read(bom);
        if (read < 3 || bom[0] != 0xEF || bom[1] != 0xBB || bom[2] != 0xBF)
        {
            stream.Seek(0, SeekOrigin.Begin);
        }
    }
}

/// <summary>
/// A CSV row's fields by canonical name: the row's values in column order behind the file's one name → column map,
/// so a row costs one array rather than a dictionary of its own (ADR 0017; a million rows per import).
/// </summary>
internal sealed class ImportFields(FrozenDictionary<string, int> columns, string?[] values) : IReadOnlyDictionary<string, string?>
{
    public int Count => values.Length;

    public IEnumerable<string> Keys => columns.Keys;

    public IEnumerable<string?> Values => values;

    public string? this[string key] => values[columns[key]];

    public bool ContainsKey(string key) => columns.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        if (columns.TryGetValue(key, out var index))
        {
            value = values[index];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
        columns.Select(c => new KeyValuePair<string, string?>(c.Key, values[c.Value])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
