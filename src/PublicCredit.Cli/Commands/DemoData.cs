using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Demo;
using PublicCredit.Designations;
using PublicCredit.Records;
using PublicCredit.Text;
using PublicCredit.Time;
using PublicCredit.Storage;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Cli.Commands;

/// <summary>
/// The demo data set of `serve --demo`, loaded only into an empty database: one API key per role, so a newcomer can
/// call every endpoint at once, and a small synthetic set of credit records (the generator of `pcredit demo
/// generate`, fixed seed) submitted by their departments through the same use case as the API, a few list entries, and
/// the red-and-black case (a company on the A-grade taxpayer red list, then the serious tax violators black list).
/// </summary>
internal static class DemoData
{
    private static readonly (Role Role, string Department, string Name)[] Keys =
    [
        (Role.Admin, "ndrc", "演示 管理员 / demo admin"),
        (Role.Recorder, "samr", "演示 市场监管 录入 / demo recorder"),
        (Role.Reviewer, "samr", "演示 市场监管 审核 / demo reviewer"),
        (Role.Checker, "mof", "演示 政府采购 核查 / demo checker"),
        (Role.Auditor, "ndrc", "演示 审计 / demo auditor"),
    ];

    public static async Task SeedAsync(IServiceProvider services, StartupReport report, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
        if (await db.ApiKeys.AnyAsync(cancellationToken))
        {
            report.Add("demo: the database already has data; nothing loaded (demo keys were printed when it was first created)");
            return;
        }

        report.Add("demo keys (shown once; only their hashes are stored):");
        foreach (var (role, department, name) in Keys)
        {
            var created = await scope.ServiceProvider.GetRequiredService<CreateApiKey>()
                .RunAsync(Caller.Operator, new CreateApiKeyRequest(role.Code(), department, name), cancellationToken);
            report.Add($"  {role.Code(),-9} {department,-5} {created.Key}");
        }

        await SeedRecordsAsync(scope.ServiceProvider, report, cancellationToken);
        var code = await SeedDesignationsAsync(scope.ServiceProvider, report, cancellationToken);
        await SeedSelfServiceAsync(scope.ServiceProvider, report, code, cancellationToken);
        // After the self-service token: the token still goes to the first synthetic organisation.
        await SeedConflictCaseAsync(scope.ServiceProvider, report, cancellationToken);
    }

    /// <summary>
    /// One subject's self-service token as the operator issues it (`pcredit subjects token`), so that /me can be tried
    /// at once (docs/web.md#what-each-page-shows), and the activation code of that subject's notice, as a subject would redeem it at /me
    /// (ADR 0029). Both go to the operator's console, never to a department.
    /// </summary>
    private static async Task SeedSelfServiceAsync(IServiceProvider services, StartupReport report, string? activationCode, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PublicCreditDbContext>();
        var subject = await db.Subjects.AsNoTracking()
            .Where(s => s.Kind == PublicCredit.Identifiers.SubjectKind.Organisation)
            .OrderBy(s => s.SubjectId)
            .FirstOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            return;
        }

        var issued = await services.GetRequiredService<IssueSubjectToken>()
            .RunAsync(Caller.Operator, new IssueSubjectTokenRequest(subject.SubjectId, 30), cancellationToken);
        report.Add($"demo self-service token (operator-issued) for {subject.Name} ({subject.SubjectId}), for /me: {issued.Token}");
        if (activationCode is not null)
        {
            report.Add($"demo activation code from the notice to {subject.Name}, redeem once at /me/signin: {activationCode}");
        }
    }

    /// <summary>The demo's list entries: (list type, designating department, notice and decision documents, facts, legal basis).</summary>
    private static readonly (string ListType, string Department, string Notice, string Decision, string Facts, string LegalBasis)[] Designations =
    [
        ("serious-untrustworthy-market", "samr", "国市监信告〔2026〕901号", "国市监信决〔2026〕901号",
            "提供虚假材料骗取行政许可，被依法吊销许可证。", "《市场监督管理严重违法失信名单管理办法》第十条"),
        ("serious-tax-violators", "sta", "税总信告〔2026〕902号", "税总信决〔2026〕902号",
            "虚开增值税专用发票，涉案税额重大。", "《重大税收违法失信主体信息公布管理办法》第六条"),
        ("a-grade-taxpayers", "sta", "税总评告〔2026〕903号", "税总评决〔2026〕903号",
            "纳税信用评价为A级。", "《纳税信用管理办法（试行）》第二十九条"),
    ];

    /// <summary>
    /// A few list entries through the same use cases as the API (notice → the subject's statement → decision), so checks,
    /// public list entries and /me have something to show; the first goes to the subject whose token is printed.
    /// </summary>
    private static async Task<string?> SeedDesignationsAsync(IServiceProvider services, StartupReport report, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PublicCreditDbContext>();
        var candidates = await db.Subjects.AsNoTracking()
            .Where(s => s.Kind == PublicCredit.Identifiers.SubjectKind.Organisation)
            .OrderBy(s => s.SubjectId)
            .Take(100)
            .ToListAsync(cancellationToken);
        var catalog = services.GetRequiredService<CreditCatalog>();
        var eligibility = services.GetRequiredService<RedListEligibility>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var decided = 0;
        string? firstCode = null;
        foreach (var (listType, department, notice, decision, facts, basis) in Designations)
        {
            // A red list admits only an eligible subject (ADR 0042): the synthetic records decide who that is.
            PublicCredit.Subjects.SubjectRow? subject = null;
            foreach (var candidate in candidates.Where(c => !used.Contains(c.SubjectId)))
            {
                if ((await eligibility.ReasonsAsync(catalog.ListTypes[listType], candidate.SubjectId, now, cancellationToken)).Count == 0)
                {
                    subject = candidate;
                    break;
                }
            }

            if (subject is null)
            {
                continue;
            }

            used.Add(subject.SubjectId);
            var proposal = Json(new
            {
                listType,
                subject = new { id = subject.SubjectId, name = subject.Name },
                facts,
                legalBasis = basis,
                noticeDocument = notice,
            });
            var proposed = await services.GetRequiredService<ProposeDesignation>()
                .RunAsync(Caller.Staff("demo", Role.Recorder, department), DesignationJson.ReadProposal(proposal.RootElement), cancellationToken);
            firstCode ??= proposed.ActivationCode;
            // The demo plays the subject with an operator's credential (ADR 0029: only the subject's own statement counts).
            var statement = Json(new { statement = "已知悉告知内容，无异议。" });
            await services.GetRequiredService<FileStatement>()
                .RunAsync(Caller.Subject("demo", subject.SubjectId, SubjectTokenOrigin.Operator), proposed.Id, DesignationJson.ReadStatement(statement.RootElement), cancellationToken);
            var reasons = Json(new { decisionDocument = decision, reasons = "事实清楚，证据确凿，依据充分。" });
            await services.GetRequiredService<DecideDesignation>()
                .RunAsync(Caller.Staff("demo", Role.Reviewer, department), proposed.Id, DesignationJson.ReadDecision(reasons.RootElement), cancellationToken);
            decided++;
        }

        report.Add(string.Create(CultureInfo.InvariantCulture, $"demo list entries: {decided} designations decided (black and red lists)"));
        return firstCode;
    }

    /// <summary>The red-and-black demo company: known to the platform only through the two list entries below.</summary>
    public const string ConflictCompany = "91350100MA8RBK0192";

    public const string ConflictCompanyName = "福州闽信示范贸易有限公司";

    /// <summary>
    /// The red-and-black case (ADR 0042): the demo company is designated an A-grade taxpayer, then a serious tax violator,
    /// each through notice, the subject's statement and the decision, so the ledger holds the whole story. The black entry
    /// sets the red one aside (<c>suspended-by-conflict</c>): a check on the company gives no incentive, its public profile
    /// shows the black entry only, and the tax department's queue holds the red entry to revoke or confirm.
    /// </summary>
    private static async Task SeedConflictCaseAsync(IServiceProvider services, StartupReport report, CancellationToken cancellationToken)
    {
        string[] lists = ["a-grade-taxpayers", "serious-tax-violators"];
        var catalog = services.GetRequiredService<CreditCatalog>();
        if (!lists.All(catalog.ListTypes.Contains))
        {
            return; // a catalog of its own without these lists: no case to show
        }

        (string ListType, string Notice, string Decision, string Facts, string LegalBasis)[] entries =
        [
            ("a-grade-taxpayers", "税总评告〔2026〕911号", "税总评决〔2026〕911号", "2025年度纳税信用评价为A级。", "《纳税信用管理办法（试行）》第二十九条"),
            ("serious-tax-violators", "税总稽告〔2026〕912号", "税总稽决〔2026〕912号", "虚开增值税专用发票，涉案税额重大。", "《重大税收违法失信主体信息公布管理办法》第六条"),
        ];
        foreach (var (listType, notice, decision, facts, basis) in entries)
        {
            var proposal = Json(new
            {
                listType,
                subject = new { id = ConflictCompany, name = ConflictCompanyName },
                facts,
                legalBasis = basis,
                noticeDocument = notice,
            });
            var proposed = await services.GetRequiredService<ProposeDesignation>()
                .RunAsync(Caller.Staff("demo", Role.Recorder, "sta"), DesignationJson.ReadProposal(proposal.RootElement), cancellationToken);
            var statement = Json(new { statement = "已知悉告知内容。" });
            await services.GetRequiredService<FileStatement>()
                .RunAsync(Caller.Subject("demo", ConflictCompany, SubjectTokenOrigin.Operator), proposed.Id, DesignationJson.ReadStatement(statement.RootElement), cancellationToken);
            var reasons = Json(new { decisionDocument = decision, reasons = "事实清楚，证据确凿，依据充分。" });
            await services.GetRequiredService<DecideDesignation>()
                .RunAsync(Caller.Staff("demo", Role.Reviewer, "sta"), proposed.Id, DesignationJson.ReadDecision(reasons.RootElement), cancellationToken);
        }

        report.Add($"demo red and black: {ConflictCompanyName} ({ConflictCompany}) was designated an A-grade taxpayer, then a serious tax violator; its red entry is suspended-by-conflict");
    }

    private static JsonDocument Json<T>(T value) => JsonSerializer.SerializeToDocument(value);

    public const int Subjects = 300;
    public const int Records = 3000;

    private static async Task SeedRecordsAsync(IServiceProvider services, StartupReport report, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<CreditCatalog>();
        var clock = services.GetRequiredService<TimeProvider>();
        var data = new SyntheticDataSet(catalog, new SyntheticDataOptions(Subjects, Records, Seed: 1, AsOf: ChinaTime.Today(clock)));
        var submit = services.GetRequiredService<SubmitRecords>();
        var created = 0;
        foreach (var department in data.Records().GroupBy(r => r.Department))
        {
            var recorder = Caller.Staff("demo", Role.Recorder, department.Key);
            foreach (var chunk in department.Chunk(SubmitRecords.MaxChunk))
            {
                var outcomes = await submit.RunAsync(recorder, [.. chunk.Select(r => r.ToRecordInput())], cancellationToken);
                created += outcomes.Count(o => o.Status == SubmissionStatus.Created);
            }
        }

        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"demo records: {created} credit records about {Subjects} synthetic subjects, submitted by their departments")
            + (created < Records ? string.Create(CultureInfo.InvariantCulture, $"; {Records - created} refused by the rules") : string.Empty));
    }
}
