using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Cli;

/// <summary>The operator's commands (docs/api.md#command-line) against a real database of each provider.</summary>
public abstract class OperatorCommandTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Db_migrate_on_a_migrated_database_says_it_is_up_to_date()
    {
        var target = await databases.CreateAsync(Cancel);

        var result = await CliRunner.RunAsync("db", "migrate", "--db", target.ConnectionString);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("up to date", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_create_prints_the_key_last_and_the_key_authenticates_with_its_role()
    {
        var target = await databases.CreateAsync(Cancel);

        var result = await CliRunner.RunAsync("keys", "create", "--role", "auditor", "--dept", Departments.Ndrc,
            "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);

        Assert.Equal(0, result.ExitCode);
        var key = result.Lines[^1];
        Assert.StartsWith("pck_", key, StringComparison.Ordinal);
        await using var server = await RunningServer.RestartAsync(target, Cancel);
        using var client = server.Client(key);
        var verification = await client.GetAsync(new Uri("/api/v1/ledger/verification", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, verification.StatusCode);
    }

    [Fact]
    public async Task Keys_create_refuses_an_unknown_role_with_its_code_and_creates_nothing()
    {
        var target = await databases.CreateAsync(Cancel);

        var result = await CliRunner.RunAsync("keys", "create", "--role", "root", "--dept", Departments.Ndrc,
            "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("role-unknown", result.Error, StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(target);
        Assert.Equal(0, await db.ApiKeys.CountAsync(Cancel));
        Assert.Equal(0, await db.LedgerEvents.CountAsync(Cancel));
    }

    [Fact]
    public async Task Ledger_verify_passes_then_fails_at_the_edited_event_after_a_row_is_edited_in_the_database()
    {
        var target = await databases.CreateAsync(Cancel);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await CliRunner.RunAsync("keys", "create", "--role", "checker", "--dept", Departments.Mof,
                "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog)).ExitCode);
        }

        var before = await CliRunner.RunAsync("ledger", "verify", "--db", target.ConnectionString);
        Assert.Equal(0, before.ExitCode);
        Assert.Equal("ok 3 events", before.Lines[^1]);

        await using (var db = StorageServices.CreateContext(target))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE ledger_events SET department = 'ndrc' WHERE position = 2", Cancel);
        }

        var after = await CliRunner.RunAsync("ledger", "verify", "--db", target.ConnectionString);
        Assert.Equal(1, after.ExitCode);
        Assert.StartsWith("broken at position 2:", after.Lines[^1], StringComparison.Ordinal);
    }
}

public sealed class OperatorCommandTests_on_SQLite() : OperatorCommandTests(new SqliteTestDatabases());

public sealed class OperatorCommandTests_on_PostgreSQL(PostgresClusterFixture cluster) : OperatorCommandTests(new PostgresTestDatabases(cluster));

/// <summary>Commands that touch no database.</summary>
public sealed class OfflineCommandTests
{
    [Fact]
    public async Task Id_check_prints_one_line_per_value_and_exits_1_when_any_is_invalid()
    {
        var result = await CliRunner.RunAsync("id", "check", "９１３５０１００ｍ０００１００ｙ４３", "11010519491231002x", "110105194912310029");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            ["91350100M000100Y43\tvalid\tuscc", "11010519491231002X\tvalid\tresident-id", "110105194912310029\tinvalid\tid-check-character: check character is '9', expected 'X'"],
            result.Lines);
    }

    [Fact]
    public async Task Id_check_exits_0_when_all_values_are_valid()
    {
        var result = await CliRunner.RunAsync("id", "check", "91350100M000100Y43");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Catalog_validate_accepts_the_default_catalog()
    {
        var result = await CliRunner.RunAsync("catalog", "validate", RepositoryPaths.Catalog);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ok: catalog ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_validate_reports_file_line_and_code_and_exits_1()
    {
        var broken = Directory.CreateTempSubdirectory("pcredit-broken-catalog-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Catalog))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }

        var standards = Path.Combine(broken, "list-types.yaml");
        var lines = await File.ReadAllLinesAsync(standards, Cancel);
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith("commentPeriodDays:", StringComparison.Ordinal));
        lines[index] = lines[index][..lines[index].IndexOf(':', StringComparison.Ordinal)] + ": 20";
        await File.WriteAllLinesAsync(standards, lines, Cancel);

        var result = await CliRunner.RunAsync("catalog", "validate", broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"list-types.yaml:{index + 1}: standard-comment-period-too-short:", result.Output, StringComparison.Ordinal);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
