using System.Text;
using System.Text.Json;
using PublicCredit.Records;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Records;

/// <summary>Reading a record from JSON never throws: every problem is a field error (API, batch items, NDJSON lines).</summary>
public class RecordJsonTests
{
    private static RecordInput Read(string json, bool allowReason = false)
    {
        using var document = JsonDocument.Parse(json);
        return RecordJson.Read(document.RootElement, allowReason).Input;
    }

    private static RecordInput Read(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return RecordJson.Read(document.RootElement).Input;
    }

    [Fact]
    public void The_api_shape_and_the_flattened_import_shape_read_the_same()
    {
        var nested = Read("""{"category":"administrative-penalty","subject":{"id":"91350100M000100Y43","name":"甲公司","kind":"organisation"},"amount":12.50}""");
        var flat = Read("""{"category":"administrative-penalty","subjectId":"91350100M000100Y43","subjectName":"甲公司","subjectKind":"organisation","amount":"12.50"}""");

        Assert.Equal(nested with { ReadErrors = [] }, flat with { ReadErrors = [] });
        Assert.Empty(nested.ReadErrors);
        Assert.Equal("12.50", nested.Amount);
    }

    [Fact]
    public void An_unknown_field_is_refused_rather_than_ignored()
    {
        var input = Read("""{"publicUntl":"2027-01-01","subject":{"id":"x","nmae":"y"}}""");

        Assert.Equal(
            [("publicUntl", "record-field-unknown"), ("subject.nmae", "record-field-unknown")],
            input.ReadErrors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void A_field_given_twice_is_refused()
    {
        var input = Read("""{"subject":{"id":"91350100M000100Y43"},"subjectId":"91110108551385082Q"}""");

        Assert.Equal(("subject.id", "record-field-duplicate"), (input.ReadErrors[0].Field, input.ReadErrors[0].Code));
    }

    [Fact]
    public void Wrong_json_types_are_field_errors()
    {
        var input = Read("""{"documentNumber":123,"amount":"12","decisionDate":20260928,"subject":"甲公司","facts":["a"]}""");

        Assert.Equal(
            [
                ("documentNumber", "record-field-type-invalid"),
                ("decisionDate", "record-field-type-invalid"),
                ("subject", "record-field-type-invalid"),
                ("facts", "record-field-type-invalid"),
            ],
            input.ReadErrors.Select(e => (e.Field, e.Code)));
        Assert.Equal("12", input.Amount);
    }

    [Fact]
    public void An_amount_that_is_neither_a_number_nor_text_is_an_amount_error() =>
        Assert.Equal("record-amount-invalid", Read("""{"amount":true}""").ReadErrors[0].Code);

    [Fact]
    public void Broken_utf8_in_a_value_is_a_field_error_not_an_exception()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"facts":"X","content":"ok"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;

        var error = Assert.Single(Read(bytes).ReadErrors);

        Assert.Equal(("facts", "record-field-character-invalid"), (error.Field, error.Code));
    }

    [Fact]
    public void A_lone_surrogate_escape_is_a_field_error_not_an_exception()
    {
        var error = Assert.Single(Read("""{"facts":"a\ud800b"}""").ReadErrors);

        Assert.Equal(("facts", "record-field-character-invalid"), (error.Field, error.Code));
    }

    [Fact]
    public void Something_other_than_an_object_is_not_a_record_and_only_that_is_reported()
    {
        var input = Read("[1,2]");

        Assert.Equal("record-not-an-object", Assert.Single(Validate(input).Errors).Code);
    }

    [Fact]
    public void A_reason_is_a_field_of_a_correction_only()
    {
        Assert.Equal("record-field-unknown", Read("""{"reason":"typo"}""").ReadErrors[0].Code);

        using var document = JsonDocument.Parse("""{"reason":"typo"}""");
        Assert.Equal("typo", RecordJson.Read(document.RootElement, allowReason: true).Reason);
    }

    [Fact]
    public void A_read_record_validates_like_any_other()
    {
        var json = """
            {"category":"administrative-penalty","subject":{"id":"91350100m000100y43","name":"福州示例食品有限公司"},
             "documentNumber":"闽市监罚〔2026〕101号","decisionDate":"2026-09-28","severity":"general",
             "legalBasis":"《中华人民共和国食品安全法》第一百二十四条","facts":"生产经营超范围使用食品添加剂的食品",
             "content":"罚款","amount":12.5,"legalRepresentative":"张三"}
            """;

        Assert.Equal(Valid(Penalty()).ContentHash, Valid(Read(json)).ContentHash);
    }
}
