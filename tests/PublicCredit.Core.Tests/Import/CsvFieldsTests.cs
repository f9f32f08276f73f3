using System.Text;
using PublicCredit.Import;

namespace PublicCredit.Core.Tests.Import;

/// <summary>RFC 4180 fields, split on the record's UTF-8 bytes as the import reads them (ADR 0025).</summary>
public sealed class CsvFieldsTests
{
    public static TheoryData<string, string?[]> Records => new()
    {
        { "a,b,c", ["a", "b", "c"] },
        { "福州某某科技有限公司,渝市监许〔2023〕1号,", ["福州某某科技有限公司", "渝市监许〔2023〕1号", ""] },
        { ",,", ["", "", ""] },
        { "", [""] },
        { "\"逗号,在引号里\",x", ["逗号,在引号里", "x"] },
        { "\"他说\"\"好\"\"\",\"\"", ["他说\"好\"", ""] },
        { "\"第一行\n第二行\",末", ["第一行\n第二行", "末"] },
        { "\"\"\"\"", ["\""] },
        { "x,\"y\"", ["x", "y"] },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void A_record_splits_into_its_fields_whether_read_as_bytes_or_as_text(string record, string?[] expected)
    {
        var fromBytes = new List<string?>();
        CsvFields.Split(Encoding.UTF8.GetBytes(record), fromBytes, out var malformed);

        Assert.Null(malformed);
        Assert.Equal(expected, fromBytes);
        Assert.Equal(expected, CsvFields.Split(record, out _));
    }

    [Theory]
    [InlineData("\"未闭合,x", "a quoted field is not closed")]
    [InlineData("\"名称\"多余,x", "text after a closing quote in field 1")]
    [InlineData("a,名\"称,x", "a quote inside the unquoted field 2; quote the field and double the quote")]
    public void A_malformed_record_names_what_is_wrong_and_where(string record, string expected)
    {
        CsvFields.Split(Encoding.UTF8.GetBytes(record), [], out var malformed);

        Assert.Equal(expected, malformed);
    }

    [Fact]
    public void A_field_written_for_CSV_reads_back_as_the_same_text()
    {
        var values = new[] { "plain", "逗号,引号\"和\n换行", "" };
        var record = string.Join(',', values.Select(CsvFields.Quote));

        Assert.Equal(values, CsvFields.Split(record, out var malformed));
        Assert.Null(malformed);
    }
}
