using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>docs/design.md#8-everything-is-evidence: every change is an event in an append-only, hash-chained ledger that proves nothing was edited or removed.</summary>
public abstract class LedgerTests(ITestDatabases databases)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8)));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_ledger_verifies_with_no_events()
    {
        var target = await databases.CreateAsync(Cancel);

        var result = await VerifyAsync(target);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(0, result.Events);
    }

    [Fact]
    public async Task Appended_events_form_a_chain_that_verifies()
    {
        var target = await WithEventsAsync(5);

        var result = await VerifyAsync(target);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(5, result.Events);
        await using var db = StorageServices.CreateContext(target);
        var rows = await db.LedgerEvents.OrderBy(e => e.Position).ToListAsync(Cancel);
        Assert.Equal(LedgerChain.GenesisHash, rows[0].PreviousHash);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].PreviousHash);
        }
    }

    [Fact]
    public async Task Two_events_appended_in_one_transaction_are_chained_to_each_other()
    {
        var target = await databases.CreateAsync(Cancel);
        await using (var db = StorageServices.CreateContext(target))
        {
            await using var tx = await db.Database.BeginTransactionAsync(Cancel);
            var append = new AppendToLedger(db, clock);
            var first = await append.AppendAsync(Entry(1), Cancel);
            var second = await append.AppendAsync(Entry(2), Cancel);
            await db.SaveChangesAsync(Cancel);
            await tx.CommitAsync(Cancel);
            Assert.Equal(first.Hash, second.PreviousHash);
        }

        Assert.Equal("ok 2 events", (await VerifyAsync(target)).ToString());
    }

    [Fact]
    public async Task An_event_is_only_written_inside_the_transaction_of_the_change_it_records()
    {
        var target = await databases.CreateAsync(Cancel);
        await using var db = StorageServices.CreateContext(target);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new AppendToLedger(db, clock).AppendAsync(Entry(1), Cancel));
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_event_behind()
    {
        var target = await WithEventsAsync(1);
        await using (var db = StorageServices.CreateContext(target))
        {
            await using var tx = await db.Database.BeginTransactionAsync(Cancel);
            await new AppendToLedger(db, clock).AppendAsync(Entry(2), Cancel);
            await db.SaveChangesAsync(Cancel);
            await tx.RollbackAsync(Cancel);
        }

        Assert.Equal("ok 1 events", (await VerifyAsync(target)).ToString());
    }

    [Theory]
    [InlineData("payload", "'[999]'")]
    [InlineData("type", "'record-withdrawn'")]
    [InlineData("actor", "'someone-else'")]
    [InlineData("department", "'mof'")]
    [InlineData("subject", "'91350100M000100Y43'")]
    public async Task Editing_any_field_of_any_event_is_detected_at_that_event(string column, string value)
    {
        for (var position = 1; position <= 4; position++)
        {
            var target = await WithEventsAsync(4);
            await ExecuteAsync(target, $"UPDATE ledger_events SET {column} = {value} WHERE position = {position}");

            var result = await VerifyAsync(target);

            Assert.False(result.Ok, $"edit of {column} at {position} went unnoticed");
            Assert.Equal(position, result.BrokenAt);
        }
    }

    [Fact]
    public async Task Editing_the_time_of_an_event_is_detected()
    {
        var target = await WithEventsAsync(3);
        await using (var db = StorageServices.CreateContext(target))
        {
            var row = await db.LedgerEvents.SingleAsync(e => e.Position == 2, Cancel);
            row.OccurredAt = row.OccurredAt.AddSeconds(-1);
            await db.SaveChangesAsync(Cancel);
        }

        var result = await VerifyAsync(target);

        Assert.False(result.Ok);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Editing_an_event_and_recomputing_its_hash_is_detected_at_the_next_event()
    {
        var target = await WithEventsAsync(3);
        await using (var db = StorageServices.CreateContext(target))
        {
            var row = await db.LedgerEvents.SingleAsync(e => e.Position == 2, Cancel);
            row.Payload = "{\"n\":42}";
            row.Hash = LedgerChain.ComputeHash(row.PreviousHash, row.Content);
            await db.SaveChangesAsync(Cancel);
        }

        var result = await VerifyAsync(target);

        Assert.False(result.Ok);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task Deleting_any_event_is_detected()
    {
        for (var position = 1; position <= 4; position++)
        {
            var target = await WithEventsAsync(4);
            await ExecuteAsync(target, $"DELETE FROM ledger_events WHERE position = {position}");

            var result = await VerifyAsync(target);

            Assert.False(result.Ok, $"deleting event {position} went unnoticed");
            Assert.Equal(position, result.BrokenAt);
        }
    }

    [Fact]
    public async Task Cutting_events_off_the_end_is_detected_through_the_head()
    {
        var target = await WithEventsAsync(4);
        await ExecuteAsync(target, "DELETE FROM ledger_events WHERE position >= 3");

        var result = await VerifyAsync(target);

        Assert.False(result.Ok);
        Assert.Contains("head", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordering_two_events_is_detected()
    {
        var target = await WithEventsAsync(4);
        // Swap the positions of events 2 and 3, each keeping its own (valid) hash.
        await ExecuteAsync(target, "UPDATE ledger_events SET position = -2 WHERE position = 2");
        await ExecuteAsync(target, "UPDATE ledger_events SET position = 2 WHERE position = 3");
        await ExecuteAsync(target, "UPDATE ledger_events SET position = 3 WHERE position = -2");

        var result = await VerifyAsync(target);

        Assert.False(result.Ok);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task The_database_refuses_two_events_that_follow_the_same_predecessor()
    {
        var target = await WithEventsAsync(2);
        await using var db = StorageServices.CreateContext(target);
        var second = await db.LedgerEvents.AsNoTracking().SingleAsync(e => e.Position == 2, Cancel);
        db.LedgerEvents.Add(new LedgerEventRow
        {
            Position = 3,
            Type = "fork",
            OccurredAt = second.OccurredAt,
            Actor = "attacker",
            Payload = "{}",
            PreviousHash = second.PreviousHash,
            Hash = new string('f', 64),
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        var target = await databases.CreateAsync(Cancel);
        const int writers = 8;
        const int eventsEach = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < eventsEach; i++)
            {
                await AppendAsync(target, Entry((w * 1000) + i));
            }
        }, Cancel)));

        var result = await VerifyAsync(target);
        Assert.True(result.Ok, result.ToString());
        Assert.Equal(writers * eventsEach, result.Events);
    }

    [Fact]
    public async Task Verifying_while_writers_append_reports_an_intact_chain_as_of_one_moment_never_a_false_break()
    {
        // `pcredit ledger verify` runs against a live platform: events appended while it reads must neither look like
        // a moved head nor like state tables ahead of the chain.
        var target = await WithEventsAsync(20);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await AppendAsync(target, Entry((w * 100_000) + i));
            }
        }, Cancel)).ToList();

        var seen = new List<long>();
        try
        {
            for (var round = 0; round < 25; round++)
            {
                var result = await VerifyAsync(target);
                Assert.True(result.Ok, result.ToString());
                seen.Add(result.Events);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(seen[^1] > seen[0], $"the writers appended while verifying ({seen[0]} → {seen[^1]} events)");
    }

    private static LedgerEntry Entry(int n) => new("test-event", "test", "samr", null, new { n, text = "测试" });

    private async Task<DatabaseTarget> WithEventsAsync(int count)
    {
        var target = await databases.CreateAsync(Cancel);
        for (var i = 1; i <= count; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1.2345678));
            await AppendAsync(target, Entry(i));
        }

        return target;
    }

    private async Task AppendAsync(DatabaseTarget target, LedgerEntry entry)
    {
        await using var db = StorageServices.CreateContext(target);
        await using var tx = await db.Database.BeginTransactionAsync(Cancel);
        await new AppendToLedger(db, clock).AppendAsync(entry, Cancel);
        await db.SaveChangesAsync(Cancel);
        await tx.CommitAsync(Cancel);
    }

    private static async Task<LedgerVerification> VerifyAsync(DatabaseTarget target)
    {
        await using var db = StorageServices.CreateContext(target);
        return await new VerifyLedger(db).RunAsync(Cancel);
    }

    private static async Task ExecuteAsync(DatabaseTarget target, string sql)
    {
        await using var db = StorageServices.CreateContext(target);
#pragma warning disable EF1002 // test-only SQL with constant fragments, used to tamper with the ledger on purpose
        await db.Database.ExecuteSqlRawAsync(sql, Cancel);
#pragma warning restore EF1002
    }
}

public sealed class LedgerTests_on_SQLite() : LedgerTests(new SqliteTestDatabases());

public sealed class LedgerTests_on_PostgreSQL(PostgresClusterFixture cluster) : LedgerTests(new PostgresTestDatabases(cluster));
