using System.Globalization;
using PublicCredit.Catalog;
using PublicCredit.Core.Tests.Catalog;
using PublicCredit.Records;

namespace PublicCredit.Core.Tests.Records;

/// <summary>Records that pass validation against the default catalog, for tests to break one field at a time.</summary>
internal static class RecordSamples
{
    public static readonly CreditCatalog DefaultCatalog = DefaultCatalogTests.LoadDefault();

    public static readonly RecordValidator Validator = new(DefaultCatalog);

    /// <summary>The day the tests live on (China date).</summary>
    public static readonly DateOnly Today = D("2026-11-23");

    public const string OrganisationId = "91350100M000100Y43";
    public const string OtherOrganisationId = "91110108551385082Q";
    public const string PersonId = "11010519491231002X";

    /// <summary>A general administrative penalty against an organisation (docs/domain.md#record-fields fields).</summary>
    public static RecordInput Penalty() => new()
    {
        Category = "administrative-penalty",
        SubjectId = OrganisationId,
        SubjectName = "福州示例食品有限公司",
        DocumentNumber = "闽市监罚〔2026〕101号",
        DecisionDate = "2026-09-28",
        Severity = "general",
        LegalBasis = "《中华人民共和国食品安全法》第一百二十四条",
        Facts = "生产经营超范围使用食品添加剂的食品",
        Content = "罚款",
        Amount = "12.5",
        LegalRepresentative = "张三",
    };

    /// <summary>A licensing decision (neutral, public while valid).</summary>
    public static RecordInput Licence() => new()
    {
        Category = "administrative-licensing",
        SubjectId = OrganisationId,
        SubjectName = "福州示例食品有限公司",
        DocumentNumber = "闽食许〔2026〕7号",
        DecisionDate = "2026-11-02",
        LegalBasis = "《中华人民共和国行政许可法》第三十八条",
        Content = "食品经营许可",
    };

    public static RecordValidation Validate(RecordInput input) => Validator.Validate(input, Today);

    public static ValidRecord Valid(RecordInput input)
    {
        var result = Validate(input);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Code}: {e.Message}")));
        return result.Record!;
    }

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
