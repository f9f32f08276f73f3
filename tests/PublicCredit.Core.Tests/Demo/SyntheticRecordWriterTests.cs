using System.Globalization;
using System.Text;
using System.Text.Json;
using PublicCredit.Catalog;
using PublicCredit.Demo;
using Sylvan.Data.Csv;

namespace PublicCredit.Core.Tests.Demo;

public class SyntheticRecordWriterTests
{
    private static readonly SyntheticDataSet Data =
        new(DemoCatalog.Default, new SyntheticDataOptions(Subjects: 300, Records: 3_000, Seed: 11, new DateOnly(2026, 11, 23)));

    // What department exports really contain now and then: commas, quotes and line breaks inside a field.
    private static readonly SyntheticRecord Awkward = new()
    {
        Category = "administrative-penalty",
        SubjectId = "91330106MA2GL1RQ5X",
        SubjectName = "杭州云栖科技有限公司",
        DocumentNumber = "杭市监罚〔2026〕1234号",
        DecisionDate = new DateOnly(2026, 3, 2),
        Severity = NegativeGrade.General,
        LegalBasis = "《中华人民共和国行政处罚法》第四十八条",
        Facts = "当事人销售的\"云栖\"牌电热水壶（型号：YQ-1, 批次：2026）\n经抽样检验不合格，\r\n货值\"1,200\"元。",
        Content = "罚款人民币5000元, 没收违法所得。",
        Amount = 0.50m,
        LegalRepresentative = "王伟",
        Department = "samr",
    };

    private static IEnumerable<SyntheticRecord> Sample => Data.Records().Append(Awkward);

    [Fact]
    public void The_CSV_round_trips_through_an_RFC_4180_reader_with_the_exact_header()
    {
        var expected = Sample.ToList();
        using var stream = new MemoryStream();
        SyntheticRecordWriter.Write(expected, stream, SyntheticFileFormat.Csv, TestContext.Current.CancellationToken);
        stream.Position = 0;

        using var reader = CsvDataReader.Create(new StreamReader(stream, Encoding.UTF8));
        Assert.Equal(SyntheticRecord.Columns, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rows = 0;
        while (reader.Read())
        {
            var record = expected[rows++];
            Assert.Equal(Fields(record), Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));
        }

        Assert.Equal(expected.Count, rows);
    }

    [Fact]
    public void The_CSV_is_UTF8_without_a_byte_order_mark_with_LF_line_ends()
    {
        using var stream = new MemoryStream();
        var count = SyntheticRecordWriter.Write(Data.Records(), stream, SyntheticFileFormat.Csv, TestContext.Current.CancellationToken);
        var bytes = stream.ToArray();
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

        Assert.Equal(3_000, count);
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.DoesNotContain('\r', text);
        Assert.StartsWith(string.Join(',', SyntheticRecord.Columns) + "\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("杭", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_with_doubled_quotes_and_others_are_not()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        SyntheticRecordWriter.WriteCsv([Awkward], writer, TestContext.Current.CancellationToken);

        var line = writer.ToString().Split('\n', 2)[1];
        Assert.Equal(
            "administrative-penalty,91330106MA2GL1RQ5X,杭州云栖科技有限公司,杭市监罚〔2026〕1234号,2026-03-02,general," +
            "《中华人民共和国行政处罚法》第四十八条," +
            "\"当事人销售的\"\"云栖\"\"牌电热水壶（型号：YQ-1, 批次：2026）\n经抽样检验不合格，\r\n货值\"\"1,200\"\"元。\"," +
            "\"罚款人民币5000元, 没收违法所得。\",0.50,王伟,,samr\n",
            line);
    }

    [Fact]
    public void NDJSON_has_one_camelCase_object_per_line_with_the_column_names_and_unescaped_Chinese()
    {
        var expected = Sample.ToList();
        using var stream = new MemoryStream();
        SyntheticRecordWriter.Write(expected, stream, SyntheticFileFormat.Ndjson, TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(stream.ToArray());

        Assert.False(stream.ToArray().AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(expected.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var record = expected[i];
            using var json = JsonDocument.Parse(lines[i]);
            var properties = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

            // Present exactly when the record has a value; named and ordered as the CSV columns.
            var fields = Fields(record);
            Assert.Equal(
                SyntheticRecord.Columns.Where((_, c) => fields[c].Length > 0),
                properties.Keys);
            foreach (var (name, value) in properties)
            {
                var field = fields[SyntheticRecord.Columns.ToList().IndexOf(name)];
                Assert.Equal(field, name == "amount" ? value.GetRawText() : value.GetString());
            }

            Assert.Contains(record.SubjectName, lines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Amounts_are_JSON_numbers_with_two_decimals()
    {
        using var stream = new MemoryStream();
        SyntheticRecordWriter.WriteNdjson([Awkward with { Amount = 12.30m }], stream, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(stream.ToArray());
        var amount = json.RootElement.GetProperty("amount");
        Assert.Equal(JsonValueKind.Number, amount.ValueKind);
        Assert.Equal("12.30", amount.GetRawText());
    }

    /// <summary>The expected text of each column, restated independently of the writer.</summary>
    private static string[] Fields(SyntheticRecord r) =>
    [
        r.Category,
        r.SubjectId,
        r.SubjectName,
        r.DocumentNumber,
        r.DecisionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Severity?.ToString().ToLowerInvariant() ?? "",
        r.LegalBasis,
        r.Facts ?? "",
        r.Content ?? "",
        r.Amount?.ToString("F2", CultureInfo.InvariantCulture) ?? "",
        r.LegalRepresentative ?? "",
        r.PublicUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        r.Department,
    ];
}
