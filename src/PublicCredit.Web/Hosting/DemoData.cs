using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Demo;
using PublicCredit.Records;
using PublicCredit.Time;
using PublicCredit.Storage;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The demo data set of `serve --demo`, loaded only into an empty database: one API key per role, so a newcomer can
/// call every endpoint at once, and a small synthetic set of credit records (the generator of `pcredit demo
/// generate`, fixed seed) submitted by their departments through the same use case as the API.
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
                .RunAsync(Caller.Operator, new CreateApiKeyRequest(role.ToCode(), department, name), cancellationToken);
            report.Add($"  {role.ToCode(),-9} {department,-5} {created.Key}");
        }

        await SeedRecordsAsync(scope.ServiceProvider, report, cancellationToken);
        await SeedSelfServiceAsync(scope.ServiceProvider, report, cancellationToken);
    }

    /// <summary>One subject's self-service token, so that /me can be tried at once (issue 8 §5).</summary>
    private static async Task SeedSelfServiceAsync(IServiceProvider services, StartupReport report, CancellationToken cancellationToken)
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
        report.Add($"demo self-service token for {subject.Name} ({subject.SubjectId}), for /me: {issued.Token}");
    }

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
