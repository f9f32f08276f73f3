
namespace PublicCredit.Web.Api;

// The JSON bodies the routes read, for the OpenAPI document (ADR 0048). The routes read raw JSON themselves, field by
// field (so that a wrongly typed field is a coded 422, never a 400 for the whole body), and refuse members not named
// here; these types only describe that shape. A nullable member is optional. Each has the example the document shows.
#pragma warning disable SA1402, SA1649 // Small description-only records kept together.

/// <summary>The subject of a record or designation: a USCC or resident ID, its name, and optionally its kind.</summary>
internal sealed record SubjectBody(string Id, string Name, string? Kind);

/// <summary>A record as a department submits it (docs/api.md#record-shape); the source department is the caller's.</summary>
internal record RecordBody(
    string Category, SubjectBody Subject, string DocumentNumber, string DecisionDate, string? Severity, string LegalBasis,
    string? Facts, string? Content, decimal? Amount, string? LegalRepresentative, string? PublicUntil)
{
    public static RecordBody Example { get; } = new(
        "administrative-penalty", new SubjectBody("91350100M000100Y43", "福州示例食品有限公司", null), "闽市监罚〔2026〕101号",
        "2026-11-20", "general", "《中华人民共和国食品安全法》第一百二十四条", "生产经营超范围使用食品添加剂的食品", "罚款", 12.5m, "张三", null);
}

/// <summary>A correction: the whole record as it should now read, and why.</summary>
internal sealed record RecordCorrectionBody(
    string Category, SubjectBody Subject, string DocumentNumber, string DecisionDate, string? Severity, string LegalBasis,
    string? Facts, string? Content, decimal? Amount, string? LegalRepresentative, string? PublicUntil, string Reason)
{
    public static RecordCorrectionBody Example { get; } = new(
        RecordBody.Example.Category, RecordBody.Example.Subject, RecordBody.Example.DocumentNumber, RecordBody.Example.DecisionDate,
        RecordBody.Example.Severity, RecordBody.Example.LegalBasis, RecordBody.Example.Facts, RecordBody.Example.Content, 1250m,
        RecordBody.Example.LegalRepresentative, null, "罚款金额录入错误，按决定书更正");
}

/// <summary>A responsible person reached by a designation: identity number, name, and role (e.g. legal-representative).</summary>
internal sealed record ResponsiblePersonBody(string Id, string Name, string Role);

/// <summary>A designation as a designating department proposes it (docs/designations.md).</summary>
internal sealed record ProposeDesignationBody(
    string ListType, SubjectBody Subject, IReadOnlyList<ResponsiblePersonBody>? ResponsiblePersons, string Facts, string LegalBasis,
    string NoticeDocument, IReadOnlyList<string>? IntendedMeasures, IReadOnlyList<Guid>? BasisRecordIds,
    IReadOnlyDictionary<string, string>? EntryFields)
{
    public static ProposeDesignationBody Example { get; } = new(
        "serious-untrustworthy-market", new SubjectBody("91350100M000100Y43", "福州示例食品有限公司", null), null,
        "一年内因同一违法行为受到三次行政处罚", "《市场监督管理严重违法失信名单管理办法》第二条", "闽市监失信告〔2026〕1号", null,
        [Guid.Parse("0196b5a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b")], null);
}

/// <summary>The subject's own statement on a designation, with optional evidence.</summary>
internal sealed record StatementBody(string Statement, string? Evidence)
{
    public static StatementBody Example { get; } = new("我公司已全部整改并缴清罚款", "缴款凭证编号 2026-0001");
}

/// <summary>A reviewer's decision: the decision document, reasons, and optionally the first day in force and the term (ISO-8601).</summary>
internal sealed record DecisionBody(string DecisionDocument, string Reasons, string? EffectiveFrom, string? Term)
{
    public static DecisionBody Example { get; } = new("闽市监失信决〔2026〕1号", "告知期满，当事人未提出异议", null, "P1Y");
}

/// <summary>A revocation: reasons and optionally the revocation document.</summary>
internal sealed record RevocationBody(string Reasons, string? RevocationDocument)
{
    public static RevocationBody Example { get; } = new("认定依据的处罚决定已被撤销", null);
}

/// <summary>Reasons alone: a red entry confirmed back in force, or an objection's target suspended.</summary>
internal sealed record ReasonsBody(string Reasons)
{
    public static ReasonsBody Example { get; } = new("主体已重新符合列入条件");
}

/// <summary>A check: the subject (USCC or resident ID), the matter (a catalog code), and optionally the instant or date to check as of.</summary>
internal sealed record CheckRequestBody(string Subject, string Matter, string? AsOf)
{
    public static CheckRequestBody Example { get; } = new("91350100M000100Y43", "government-procurement", null);
}

/// <summary>A batch of checks: up to 1000 items, each a single check's body.</summary>
internal sealed record CheckBatchRequestBody(IReadOnlyList<CheckRequestBody> Items)
{
    public static CheckBatchRequestBody Example { get; } = new([CheckRequestBody.Example, new("91350100M000100Y43", "market-access", "2027-01-01")]);
}

/// <summary>Feedback on one measure a check returned: whether it was applied, with an optional note.</summary>
internal sealed record FeedbackBody(string Measure, bool Applied, string? Note)
{
    public static FeedbackBody Example { get; } = new("restrict-government-procurement", true, null);
}

/// <summary>What an objection or restoration is about: exactly one of a designation id or a record id.</summary>
internal sealed record TargetBody(Guid? DesignationId, Guid? RecordId);

/// <summary>An objection: its target, the grounds, optional evidence.</summary>
internal sealed record ObjectionBody(TargetBody Target, string Grounds, string? Evidence)
{
    public static ObjectionBody Example { get; } = new(
        new TargetBody(null, Guid.Parse("0196b5a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b")), "处罚决定已被行政复议撤销", "复议决定书 闽复〔2026〕3号");
}

/// <summary>How an objection ends.</summary>
internal enum ObjectionOutcomeBody
{
    Upheld,
    Rejected,
}

/// <summary>A reviewer's resolution of an objection.</summary>
internal sealed record ResolutionBody(ObjectionOutcomeBody Outcome, string Reasons)
{
    public static ResolutionBody Example { get; } = new(ObjectionOutcomeBody.Upheld, "复议决定书属实，撤回该记录");
}

/// <summary>A restoration application: its target, the commitment (true), optional evidence. Never a fee.</summary>
internal sealed record RestorationBody(TargetBody Target, bool Commitment, string? Evidence)
{
    public static RestorationBody Example { get; } = new(
        new TargetBody(Guid.Parse("0196b5a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b"), null), true, "已履行全部义务，见缴款凭证");
}

/// <summary>Whether a restoration application is accepted, and why.</summary>
internal sealed record AcceptRestorationBody(bool Accepted, string Reasons)
{
    public static AcceptRestorationBody Example { get; } = new(true, "材料齐全");
}

/// <summary>Whether a restoration is granted, and why.</summary>
internal sealed record DecideRestorationBody(bool Granted, string Reasons)
{
    public static DecideRestorationBody Example { get; } = new(true, "已履行义务，符合修复条件");
}

/// <summary>An obligation performed: the document showing it, the date it was performed, optional evidence.</summary>
internal sealed record PerformanceBody(string PerformanceDocument, string PerformedOn, string? Evidence)
{
    public static PerformanceBody Example { get; } = new("缴款凭证 2026-0001", "2026-11-20", null);
}

/// <summary>The one-time activation code printed in a designation notice.</summary>
internal sealed record ActivationBody(string Code)
{
    public static ActivationBody Example { get; } = new("PCA-7Q2M-9XKD-4HPR-3ZWA-8NTB");
}

/// <summary>A new API key: its one role and one department, optionally a name and its last day (default a year from now).</summary>
internal sealed record ApiKeyBody(string Role, string Department, string? Name, string? Expires)
{
    public static ApiKeyBody Example { get; } = new("checker", "ndrc", "approval system", "2027-06-30");
}

#pragma warning restore SA1402, SA1649
