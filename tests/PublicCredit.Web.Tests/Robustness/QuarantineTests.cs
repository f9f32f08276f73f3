using System.Net;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Robustness;

/// <summary>
/// docs/design.md#one-bad-input-stops-no-node (ADR 0028): an event a node cannot apply does not stop it. A poisoned event written straight into the
/// ledger (as a bad old version could have written it) is quarantined by the other node, which keeps following the
/// events after it, says so in <c>/healthz</c> (degraded, with the position), and a server restarted over that
/// database starts.
/// </summary>
public abstract class QuarantineTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task A_node_quarantines_an_event_it_cannot_apply_and_keeps_following_the_events_after_it()
    {
        await using var nodeB = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var publicB = nodeB.Client();

        var poisoned = await AppendPoisonedEventAsync();
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var created = await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long after;
        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            after = db.LedgerEvents.Max(e => e.Position);
        }

        var health = await HealthWhenAsync(publicB, h => h.GetProperty("followedPosition").GetInt64() >= after);

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var quarantined = health.GetProperty("quarantined").EnumerateArray().ToList();
        Assert.Equal([poisoned], quarantined.Select(q => q.GetProperty("position").GetInt64()));
        Assert.Equal("record-created", quarantined[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await publicB.GetAsync("/healthz/live", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publicB.GetAsync("/healthz/ready", Cancel)).StatusCode);

        // A server started over the database with the poisoned event in it starts and is healthy.
        await using var restarted = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var publicC = restarted.Client();
        var (status, _) = await publicC.GetTextAsync("/healthz", Cancel);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>A record event whose payload is not even JSON, appended in one transaction, so no node ever sees it whole.</summary>
    private async Task<long> AppendPoisonedEventAsync()
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
        var ledger = new AppendToLedger(db, Server.Clock);
        await ledger.LockAsync(Cancel);
        var row = await ledger.AppendAsync(new LedgerEntry("record-created", "old-version", Departments.Samr, null, new { id = Guid.NewGuid() }), Cancel);
        row.Payload = "{\"id\": not json";
        await db.SaveChangesAsync(Cancel);
        await transaction.CommitAsync(Cancel);
        return row.Position;
    }

    private static async Task<JsonElement> HealthWhenAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        var last = "";
        for (var i = 0; i < 200; i++)
        {
            var (_, body) = await client.GetTextAsync("/healthz", Cancel);
            last = body;
            var health = JsonDocument.Parse(body).RootElement;
            if (condition(health))
            {
                return health;
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException("the follower did not reach the position within 20 s: " + last);
    }
}

public sealed class QuarantineTests_on_SQLite() : QuarantineTests(new SqliteTestDatabases());

public sealed class QuarantineTests_on_PostgreSQL(PostgresClusterFixture cluster) : QuarantineTests(new PostgresTestDatabases(cluster));
