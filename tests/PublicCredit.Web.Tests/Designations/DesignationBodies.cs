using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>Designation request bodies as department systems send them (docs/api.md), valid against the default catalog.</summary>
public static class DesignationBodies
{
    /// <summary>SAMR designates it (catalog/list-types.yaml): organisations only, reaches responsible persons, 5 working days, P3Y.</summary>
    public const string MarketList = "serious-untrustworthy-market";

    /// <summary>The courts (spc) designate it: organisations and individuals, 10 working days, P2Y (max P5Y).</summary>
    public const string DefaultersList = "judgment-defaulters";

    /// <summary>SAMR designates it, but it does not reach responsible persons.</summary>
    public const string AbnormalList = "abnormal-operations";

    /// <summary>The STA designates it: organisations and individuals, reaches responsible persons, 5 working days, P3Y.</summary>
    public const string TaxList = "serious-tax-violators";

    /// <summary>The STA's red list: organisations only, P1Y; eligibility: no effective black entry, no serious negative
    /// record within P3Y, 10 working days to revoke or confirm an entry a black one suspended (ADR 0042).</summary>
    public const string RedList = "a-grade-taxpayers";

    public const string Organisation = RecordBodies.OrganisationId;
    public const string OtherOrganisation = RecordBodies.OtherOrganisationId;
    public const string Person = RecordBodies.PersonId;
    public const string LegalRepresentative = "110101198001010010";
    public const string DirectlyResponsible = "350102197506150023";

    public static JsonObject MarketDesignation(string noticeDocument = "国市监信告〔2026〕7号", string subject = Organisation) => new()
    {
        ["listType"] = MarketList,
        ["subject"] = new JsonObject { ["id"] = subject, ["name"] = "福州示例食品有限公司" },
        ["responsiblePersons"] = new JsonArray
        {
            new JsonObject { ["id"] = LegalRepresentative, ["name"] = "张三", ["role"] = "legal-representative" },
            new JsonObject { ["id"] = DirectlyResponsible, ["name"] = "王五", ["role"] = "directly-responsible" },
        },
        ["facts"] = "因提供虚假材料取得许可被吊销许可证，三年内再次实施同类违法行为。",
        ["legalBasis"] = "《市场监督管理严重违法失信名单管理办法》第十条",
        ["noticeDocument"] = noticeDocument,
    };

    /// <summary>The STA's serious tax violators list on <paramref name="subject"/>, naming its legal representative.</summary>
    public static JsonObject TaxViolatorDesignation(string subject = Organisation, string noticeDocument = "税总稽告〔2026〕3号") => new()
    {
        ["listType"] = TaxList,
        ["subject"] = new JsonObject { ["id"] = subject, ["name"] = "福州示例食品有限公司" },
        ["responsiblePersons"] = new JsonArray
        {
            new JsonObject { ["id"] = LegalRepresentative, ["name"] = "张三", ["role"] = "legal-representative" },
        },
        ["facts"] = "虚开增值税专用发票，涉及税额一百万元以上。",
        ["legalBasis"] = "《重大税收违法失信主体信息公布管理办法》第六条",
        ["noticeDocument"] = noticeDocument,
    };

    /// <summary>The STA's A-grade taxpayer red list on <paramref name="subject"/>.</summary>
    public static JsonObject AGradeDesignation(string subject = Organisation, string noticeDocument = "税总信告〔2026〕1号") => new()
    {
        ["listType"] = RedList,
        ["subject"] = new JsonObject { ["id"] = subject, ["name"] = "福州示例食品有限公司" },
        ["facts"] = "2025年度纳税信用评价为A级。",
        ["legalBasis"] = "《纳税信用管理办法（试行）》第三十条",
        ["noticeDocument"] = noticeDocument,
    };

    public static JsonObject DefaulterDesignation(string subject = Person, string name = "李四", string noticeDocument = "（2026）闽01执告123号") => new()
    {
        ["listType"] = DefaultersList,
        ["subject"] = new JsonObject { ["id"] = subject, ["name"] = name },
        ["facts"] = "有履行能力而拒不履行生效法律文书确定的义务。",
        ["legalBasis"] = "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（一）项",
        ["noticeDocument"] = noticeDocument,
        ["entryFields"] = DefaulterEntryFields(),
    };

    /// <summary>What the SPC publishes of a defaulter (catalog entryFields of judgment-defaulters).</summary>
    public static JsonObject DefaulterEntryFields() => new()
    {
        ["obligation"] = "被执行人于判决生效之日起十日内向申请执行人支付货款人民币三十万元及利息。",
        ["performance-status"] = "全部未履行",
        ["untrustworthy-circumstance"] = "有履行能力而拒不履行生效法律文书确定义务",
        ["enforcement-court"] = "福州市中级人民法院",
        ["case-number"] = "（2026）闽01执123号",
    };

    public static JsonObject Decision(string? term = null, string document = "国市监信决〔2026〕7号")
    {
        var body = new JsonObject
        {
            ["decisionDocument"] = document,
            ["reasons"] = "经核查，当事人提供虚假材料的事实清楚、证据确凿，陈述申辩理由不成立。",
        };
        if (term is not null)
        {
            body["term"] = term;
        }

        return body;
    }

    public static JsonObject Statement(string text = "我公司已整改，请求不予列入。") => new()
    {
        ["statement"] = text,
        ["evidence"] = "整改报告（2026年11月20日）",
    };
}
