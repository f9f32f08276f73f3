namespace PublicCredit.Web.Tests.Robustness.Fuzz;

/// <summary>
/// Near-valid JSON bodies of the routes that take one (docs/api.md), which the fuzz then breaks field by field, so that a
/// request gets past the body's shape into the use case. A route without a template here still gets generic bodies
/// made of the field names below, so a new endpoint is fuzzed too.
/// </summary>
internal static class FuzzBodies
{
    /// <summary>Every body field name the API reads (and a few it does not), for generic bodies and extra members.</summary>
    public static readonly string[] FieldNames =
    [
        "category", "subject", "id", "name", "kind", "documentNumber", "decisionDate", "severity", "legalBasis", "facts",
        "content", "amount", "legalRepresentative", "publicUntil", "reason", "matter", "asOf", "measure", "applied", "note",
        "listType", "responsiblePersons", "role", "noticeDocument", "intendedMeasures", "statement", "evidence",
        "decisionDocument", "reasons", "effectiveFrom", "term", "revocationDocument", "target", "designationId", "recordId",
        "grounds", "outcome", "commitment", "accepted", "granted", "performanceDocument", "performedOn", "department",
        "expires", "code", "from", "to", "limit", "__proto__", "constructor", "$type", "",
    ];

    public delegate List<KeyValuePair<string, object?>> Template(Random random, FuzzWorld world);

    /// <summary>Templates by "METHOD pattern" as the endpoint data source spells the pattern.</summary>
    public static readonly IReadOnlyDictionary<string, Template> Templates = new Dictionary<string, Template>(StringComparer.Ordinal)
    {
        ["POST /api/v1/records"] = (r, w) => Record(r, w),
        ["POST /api/v1/records/batch"] = (r, w) => Record(r, w), // wrapped in an array by the generator
        ["POST /api/v1/records/{id}/corrections"] = (r, w) => [.. Record(r, w), new("reason", "更正笔误")],
        ["POST /api/v1/checks"] = (r, w) => [new("subject", w.Subject(r)), new("matter", r.Next(2) == 0 ? "air-ticket" : "government-procurement"), new("asOf", "2026-11-23")],
        ["POST /api/v1/checks/{checkId}/feedback"] = (_, _) => [new("measure", "restrict-government-procurement"), new("applied", true), new("note", "已限制")],
        ["POST /api/v1/designations"] = (r, w) => Designation(r, w),
        ["POST /api/v1/designations/{id}/statements"] = (_, _) => [new("statement", "我公司已整改，请求不予列入。"), new("evidence", "整改报告")],
        ["POST /api/v1/designations/{id}/decide"] = (_, _) =>
            [new("decisionDocument", "国市监信决〔2026〕7号"), new("reasons", "事实清楚。"), new("term", "P1Y"), new("effectiveFrom", "2026-11-24")],
        ["POST /api/v1/designations/{id}/revoke"] = (_, _) => [new("revocationDocument", "国市监信撤〔2026〕1号"), new("reasons", "经复核撤销。")],
        ["POST /api/v1/designations/{id}/performance"] = (_, _) =>
            [new("performanceDocument", "（2026）闽01执结1号"), new("performedOn", "2026-11-20"), new("evidence", "执行完毕证明")],
        ["POST /api/v1/objections"] = (r, w) =>
            [new("target", Target(r, w)), new("grounds", "决定所依据的事实有误。"), new("evidence", "银行转账凭证")],
        ["POST /api/v1/objections/{id}/resolve"] = (r, _) => [new("outcome", r.Next(2) == 0 ? "upheld" : "rejected"), new("reasons", "经复核。")],
        ["POST /api/v1/objections/{id}/suspend"] = (_, _) => [new("reasons", "先行暂停。")],
        ["POST /api/v1/restorations"] = (r, w) => [new("target", Target(r, w)), new("evidence", "整改报告"), new("commitment", true)],
        ["POST /api/v1/restorations/{id}/accept"] = (_, _) => [new("accepted", true), new("reasons", "材料齐全。")],
        ["POST /api/v1/restorations/{id}/decide"] = (_, _) => [new("granted", true), new("reasons", "准予修复。")],
        ["POST /api/v1/keys"] = (r, _) => [new("role", FuzzValues.Text(r)), new("department", "samr"), new("name", "fuzz"), new("expires", "2027-11-23")],
        ["POST /api/v1/keys/{id}/rotation"] = (_, _) => [new("expires", "2027-11-23")],
        ["POST /api/v1/subject-sessions/activate"] = (_, _) => [new("code", "ABCD-EFGH-JKLM")],
    };

    private static List<KeyValuePair<string, object?>> Record(Random random, FuzzWorld world) =>
    [
        new("category", random.Next(3) == 0 ? "administrative-licensing" : "administrative-penalty"),
        new("subject", new List<KeyValuePair<string, object?>> { new("id", world.Subject(random)), new("name", "福州示例食品有限公司") }),
        new("documentNumber", "闽市监罚〔2026〕" + random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "号"),
        new("decisionDate", "2026-11-20"),
        new("severity", "general"),
        new("legalBasis", "《中华人民共和国食品安全法》第一百二十四条"),
        new("facts", "生产经营超范围使用食品添加剂的食品"),
        new("content", "罚款"),
        new("amount", 12.5m),
        new("legalRepresentative", "张三"),
        new("publicUntil", "2027-11-19"),
    ];

    private static List<KeyValuePair<string, object?>> Designation(Random random, FuzzWorld world)
    {
        var market = random.Next(2) == 0;
        List<KeyValuePair<string, object?>> body =
        [
            new("listType", market ? "serious-untrustworthy-market" : "judgment-defaulters"),
            new("subject", new List<KeyValuePair<string, object?>> { new("id", world.Subject(random)), new("name", "福州示例食品有限公司") }),
            new("facts", "因提供虚假材料取得许可被吊销许可证。"),
            new("legalBasis", "《市场监督管理严重违法失信名单管理办法》第十条"),
            new("noticeDocument", "国市监信告〔2026〕" + random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "号"),
        ];
        if (!market)
        {
            // What the court publishes of a defaulter (catalog entryFields).
            body.Add(new("entryFields", new List<KeyValuePair<string, object?>>
            {
                new("obligation", "支付货款人民币三十万元"), new("performance-status", "全部未履行"),
                new("untrustworthy-circumstance", "有履行能力而拒不履行"), new("enforcement-court", "福州市中级人民法院"),
                new("case-number", "（2026）闽01执123号"),
            }));
        }

        if (market)
        {
            body.Add(new("responsiblePersons", new List<object?>
            {
                new List<KeyValuePair<string, object?>> { new("id", "110101198001010010"), new("name", "张三"), new("role", "legal-representative") },
            }));
        }

        return body;
    }

    private static List<KeyValuePair<string, object?>> Target(Random random, FuzzWorld world) =>
        random.Next(2) == 0
            ? [new("designationId", world.Id("designations", random))]
            : [new("recordId", world.Id("records", random))];
}
