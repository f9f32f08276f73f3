using System.Text;
using PublicCredit.Errors;
using PublicCredit.Import;

namespace PublicCredit.Core.Tests.Import;

/// <summary>Import files are read row by row; a bad row is reported with its line and the rest goes on (docs/api.md#records, "Bad input").</summary>
public class ImportFileReaderTests
{
    private const string Header = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil";

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static List<(ImportRow? Row, ImportRowProblem? Problem)> ReadAll(Stream stream, ImportFormat format = ImportFormat.Csv, int max = ImportFileReader.DefaultMaxRowBytes) =>
        [.. ImportFileReader.Open(stream, format, max).ReadRows()];

    private static string Row(string documentNumber, string facts = "未按规定公示年度报告") =>
        $"administrative-penalty,91350100M000100Y43,福州某某科技有限公司,{documentNumber},2026-10-09,general,《企业信息公示暂行条例》第八条,{CsvFields.Quote(facts)},罚款,1.5,张三,";

    [Fact]
    public void Rows_are_read_by_canonical_field_with_the_line_they_start_on()
    {
        var items = ReadAll(Bytes($"{Header}\n{Row("A1", "含逗号, 引号\"和\n换行")}\n{Row("A2")}\n"));

        Assert.All(items, i => Assert.Null(i.Problem));
        Assert.Equal("A1", items[0].Row!.Fields![ImportColumns.DocumentNumber]);
        Assert.Equal("含逗号, 引号\"和\n换行", items[0].Row!.Fields![ImportColumns.Facts]);
        Assert.Null(items[0].Row!.Fields![ImportColumns.PublicUntil]);
        Assert.Equal(2, items[0].Row!.Line);
        Assert.Equal(4, items[1].Row!.Line); // the first row spans lines 2–3
    }

    [Fact]
    public void The_national_penalty_template_headers_map_to_record_fields_and_imply_the_category()
    {
        const string national = "名称,统一社会信用代码,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,没收违法所得、没收非法财物的金额（万元）,暂扣或吊销证照名称及编号,处罚决定日期,处罚有效期,公示截止期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码";
        var reader = ImportFileReader.Open(Bytes(national + "\n福州某某科技有限公司,91350100M000100Y43,张三,榕市监罚〔2026〕12号,虚假宣传,发布虚假广告,《广告法》第五十五条,罚款,罚款一万元,1,0,,2026-10-09,2027-10-08,2027-10-08,福州市市场监督管理局,11350100MB0000000X,福州市市场监督管理局,11350100MB0000000X\n"), ImportFormat.Csv);

        Assert.Equal("administrative-penalty", reader.ImpliedCategory);
        var row = Assert.Single(reader.ReadRows()).Row!;
        Assert.Equal("91350100M000100Y43", row.Fields![ImportColumns.SubjectId]);
        Assert.Equal("榕市监罚〔2026〕12号", row.Fields![ImportColumns.DocumentNumber]);
        Assert.Equal("1", row.Fields![ImportColumns.Amount]);
        Assert.Equal("福州市市场监督管理局", row.Fields!["decidingAuthority"]);
    }

    [Fact]
    public void A_header_with_an_unknown_column_refuses_the_whole_file_naming_the_column()
    {
        var ex = Assert.Throws<DomainException>(() => ImportFileReader.Open(Bytes(Header + ",favouriteColour\n"), ImportFormat.Csv));

        Assert.Equal("import-header-invalid", ex.Code);
        Assert.Contains(ex.Errors, e => e.Code == "import-header-unknown-column" && e.Field == "favouriteColour");
    }

    [Fact]
    public void A_header_without_a_document_number_column_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => ImportFileReader.Open(Bytes("category,subjectId,subjectName\n"), ImportFormat.Csv));

        Assert.Contains(ex.Errors, e => e.Code == "import-header-missing-column" && e.Field == ImportColumns.DocumentNumber);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => ImportFileReader.Open(Bytes(""), ImportFormat.Csv));

        Assert.Equal("import-header-invalid", ex.Code);
    }

    [Fact]
    public void A_row_longer_than_the_limit_is_reported_and_the_next_row_is_read()
    {
        var huge = new string('长', 3 * 1024 * 1024); // 9 MB of UTF-8
        var items = ReadAll(Bytes($"{Header}\n{Row("A1")}\n{Row("A2", huge)}\n{Row("A3")}\n"), max: 64 * 1024);

        Assert.Equal("A1", items[0].Row!.Fields![ImportColumns.DocumentNumber]);
        Assert.Equal("row-too-long", items[1].Problem!.Code);
        Assert.Equal(3, items[1].Problem!.Line);
        Assert.Equal("A3", items[2].Row!.Fields![ImportColumns.DocumentNumber]);
        Assert.Equal(4, items[2].Row!.Line);
    }

    [Fact]
    public void A_row_with_broken_UTF8_is_reported_and_its_neighbours_are_read()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes($"{Header}\n{Row("A1")}\n"));
        var broken = Encoding.UTF8.GetBytes(Row("A2"));
        broken[60] = 0xC3; // a lead byte followed by a non-continuation byte
        broken[61] = 0x28;
        bytes.AddRange(broken);
        bytes.AddRange(Encoding.UTF8.GetBytes($"\n{Row("A3")}\n"));

        var items = ReadAll(new MemoryStream([.. bytes]));

        Assert.Equal("A1", items[0].Row!.Fields![ImportColumns.DocumentNumber]);
        Assert.Equal("row-invalid-utf8", items[1].Problem!.Code);
        Assert.Contains($"(byte {FirstBrokenByte(broken)} of the row)", items[1].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("A3", items[2].Row!.Fields![ImportColumns.DocumentNumber]);
    }

    /// <summary>Where a strict decoder of the whole row stops: the byte the rejection names.</summary>
    private static int FirstBrokenByte(byte[] row)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(row);
            return -1;
        }
        catch (DecoderFallbackException ex)
        {
            return ex.Index;
        }
    }

    [Theory]
    [InlineData("administrative-penalty,91350100M000100Y43,只有三列", "row-column-count")]
    [InlineData("administrative-penalty,91350100M000100Y43,\"名称\"多余,A9,2026-10-09,general,x,,,,,", "row-malformed-csv")]
    [InlineData("administrative-penalty,91350100M000100Y43,名\"称,A9,2026-10-09,general,x,,,,,", "row-malformed-csv")]
    public void A_row_that_is_not_well_formed_CSV_is_reported_with_its_code(string line, string code)
    {
        var items = ReadAll(Bytes($"{Header}\n{line}\n{Row("A2")}\n"));

        Assert.Equal(code, items[0].Problem!.Code);
        Assert.Equal("A2", items[1].Row!.Fields![ImportColumns.DocumentNumber]);
    }

    [Fact]
    public void An_unclosed_quote_at_the_end_of_the_file_is_reported()
    {
        var items = ReadAll(Bytes($"{Header}\n{Row("A1")}\nadministrative-penalty,\"never closed\n"));

        Assert.Equal("row-unterminated-quote", items[^1].Problem!.Code);
    }

    [Fact]
    public void A_byte_order_mark_and_CRLF_line_ends_are_accepted()
    {
        var items = ReadAll(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"{Header}\r\n{Row("A1")}\r\n")]));

        var row = Assert.Single(items).Row!;
        Assert.Null(row.Fields![ImportColumns.PublicUntil]);
        Assert.Equal("A1", row.Fields![ImportColumns.DocumentNumber]);
    }

    [Fact]
    public void NDJSON_lines_are_handed_on_as_JSON_objects()
    {
        var items = ReadAll(Bytes("{\"documentNumber\":\"N1\",\"amount\":1.5}\n\n{\"subject\":{\"id\":\"91350100M000100Y43\"}}\n"), ImportFormat.Ndjson);

        Assert.Equal(2, items.Count);
        Assert.Equal("N1", items[0].Row!.Json!.Value.GetProperty("documentNumber").GetString());
        Assert.Equal(3, items[1].Row!.Line);
    }

    [Theory]
    [InlineData("{\"category\":", "row-invalid-json")]
    [InlineData("[1,2]", "row-invalid-json")]
    public void A_line_that_is_not_a_JSON_object_is_reported_and_the_next_is_read(string line, string code)
    {
        var items = ReadAll(Bytes($"{line}\n{{\"documentNumber\":\"N2\"}}\n"), ImportFormat.Ndjson);

        Assert.Equal(code, items[0].Problem!.Code);
        Assert.Equal("N2", items[1].Row!.Json!.Value.GetProperty("documentNumber").GetString());
    }

    [Fact]
    public void Reading_resumed_after_a_row_continues_exactly_with_the_next_row()
    {
        var text = $"{Header}\n{Row("A1")}\n{Row("A2", "两行\n事实")}\n{Row("A3")}\n{Row("A4")}\n";
        var all = ReadAll(Bytes(text));
        var checkpoint = all[1].Row!;

        var resumed = ImportFileReader.Open(Bytes(text), ImportFormat.Csv);
        resumed.ResumeAt(checkpoint.EndOffset, checkpoint.Line + 2);
        var rest = resumed.ReadRows().ToList();

        Assert.Equal(["A3", "A4"], rest.Select(r => r.Row!.Fields![ImportColumns.DocumentNumber]));
        Assert.Equal(all[2].Row!.Line, rest[0].Row!.Line);
    }
}
