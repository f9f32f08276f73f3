using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Storage;

namespace PublicCredit.Web.Hosting;

/// <summary>
/// The demo data set of `serve --demo`, loaded only into an empty database: one API key per role, so a newcomer can
/// call every endpoint at once. Records and designations join it as those capabilities arrive.
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
    }
}
