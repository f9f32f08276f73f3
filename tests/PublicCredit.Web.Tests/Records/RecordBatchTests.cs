using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Records;

/// <summary>
/// POST /api/v1/records/batch (docs/api.md#records): each item is created, unchanged or rejected on its own — all or nothing
/// per item, never half-written — and the bad items never stop the good ones.
/// </summary>
public abstract class RecordBatchTests(ITestDatabases databases) : IAsyncLifetime
{
    private RunningServer server = null!;
    private HttpClient recorder = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await RunningServer.StartAsync(databases, Cancel);
        recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
    }

    public async ValueTask DisposeAsync()
    {
        recorder.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_of_good_and_bad_items_creates_the_good_ones_and_says_why_each_bad_one_was_rejected()
    {
        var existing = await (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty("已有〔2026〕1号"), Cancel)).JsonAsync(Cancel);
        var existingId = existing.GetProperty("id").GetGuid();
        var batch = new JsonArray(
            RecordBodies.Penalty("批〔2026〕1号"),                                          // 0 created
            RecordBodies.Penalty("批〔2026〕2号").With("category", "no-such-category"),     // 1 rejected
            RecordBodies.Penalty("批〔2026〕1号"),                                          // 2 unchanged: same as 0
            RecordBodies.Penalty("批〔2026〕1号").With("amount", 99),                       // 3 rejected: differs from 0
            RecordBodies.Penalty("已有〔2026〕1号"),                                        // 4 unchanged: already stored
            RecordBodies.Penalty("已有〔2026〕1号").With("content", "警告"),                 // 5 rejected: conflict
            RecordBodies.PenaltyOnPerson("批〔2026〕3号"),                                  // 6 created
            JsonValue.Create(42),                                                           // 7 rejected: not a record
            RecordBodies.Penalty("批〔2026〕4号").With("decisionDate", 20261120),           // 8 rejected: wrong type
            RecordBodies.Penalty("批〔2026〕5号").With("subject", new JsonObject { ["id"] = "91350100M000100Y44", ["name"] = "甲" })); // 9

        var response = await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.JsonAsync(Cancel)).EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 10), items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(
            ["created", "rejected", "unchanged", "rejected", "unchanged", "rejected", "created", "rejected", "rejected", "rejected"],
            items.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(["record-unknown-category"], Codes(items[1]));
        Assert.Equal(items[0].GetProperty("id").GetGuid(), items[2].GetProperty("id").GetGuid());
        Assert.Equal(["record-duplicate-in-batch"], Codes(items[3]));
        Assert.Equal(existingId, items[4].GetProperty("id").GetGuid());
        Assert.Equal(["record-conflict"], Codes(items[5]));
        Assert.Equal(existingId, items[5].GetProperty("id").GetGuid());
        Assert.Equal(["record-not-an-object"], Codes(items[7]));
        Assert.Equal(["record-field-type-invalid"], Codes(items[8]));
        Assert.Equal(["subject-id-invalid"], Codes(items[9]));
        Assert.False(items[1].TryGetProperty("id", out _));

        await using var db = StorageServices.CreateContext(server.Database);
        var numbers = await db.Records.Select(r => r.DocumentNumber).OrderBy(n => n).ToListAsync(Cancel);
        Assert.Equal(["已有〔2026〕1号", "批〔2026〕1号", "批〔2026〕3号"], numbers);
        Assert.Equal(12.5m, (await db.Records.SingleAsync(r => r.DocumentNumber == "批〔2026〕1号", Cancel)).Amount);
    }

    [Fact]
    public async Task A_chunk_writes_one_ledger_event_listing_the_ids_and_content_hashes_of_its_records()
    {
        var batch = new JsonArray(RecordBodies.Penalty("批〔2026〕1号"), RecordBodies.Penalty("批〔2026〕2号"), RecordBodies.PenaltyOnPerson("批〔2026〕3号"));

        await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel);

        await using var db = StorageServices.CreateContext(server.Database);
        var chunk = await db.LedgerEvents.SingleAsync(e => e.Type.StartsWith("record"), Cancel);
        Assert.Equal(SubmitRecords.ChunkCreatedEvent, chunk.Type);
        Assert.Null(chunk.Subject);
        var payload = JsonDocument.Parse(chunk.Payload).RootElement;
        Assert.Equal(3, payload.GetProperty("count").GetInt32());
        var listed = payload.GetProperty("records").EnumerateArray()
            .Select(r => (r.GetProperty("id").GetGuid(), r.GetProperty("contentHash").GetString())).ToHashSet();
        var stored = (await db.Records.ToListAsync(Cancel)).Select(r => (r.Id, (string?)r.ContentHash)).ToHashSet();
        Assert.Equal(stored, listed);
        Assert.All(await db.Records.ToListAsync(Cancel), r => Assert.Equal(chunk.Position, r.LedgerPosition));
        Assert.DoesNotContain(RecordBodies.PersonId, chunk.Payload, StringComparison.Ordinal);
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task A_batch_that_creates_one_record_writes_the_single_record_event()
    {
        await recorder.PostJsonAsync("/api/v1/records/batch", new JsonArray(RecordBodies.Penalty(), RecordBodies.Penalty().With("severity", "x")), Cancel);

        await using var db = StorageServices.CreateContext(server.Database);
        Assert.Equal(SubmitRecords.CreatedEvent, (await db.LedgerEvents.SingleAsync(e => e.Type.StartsWith("record"), Cancel)).Type);
    }

    [Fact]
    public async Task Sending_the_same_batch_again_changes_nothing()
    {
        var batch = new JsonArray(RecordBodies.Penalty("批〔2026〕1号"), RecordBodies.Penalty("批〔2026〕2号"), RecordBodies.Penalty("坏").Without("legalBasis"));
        var first = await (await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel)).JsonAsync(Cancel);
        var events = await CountAsync(db => db.LedgerEvents);

        var second = await (await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel)).JsonAsync(Cancel);

        Assert.Equal(["unchanged", "unchanged", "rejected"], second.EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(first[0].GetProperty("id").GetGuid(), second[0].GetProperty("id").GetGuid());
        Assert.Equal(events, await CountAsync(db => db.LedgerEvents));
        Assert.Equal(2, await CountAsync(db => db.Records));
    }

    [Fact]
    public async Task An_empty_batch_is_answered_with_an_empty_list()
    {
        var response = await recorder.PostJsonAsync("/api/v1/records/batch", new JsonArray(), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync(Cancel)).GetArrayLength());
    }

    [Fact]
    public async Task A_batch_over_1000_records_is_refused_whole_and_nothing_is_stored()
    {
        var batch = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)RecordBodies.Penalty($"批〔2026〕{i}号")).ToArray());

        var response = await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "batch-too-large");
        Assert.Equal(0, await CountAsync(db => db.Records));
    }

    [Fact]
    public async Task A_batch_of_1000_records_is_accepted_in_one_chunk()
    {
        var batch = new JsonArray(Enumerable.Range(0, 1000).Select(i => (JsonNode)RecordBodies.Penalty($"批〔2026〕{i}号")).ToArray());

        var response = await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, await CountAsync(db => db.Records));
        Assert.Equal(1, await CountAsync(db => db.LedgerEvents.Where(e => e.Type == SubmitRecords.ChunkCreatedEvent)));
    }

    [Fact]
    public async Task A_batch_that_is_not_an_array_is_refused()
    {
        var response = await recorder.PostJsonAsync("/api/v1/records/batch", RecordBodies.Penalty(), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "batch-not-an-array");
    }

    [Fact]
    public async Task A_batch_that_is_not_json_answers_400()
    {
        using var content = new StringContent("[{\"category\":", Encoding.UTF8, "application/json");

        var response = await recorder.PostAsync(new Uri("/api/v1/records/batch", UriKind.Relative), content, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "body-invalid-json");
    }

    [Fact]
    public async Task Only_a_recorder_may_send_a_batch()
    {
        using var auditor = server.Client(await server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var response = await auditor.PostJsonAsync("/api/v1/records/batch", new JsonArray(RecordBodies.Penalty()), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role-forbidden");
    }

    private static List<string?> Codes(JsonElement item) =>
        item.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();

    private async Task<int> CountAsync<T>(Func<PublicCredit.Storage.PublicCreditDbContext, IQueryable<T>> query)
    {
        await using var db = StorageServices.CreateContext(server.Database);
        return await query(db).CountAsync(Cancel);
    }
}

public sealed class RecordBatchTests_on_SQLite() : RecordBatchTests(new SqliteTestDatabases());

public sealed class RecordBatchTests_on_PostgreSQL(PostgresClusterFixture cluster) : RecordBatchTests(new PostgresTestDatabases(cluster));
