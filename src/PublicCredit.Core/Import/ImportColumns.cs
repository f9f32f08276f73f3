using System.Collections.Frozen;

namespace PublicCredit.Import;

/// <summary>
/// The columns an import file may carry: the docs/api.md record field names (`subjectId`, `subjectName` flattened) and
/// the national Chinese column headers of the double-publicity templates (docs/domain.md#record-fields) for penalties and licences.
/// Every header maps to one canonical field; a header that maps to none refuses the whole file, so that nothing a
/// department sent is dropped silently.
/// </summary>
public static class ImportColumns
{
    public const string Category = "category";
    public const string SubjectId = "subjectId";
    public const string SubjectName = "subjectName";
    public const string DocumentNumber = "documentNumber";
    public const string DecisionDate = "decisionDate";
    public const string Severity = "severity";
    public const string LegalBasis = "legalBasis";
    public const string Facts = "facts";
    public const string Content = "content";
    public const string Amount = "amount";
    public const string LegalRepresentative = "legalRepresentative";
    public const string PublicUntil = "publicUntil";

    /// <summary>The source department; the import's `--dept` is authoritative, a differing value refuses the row.</summary>
    public const string Department = "department";

    /// <summary>Redundant with the identifier itself (GB 32100 vs GB 11643); checked, not stored.</summary>
    public const string SubjectIdType = "subjectIdType";

    /// <summary>The fields of the docs/api.md#record-shape, in the order of a CSV written by the platform.</summary>
    public static IReadOnlyList<string> RecordFields { get; } =
    [
        Category, SubjectId, SubjectName, DocumentNumber, DecisionDate, Severity, LegalBasis, Facts, Content, Amount,
        LegalRepresentative, PublicUntil,
    ];

    /// <summary>
    /// Fields of the national templates beyond the record shape (docs/domain.md#record-fields): kept with the record as details, so the
    /// published record can show everything the deciding department published.
    /// </summary>
    public static IReadOnlyList<string> DetailFields { get; } =
    [
        "violationType", "penaltyType", "confiscatedAmount", "licenceAffected", "penaltyValidUntil",
        "decidingAuthority", "decidingAuthorityCode", "dataSource", "dataSourceCode",
        "licenceName", "licenceNumber", "licenceType", "validFrom", "validTo",
    ];

    private static readonly FrozenDictionary<string, string> Aliases = BuildAliases();

    private static readonly FrozenDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["violationType"] = "违法行为类型",
        ["penaltyType"] = "处罚类别",
        ["confiscatedAmount"] = "没收违法所得、没收非法财物的金额（万元）",
        ["licenceAffected"] = "暂扣或吊销证照名称及编号",
        ["penaltyValidUntil"] = "处罚有效期",
        ["decidingAuthority"] = "决定机关",
        ["decidingAuthorityCode"] = "决定机关统一社会信用代码",
        ["dataSource"] = "数据来源单位",
        ["dataSourceCode"] = "数据来源单位统一社会信用代码",
        ["licenceName"] = "许可证书名称",
        ["licenceNumber"] = "许可编号",
        ["licenceType"] = "许可类别",
        ["validFrom"] = "有效期自",
        ["validTo"] = "有效期至",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The Chinese label a detail field is shown with.</summary>
    public static string LabelOf(string detailField) => Labels.GetValueOrDefault(detailField, detailField);

    /// <summary>The canonical field for a header as written in a file (case, width and spaces ignored), or null.</summary>
    public static string? Canonical(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Aliases.TryGetValue(Key(header), out var field) ? field : null;
    }

    /// <summary>
    /// National templates carry no category column: the penalty template's document-number header means
    /// administrative penalties, the licensing template's means administrative licensing.
    /// </summary>
    public static string? CategoryImpliedBy(IEnumerable<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keys = headers.Select(Key).ToHashSet(StringComparer.Ordinal);
        if (keys.Contains(Key("行政处罚决定书文号")))
        {
            return "administrative-penalty";
        }

        return keys.Contains(Key("行政许可决定文书号")) || keys.Contains(Key("许可决定文书号")) ? "administrative-licensing" : null;
    }

    private static FrozenDictionary<string, string> BuildAliases()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string field, params string[] headers)
        {
            map[Key(field)] = field;
            foreach (var header in headers)
            {
                map[Key(header)] = field;
            }
        }

        Add(Category, "信息类别", "信用信息类别", "类别");
        Add(SubjectId, "统一社会信用代码", "证件号码", "行政相对人代码", "subject.id");
        Add(SubjectIdType, "证件类型");
        Add(SubjectName, "名称", "行政相对人名称", "主体名称", "subject.name");
        Add(DocumentNumber, "行政处罚决定书文号", "行政许可决定文书号", "许可决定文书号", "决定文书号", "文书号");
        Add(DecisionDate, "处罚决定日期", "许可决定日期", "决定日期");
        Add(Severity, "严重程度", "失信严重程度", "信息等级");
        Add(LegalBasis, "处罚依据", "许可依据", "法律依据");
        Add(Facts, "违法事实");
        Add(Content, "处罚内容", "许可内容", "内容");
        Add(Amount, "罚款金额（万元）", "罚款金额(万元)", "罚款金额");
        Add(LegalRepresentative, "法定代表人");
        Add(PublicUntil, "公示截止期", "公示截止日期");
        Add(Department, "数据来源部门");
        Add("violationType", "违法行为类型");
        Add("penaltyType", "处罚类别");
        Add("confiscatedAmount", "没收违法所得、没收非法财物的金额（万元）", "没收违法所得、没收非法财物的金额(万元)");
        Add("licenceAffected", "暂扣或吊销证照名称及编号");
        Add("penaltyValidUntil", "处罚有效期");
        Add("decidingAuthority", "处罚机关", "许可机关");
        Add("decidingAuthorityCode", "处罚机关统一社会信用代码", "许可机关统一社会信用代码");
        Add("dataSource", "数据来源单位");
        Add("dataSourceCode", "数据来源单位统一社会信用代码");
        Add("licenceName", "许可证书名称");
        Add("licenceNumber", "许可编号");
        Add("licenceType", "许可类别");
        Add("validFrom", "有效期自");
        Add("validTo", "有效期至");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Headers compare ignoring case, spaces and full-width forms (a header typed in a Chinese IME).</summary>
    private static string Key(string header)
    {
        var chars = new List<char>(header.Length);
        foreach (var c in header.Trim())
        {
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                continue;
            }

            // Full-width ASCII variants → ASCII, except the full-width parentheses the national headers use.
            var folded = c is >= '\uFF01' and <= '\uFF5E' and not '（' and not '）' ? (char)(c - 0xFEE0) : c;
            chars.Add(char.ToLowerInvariant(folded));
        }

        return new string([.. chars]);
    }
}
