using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Checks;

/// <summary>
/// A running server follows what other writers commit to its database (ADR 0012): on PostgreSQL other nodes, on SQLite
/// `pcredit import` run beside `pcredit serve` on the same file.
/// </summary>
public abstract class FollowerTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task Records_imported_by_another_process_withhold_the_green_channel_within_a_second()
    {
        // Registered in 2019: a history the platform knows for the clean period (docs/checks.md).
        await Given.RegisteredOrganisationAsync(DesignationBodies.OtherOrganisation, establishedOn: "2019-05-06");
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var body = new JsonObject { ["subject"] = DesignationBodies.OtherOrganisation, ["matter"] = "market-access" };
        var before = await checker.PostExpectAsync("/api/v1/checks", body, HttpStatusCode.OK, Cancel);
        Assert.Equal("green-channel", Assert.Single(before.GetProperty("measures").EnumerateArray()).GetProperty("measure").GetString());

        var folder = Directory.CreateTempSubdirectory("pcredit-follow-").FullName;
        var file = Path.Combine(folder, "records.csv");
        await File.WriteAllTextAsync(file,
            "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content\n" +
            $"administrative-penalty,{DesignationBodies.OtherOrganisation},北京示例科技有限公司,京市监罚〔2026〕88号,2026-11-20,general," +
            "《中华人民共和国广告法》第五十五条,发布虚假广告,罚款\n", new UTF8Encoding(false), Cancel);
        var import = await CliRunner.RunAsync("import", file, "--dept", "samr", "--db", Server.Database.ConnectionString, "--catalog", RepositoryPaths.Catalog);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);

        var waited = Stopwatch.StartNew();
        while (true)
        {
            var after = await checker.PostExpectAsync("/api/v1/checks", body, HttpStatusCode.OK, Cancel);
            if (after.GetProperty("outcome").GetString() == "clear")
            {
                break;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(1), $"still {after} after {waited.Elapsed}");
            await Task.Delay(50, Cancel);
        }
    }

    [Fact]
    public async Task A_registration_imported_by_another_process_gives_an_unseen_organisation_its_history_within_a_second()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var body = new JsonObject { ["subject"] = DesignationBodies.OtherOrganisation, ["matter"] = "market-access" };
        var before = await checker.PostExpectAsync("/api/v1/checks", body, HttpStatusCode.OK, Cancel);
        Assert.Equal("history-unknown", Assert.Single(before.GetProperty("withheld").EnumerateArray()).GetProperty("reason").GetString());

        var folder = Directory.CreateTempSubdirectory("pcredit-follow-").FullName;
        var file = Path.Combine(folder, "records.csv");
        await File.WriteAllTextAsync(file,
            "category,subjectId,subjectName,documentNumber,decisionDate,legalBasis,content\n" +
            $"registration,{DesignationBodies.OtherOrganisation},北京示例科技有限公司,京市监登〔2019〕17号,2019-05-06,《企业信息公示暂行条例》第六条,设立登记\n",
            new UTF8Encoding(false), Cancel);
        var import = await CliRunner.RunAsync("import", file, "--dept", "samr", "--db", Server.Database.ConnectionString, "--catalog", RepositoryPaths.Catalog);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);

        var waited = Stopwatch.StartNew();
        while (true)
        {
            var after = await checker.PostExpectAsync("/api/v1/checks", body, HttpStatusCode.OK, Cancel);
            if (after.GetProperty("outcome").GetString() == "measures")
            {
                Assert.Equal("green-channel", Assert.Single(after.GetProperty("measures").EnumerateArray()).GetProperty("measure").GetString());
                break;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(1), $"still {after} after {waited.Elapsed}");
            await Task.Delay(50, Cancel);
        }
    }
}

public sealed class FollowerTests_on_SQLite() : FollowerTests(new SqliteTestDatabases());

public sealed class FollowerTests_on_PostgreSQL(PostgresClusterFixture cluster) : FollowerTests(new PostgresTestDatabases(cluster));
