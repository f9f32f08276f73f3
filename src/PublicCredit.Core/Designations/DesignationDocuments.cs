using System.Globalization;
using PublicCredit.Catalog;
using PublicCredit.Text;

namespace PublicCredit.Designations;

public sealed record CodeAndNameRef(string Code, LocalizedText Name);

public sealed record StandardRef(string Document, string Title, DateOnly Effective);

public sealed record ListTypeRef(string Code, LocalizedText Name, string Kind, StandardRef DesignationStandard);

public sealed record SubjectRef(string Id, string Name, string Kind);

/// <summary>A responsible person as documents name them: name and role, never the ID number (ADR 0009 §5).</summary>
public sealed record PersonRef(string Name, string Role);

/// <param name="Stated">The basis the department states for this case.</param>
/// <param name="ListType">The list type's own basis from the catalog (law + article).</param>
public sealed record LegalBasisRef(string Stated, IReadOnlyList<string> ListType);

public sealed record MemorandumRef(string Code, string Document);

/// <summary>A measure as the notice announces and the decision states it (docs/domain.md#measures: measure, basis, implementing agency).</summary>
public sealed record MeasureStatement(
    string Measure,
    LocalizedText Name,
    string Kind,
    string Binding,
    string Severity,
    IReadOnlyList<string> LegalBasis,
    string ImplementingDepartment,
    IReadOnlyList<MemorandumRef> Memoranda,
    bool ReachesResponsiblePersons);

/// <summary>A right or remedy of the subject: what it is, until when or within how long, on what basis and how.</summary>
/// <param name="Within">An ISO-8601 duration counted from when the subject learns of the decision (or of a refusal).</param>
public sealed record SubjectRight(
    string Right,
    LocalizedText Description,
    DateOnly? Until,
    string? Within,
    IReadOnlyList<string> LegalBasis,
    string? How);

public sealed record ObjectionWindowRef(int WorkingDays, DateOnly Deadline, bool CalendarProvisional);

public sealed record TermRef(string Default, string Max);

/// <summary>The notice's activation code for the subject: its id and expiry (the code itself only in the proposal's answer).</summary>
public sealed record ActivationRef(Guid CodeId, DateTimeOffset ExpiresAt, string How);

/// <summary>
/// The notice served before designation (docs/design.md#3-notice-before-listing; docs/domain.md#lists): facts, legal basis, intended measures, the
/// objection deadline in working days and the subject's rights. Stored as canonical JSON, exactly as served.
/// </summary>
public sealed record DesignationNotice(
    Guid DesignationId,
    string NoticeDocument,
    DateTimeOffset NoticedAt,
    CodeAndNameRef Department,
    ListTypeRef ListType,
    SubjectRef Subject,
    string Facts,
    LegalBasisRef LegalBasis,
    IReadOnlyList<MeasureStatement> IntendedMeasures,
    IReadOnlyList<PersonRef> ResponsiblePersons,
    ObjectionWindowRef ObjectionWindow,
    TermRef Term,
    IReadOnlyList<SubjectRight> Rights,
    ActivationRef Activation);

public sealed record DecisionTermRef(string Duration, DateTimeOffset EffectiveFrom, DateTimeOffset ExpiresAt, string Max);

public sealed record AutomaticRemovalRef(string Trigger, int WithinWorkingDays, LocalizedText Description);

public sealed record RestorationRef(LocalizedText Description, IReadOnlyList<string> LegalBasis, int AcceptWithinWorkingDays, int DecideWithinWorkingDays, bool FreeOfCharge);

/// <summary>How the designation ends or can be removed (docs/domain.md#lists "how to be removed"; docs/domain.md#restoration).</summary>
public sealed record RemovalRef(DateTimeOffset TermEnds, LocalizedText OnExpiry, AutomaticRemovalRef? Automatic, RestorationRef? Restoration, LocalizedText Objection);

public sealed record ProcedureRef(string NoticeDocument, DateTimeOffset NoticedAt, DateOnly ObjectionDeadline, int StatementsOnFile, bool DecidedBeforeDeadline);

/// <summary>
/// The decision document (docs/domain.md#lists): facts, reasons, legal basis, measures, term, how to be removed and remedies.
/// Stored as canonical JSON, exactly as issued; <c>GET /api/v1/designations/{id}/decision</c> returns it.
/// </summary>
public sealed record DesignationDecisionDocument(
    Guid DesignationId,
    string DecisionDocument,
    DateTimeOffset DecidedAt,
    CodeAndNameRef Department,
    ListTypeRef ListType,
    SubjectRef Subject,
    string Facts,
    string Reasons,
    LegalBasisRef LegalBasis,
    IReadOnlyList<MeasureStatement> Measures,
    IReadOnlyList<PersonRef> ResponsiblePersons,
    DecisionTermRef Term,
    RemovalRef Removal,
    IReadOnlyList<SubjectRight> Remedies,
    ProcedureRef Procedure);

/// <summary>The content of notices and decision documents, from the catalog and the law on remedies.</summary>
public static class DesignationDocuments
{
    /// <summary>
    /// Every measure the memoranda apply to a list type, in catalog order, with the memoranda that apply it
    /// (docs/domain.md#joint-measures: memoranda turn list membership into measures).
    /// </summary>
    public static IReadOnlyList<MeasureStatement> MeasuresFor(CreditCatalog catalog, string listTypeCode)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var memoranda = catalog.MemorandaFor(listTypeCode).ToList();
        return [.. catalog.Measures
            .Where(m => memoranda.Exists(memo => memo.Measures.Contains(m.Code, StringComparer.Ordinal)))
            .Select(m => new MeasureStatement(
                m.Code,
                m.Name,
                m.Kind.Code(),
                m.Binding.Code(),
                m.Severity.Code(),
                [.. m.LegalBasis.Select(b => b.ToString())],
                m.ImplementingDepartment,
                [.. memoranda.Where(memo => memo.Measures.Contains(m.Code, StringComparer.Ordinal)).Select(memo => new MemorandumRef(memo.Code, memo.Document.Number))],
                m.ReachesResponsiblePersons))];
    }

    public static ListTypeRef ListTypeOf(ListType listType)
    {
        ArgumentNullException.ThrowIfNull(listType);
        var standard = listType.DesignationStandard;
        return new ListTypeRef(listType.Code, listType.Name, listType.Kind.Code(),
            new StandardRef(standard.Document, standard.Title, standard.Effective));
    }

    public static LegalBasisRef LegalBasisOf(string stated, ListType listType)
    {
        ArgumentNullException.ThrowIfNull(listType);
        return new LegalBasisRef(stated, [.. listType.LegalBasis.Select(b => b.ToString())]);
    }

    /// <summary>The rights the notice tells the subject of: state its case, object, and the remedies against a decision.</summary>
    public static IReadOnlyList<SubjectRight> Rights(Guid designationId, DateOnly deadline, Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        var day = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            new SubjectRight("state-case",
                new LocalizedText(
                    $"您有权在{day}（含当日）前陈述、申辩并提交证据；您的陈述在案后，认定部门可在期限届满前作出决定。",
                    $"You may state your case and submit evidence until {day} (inclusive); once your statement is on file the department may decide before that day."),
                deadline, null, [], $"POST /api/v1/designations/{designationId}/statements with the self-service token"),
            // docs/domain.md#objections-and-restoration: an objection suspends enforcement of the disputed item during review.
            new SubjectRight("object",
                new LocalizedText(
                    "您有权对认定提出异议并提交证据；异议提出后，在核查期间暂停公示和惩戒措施。",
                    "You may object to the designation with evidence; while the objection is reviewed, publication and measures are suspended."),
                null, null, [], "POST /api/v1/objections with {\"target\":{\"designationId\":\"" + designationId + "\"}}"),
            .. Remedies(department),
        ];
    }

    /// <summary>
    /// Remedies against the decision (docs/domain.md#lists). A government department's designation is an administrative act:
    /// administrative reconsideration within 60 days and administrative litigation within 6 months. A court's listing
    /// of a judgment defaulter is a judicial act, to which neither applies: the defaulter applies to the court for
    /// correction and may ask the court at the next level to reconsider a refusal (ADR 0009 §6).
    /// </summary>
    public static IReadOnlyList<SubjectRight> Remedies(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        if (department.Kind == DepartmentKind.Court)
        {
            return
            [
                // 法释〔2017〕7号 art. 11: the listed party may apply to the enforcing court for correction.
                new SubjectRight("court-correction",
                    new LocalizedText("认为不应纳入名单、信息记载不准确或应予删除的，可以向执行法院书面申请纠正。",
                        "If you should not be on the list, the information is inaccurate, or it should be deleted, you may apply in writing to the enforcing court for correction."),
                    null, null, ["《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）第十一条"], null),
                // 法释〔2017〕7号 art. 12: review within 15 days; a refusal may be taken to the next-level court within 10 days.
                new SubjectRight("court-reconsideration",
                    new LocalizedText("对驳回纠正申请的决定不服的，可以自决定书送达之日起十日内向上一级人民法院申请复议。",
                        "If your application for correction is refused, you may apply to the court at the next level for reconsideration within 10 days of being served the refusal."),
                    null, "P10D", ["《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）第十二条"], null),
            ];
        }

        return
        [
            // Administrative Reconsideration Law (2023 revision, in force 2024-01-01) art. 20: 60 days from knowing of the act.
            new SubjectRight("administrative-reconsideration",
                new LocalizedText("对认定决定不服的，可以自知道或者应当知道该决定之日起六十日内依法申请行政复议。",
                    "If you disagree with the decision you may apply for administrative reconsideration within 60 days of learning of it."),
                null, "P60D", ["《中华人民共和国行政复议法》第二十条"], null),
            // Administrative Litigation Law art. 46: 6 months from knowing of the act.
            new SubjectRight("administrative-litigation",
                new LocalizedText("也可以自知道或者应当知道该决定之日起六个月内依法向人民法院提起行政诉讼。",
                    "You may also bring an administrative lawsuit before a people's court within 6 months of learning of it."),
                null, "P6M", ["《中华人民共和国行政诉讼法》第四十六条"], null),
        ];
    }

    /// <summary>How the designation ends or can be removed, for the decision document.</summary>
    public static RemovalRef Removal(ListType listType, Department department, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(listType);
        ArgumentNullException.ThrowIfNull(department);
        var end = expiresAt.ToOffset(Time.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        AutomaticRemovalRef? automatic = listType.AutomaticRemoval is { } removal
            ? new AutomaticRemovalRef(
                removal.Trigger.Code(),
                removal.Within.Count,
                removal.Trigger == RemovalTrigger.ObligationPerformed
                    ? new LocalizedText($"履行义务后，于{removal.Within.Count}个工作日内移出名单。",
                        $"Once the obligation is performed, you are removed from the list within {removal.Within.Count} working days.")
                    : new LocalizedText($"纠正失信原因后，于{removal.Within.Count}个工作日内移出名单。",
                        $"Once the cause is corrected, you are removed from the list within {removal.Within.Count} working days."))
            : null;
        return new RemovalRef(
            expiresAt,
            new LocalizedText($"期限届满（{end}，北京时间）时自动移出名单，公示和惩戒措施同时停止。",
                $"At the end of the term ({end} China time) the designation ends by itself; publication and measures stop at once."),
            automatic,
            // docs/domain.md#objections-and-restoration: single window, accept within 3 working days, result within 10, free of charge. A court's
            // listing is removed by the court itself (correction, or deletion once performed), not by credit restoration.
            department.Kind == DepartmentKind.Court ? null : new RestorationRef(
                new LocalizedText("符合条件的，可以通过\"信用中国\"网站一站式申请信用修复，免费办理；修复后公示和惩戒措施同时停止。",
                    "When the conditions are met you may apply for credit restoration through the single window (Credit China), free of charge; once restored, publication and measures stop at once."),
                ["国家发展和改革委员会令第36号", "国办发〔2025〕22号"], 3, 10, FreeOfCharge: true),
            new LocalizedText("认定部门依异议复核或依职权撤销认定的，公示和惩戒措施同时停止。",
                "If the department revokes the designation, on an objection or of its own motion, publication and measures stop at once."));
    }
}
