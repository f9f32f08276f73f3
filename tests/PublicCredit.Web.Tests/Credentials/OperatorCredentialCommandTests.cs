using System.Net;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Credentials;

/// <summary>
/// The operator's credential commands (docs/api.md additions; ADR 0030, 0031): `keys create --expires`, `keys list`,
/// `keys revoke &lt;key or id&gt;`, `subjects token revoke &lt;token or id&gt;` — each ends a credential that a running
/// server then refuses.
/// </summary>
public abstract class OperatorCredentialCommandTests(ITestDatabases databases)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_revoke_with_the_key_itself_ends_it_for_a_running_server_and_keys_list_shows_it_revoked()
    {
        var target = await databases.CreateAsync(Cancel);
        var created = await CliRunner.RunAsync("keys", "create", "--role", "platform-admin", "--dept", Departments.Ndrc,
            "--expires", "2099-01-01", "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);
        Assert.Equal(2, created.ExitCode); // more than three years ahead
        Assert.Contains("key-expiry-out-of-range", created.Error, StringComparison.Ordinal);
        created = await CliRunner.RunAsync("keys", "create", "--role", "platform-admin", "--dept", Departments.Ndrc,
            "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);
        Assert.Equal(0, created.ExitCode);
        var key = created.Lines[^1];
        await using var server = await RunningServer.RestartAsync(target, TimeProvider.System.GetUtcNow(), Cancel);
        using var client = server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel)).StatusCode);

        var revoked = await CliRunner.RunAsync("keys", "revoke", key, "--db", target.ConnectionString);
        var list = await CliRunner.RunAsync("keys", "list", "--db", target.ConnectionString);

        Assert.Equal(0, revoked.ExitCode);
        Assert.StartsWith("revoked key ", revoked.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("\trevoked\tplatform-admin\tndrc\t", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRunner.RunAsync("keys", "revoke", key, "--db", target.ConnectionString)).ExitCode);
        // The running server's cached copy is dropped by its ledger follower (another process revoked it).
        await UntilRefusedAsync(client, "/api/v1/keys");
    }

    [Fact]
    public async Task Subjects_token_revoke_ends_a_self_service_token_for_a_running_server()
    {
        var target = await databases.CreateAsync(Cancel);
        var issued = await CliRunner.RunAsync("subjects", "token", "--id", RecordBodies.OrganisationId, "--db", target.ConnectionString);
        Assert.Equal(0, issued.ExitCode);
        var token = issued.Lines[^1];
        await using var server = await RunningServer.RestartAsync(target, TimeProvider.System.GetUtcNow(), Cancel);
        using var subject = server.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await subject.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);

        var revoked = await CliRunner.RunAsync("subjects", "token", "revoke", token, "--db", target.ConnectionString);

        Assert.Equal(0, revoked.ExitCode);
        Assert.StartsWith("revoked self-service token ", revoked.Lines[^1], StringComparison.Ordinal);
        await UntilRefusedAsync(subject, "/api/v1/me");
    }

    private static async Task UntilRefusedAsync(HttpClient client, string path)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync(new Uri(path, UriKind.Relative), Cancel)).StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                return;
            }

            await Task.Delay(100, Cancel);
        }
        while (since.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Fail($"{path} still answered {(int)status} 5 s after the revocation");
    }
}

public sealed class OperatorCredentialCommandTests_on_SQLite() : OperatorCredentialCommandTests(new SqliteTestDatabases());

public sealed class OperatorCredentialCommandTests_on_PostgreSQL(PostgresClusterFixture cluster) : OperatorCredentialCommandTests(new PostgresTestDatabases(cluster));
