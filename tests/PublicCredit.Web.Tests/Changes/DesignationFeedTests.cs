using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Changes;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Changes;

/// <summary>
/// Designation items of the changes feed (docs/changes.md#designation-items; ADR 0044): each carries the list type, the
/// term and the status it leaves the designation in, and the end of a term is announced as <c>designation-expired</c>
/// within a minute, once, so a downstream system can keep the lists from the feed alone.
/// </summary>
public abstract class DesignationFeedTests(ITestDatabases databases) : ServerTests(databases)
{
    private string? checkerKey;

    private async Task<List<JsonElement>> ItemsAsync(Guid designation)
    {
        checkerKey ??= await Server.KeyAsync(Role.Checker, Departments.Mof);
        using var checker = Server.Client(checkerKey);
        var page = await checker.GetJsonAsync("/api/v1/changes?after=0&limit=1000", Cancel);
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(i => i.TryGetProperty("designationId", out var d) && d.GetGuid() == designation)];
    }

    private static string? Text(JsonElement item, string name) => item.TryGetProperty(name, out var v) ? v.GetString() : null;

    [Fact]
    public async Task Every_designation_item_carries_its_list_type_term_and_the_status_it_leaves()
    {
        var designation = await Given.RevokedDesignationAsync(term: "P1Y");

        var items = await ItemsAsync(designation.Id);

        Assert.Equal([("designation-effective", "effective"), ("designation-revoked", "revoked")],
            items.Select(i => (Text(i, "type"), Text(i, "status"))));
        Assert.All(items, i =>
        {
            Assert.Equal(DesignationBodies.MarketList, Text(i, "listType"));
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)), i.GetProperty("effectiveFrom").GetDateTimeOffset());
            Assert.Equal(i.GetProperty("effectiveFrom").GetDateTimeOffset().AddYears(1), i.GetProperty("expiresAt").GetDateTimeOffset());
        });
    }

    [Fact]
    public async Task Objection_items_on_a_designation_say_suspended_then_effective_again()
    {
        var objection = await Given.ObjectionAsync(await Given.EffectiveDesignationAsync());
        await Given.ResolvedAsync(objection, upheld: false);

        var items = await ItemsAsync(objection.Target);

        Assert.Equal([("designation-effective", "effective"), ("designation-suspended", "suspended"), ("designation-reinstated", "effective")],
            items.Select(i => (Text(i, "type"), Text(i, "status"))));
        Assert.All(items, i => Assert.Equal(DesignationBodies.MarketList, Text(i, "listType")));
    }

    [Fact]
    public async Task The_end_of_a_term_is_announced_as_designation_expired_within_the_interval_and_only_once()
    {
        var designation = await Given.EffectiveDesignationAsync(term: "P1Y");
        var expiresAt = (await ItemsAsync(designation.Id))[0].GetProperty("expiresAt").GetDateTimeOffset();
        Given.MoveTo(expiresAt.AddSeconds(-1));
        var announcer = Server.Services.GetRequiredService<ExpiryAnnouncer>();
        await announcer.RunOnceAsync(Cancel);
        Assert.Single(await ItemsAsync(designation.Id));

        // The background service on its own, within one interval of the end.
        Given.MoveTo(expiresAt + WithdrawalAnnouncer.DefaultInterval);
        var waited = System.Diagnostics.Stopwatch.StartNew(); // real time, only to bound the wait for the background task
        List<JsonElement> items;
        do
        {
            await Task.Delay(50, Cancel);
            items = await ItemsAsync(designation.Id);
        }
        while (items.Count < 2 && waited.Elapsed < TimeSpan.FromSeconds(20));
        await announcer.RunOnceAsync(Cancel);

        items = await ItemsAsync(designation.Id);
        Assert.Equal([("designation-effective", "effective"), ("designation-expired", "expired")], items.Select(i => (Text(i, "type"), Text(i, "status"))));
        var expired = items[1];
        Assert.Equal(expiresAt, expired.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.InRange(expired.GetProperty("occurredAt").GetDateTimeOffset(), expiresAt, expiresAt + WithdrawalAnnouncer.DefaultInterval);
        Assert.Equal(DesignationBodies.Organisation, Text(expired, "subjectId"));
        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Type == DesignationExpiredName).ToListAsync(Cancel);
        Assert.Equal(AnnounceExpiries.Actor, Assert.Single(events).Actor);
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task A_designation_revoked_before_its_end_is_not_announced_as_expired()
    {
        var designation = await Given.RevokedDesignationAsync(term: "P1Y");
        var expiresAt = (await ItemsAsync(designation.Id))[0].GetProperty("expiresAt").GetDateTimeOffset();

        Given.MoveTo(expiresAt.AddDays(1));
        await Server.Services.GetRequiredService<ExpiryAnnouncer>().RunOnceAsync(Cancel);

        Assert.DoesNotContain(await ItemsAsync(designation.Id), i => Text(i, "type") == ChangeTypes.DesignationExpired);
    }

    private const string DesignationExpiredName = PublicCredit.Designations.DesignationExpired.EventType;
}

public sealed class DesignationFeedTests_on_SQLite() : DesignationFeedTests(new SqliteTestDatabases());

public sealed class DesignationFeedTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationFeedTests(new PostgresTestDatabases(cluster));
