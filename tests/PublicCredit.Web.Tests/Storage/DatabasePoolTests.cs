using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Testing;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>
/// A cluster that admits few connections (<c>max_connections</c> 30), whose databases leave the pool size to the node:
/// the node must bound its pool below it (docs/design.md#edges-public-limits-and-audit-reads; ADR 0039 §2).
/// </summary>
public sealed class FewConnectionsCluster : PostgresCluster, IAsyncLifetime
{
    public FewConnectionsCluster()
    {
        MaxConnections = 30;
        PoolSize = null;
    }
}

/// <summary>
/// Many concurrent writers against a database that admits few connections (docs/design.md#edges-public-limits-and-audit-reads; ADR 0039 §2): every write
/// lands or is refused with 503 <c>database-busy</c> and <c>Retry-After</c> — never another 5xx — nothing answered 2xx
/// is lost, and a write retried after a 503 is stored once (records are idempotent by department and document number).
/// </summary>
public abstract class DatabasePoolTests(ITestDatabases databases) : ServerTests(databases)
{
    private const int Writers = 300;

    private static string DocumentNumber(int i) => $"闽市监罚〔2026〕{5000 + i}号";

    [Fact]
    public async Task Three_hundred_concurrent_writes_each_land_or_get_a_coded_503_and_every_answered_write_is_stored_once()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var unexpected = new List<string>();
        var refusals = 0;

        async Task<HttpStatusCode> WriteAsync(int i)
        {
            // The same record again after a 503, as a client following Retry-After would.
            for (var attempt = 1; ; attempt++)
            {
                using var response = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(DocumentNumber(i)), Cancel);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
                {
                    if ((int)response.StatusCode >= 500)
                    {
                        var text = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}";
                        lock (unexpected)
                        {
                            unexpected.Add(text);
                        }
                    }

                    return response.StatusCode;
                }

                var problem = await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable, DatabasePool.BusyCode);
                Assert.NotNull(problem.GetProperty("code").GetString());
                var wait = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("a 503 without Retry-After");
                Interlocked.Increment(ref refusals);
                await Task.Delay(wait, Cancel);
            }
        }

        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => WriteAsync(i), Cancel)));

        Assert.Empty(unexpected);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        await using var db = StorageServices.CreateContext(Server.Database);
        var stored = await db.Records.Where(r => r.Department == Departments.Samr).Select(r => r.DocumentNumber).ToListAsync(Cancel);
        Assert.Equal(Enumerable.Range(0, Writers).Select(DocumentNumber).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        TestContext.Current.SendDiagnosticMessage($"{Writers} writers, {refusals} answered 503 database-busy and retried");
    }
}

public sealed class DatabasePoolTests_on_SQLite() : DatabasePoolTests(new SqliteTestDatabases());

public sealed class DatabasePoolTests_on_PostgreSQL(FewConnectionsCluster cluster)
    : DatabasePoolTests(new PostgresTestDatabases(cluster)), IClassFixture<FewConnectionsCluster>
{
    [Fact]
    public void The_node_bounds_its_pool_below_what_the_server_admits()
    {
        var source = Server.Services.GetRequiredService<NpgsqlDataSource>();
        var size = new NpgsqlConnectionStringBuilder(source.ConnectionString).MaxPoolSize;
        Assert.Equal(6, size); // a quarter of the 27 that max_connections 30 less 3 reserved admits
        Assert.Contains(Server.StartupLines, l => l.StartsWith("database pool: at most 6 connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_when_the_server_admits_no_more_connections_is_answered_503_database_busy_and_its_retry_is_stored_once()
    {
        // The node connects as a role of its own, so the test can make the server refuse it (53300, as when other
        // nodes took every slot) without racing other connections for the last free slot.
        var role = "pcredit_node_" + Guid.NewGuid().ToString("N")[..8];
        await AdminAsync($"CREATE ROLE {role} LOGIN; GRANT ALL ON SCHEMA public TO {role}; " +
            $"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role};");
        var asRole = DatabaseTarget.Parse(new NpgsqlConnectionStringBuilder(Server.Database.ConnectionString) { Username = role }.ConnectionString);
        await using var node = await RunningServer.RestartAsync(asRole, Cancel);
        using var recorder = node.Client(await node.KeyAsync(Role.Recorder, Departments.Samr));
        var body = RecordBodies.Penalty(DocumentNumber(1));

        await AdminAsync($"ALTER ROLE {role} CONNECTION LIMIT 0");
        node.Services.GetRequiredService<NpgsqlDataSource>().Clear(); // idle connections go; new ones are refused
        var refused = await recorder.PostJsonAsync("/api/v1/records", body, Cancel);
        await AdminAsync($"ALTER ROLE {role} CONNECTION LIMIT -1");

        await Problems.AssertAsync(refused, HttpStatusCode.ServiceUnavailable, DatabasePool.BusyCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, (await recorder.PostJsonAsync("/api/v1/records", body, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recorder.PostJsonAsync("/api/v1/records", body, Cancel)).StatusCode);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1, await db.Records.CountAsync(r => r.DocumentNumber == DocumentNumber(1), Cancel));
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static string DocumentNumber(int i) => $"闽市监罚〔2026〕{9000 + i}号";
}
