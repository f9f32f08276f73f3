using System.Diagnostics;
using System.Net;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace PublicCredit.Web.Tests.Credentials;

/// <summary>
/// docs/design.md#credentials-end (ADR 0030): a key revoked through one node stops working on another node that had it cached, as soon
/// as that node's ledger follower reads the revocation — well within the 30 s the cache would otherwise keep it.
/// Two servers on one database, as `pcredit serve` twice.
/// </summary>
public abstract class TwoNodeRevocationTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Noticed = "/api/v1/designations?status=noticed";

    [Fact]
    public async Task A_key_revoked_on_node_A_is_refused_by_node_B_within_a_second_though_B_had_it_cached()
    {
        await using var nodeB = await RunningServer.RestartAsync(Server.Database, Cancel);
        var recorderKey = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        using var onB = nodeB.Client(recorderKey);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode); // B caches it
        using var adminOnA = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));
        Assert.True(AccessToken.TryParse(recorderKey, out var parsed));
        Guid id;
        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            id = (await db.ApiKeys.SingleAsync(k => k.Lookup == parsed.Lookup, Cancel)).Id;
        }

        Assert.Equal(HttpStatusCode.OK, (await adminOnA.DeleteAsync(new Uri($"/api/v1/keys/{id}", UriKind.Relative), Cancel)).StatusCode);

        var waited = Stopwatch.StartNew();
        while ((await onB.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(1), $"node B still admits the key {waited.Elapsed.TotalMilliseconds:F0} ms after A revoked it");
            await Task.Delay(20, Cancel);
        }
    }
}

public sealed class TwoNodeRevocationTests_on_SQLite() : TwoNodeRevocationTests(new SqliteTestDatabases());

public sealed class TwoNodeRevocationTests_on_PostgreSQL(PostgresClusterFixture cluster) : TwoNodeRevocationTests(new PostgresTestDatabases(cluster));
