using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Changes;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Changes;

/// <summary>
/// GET /api/v1/changes?after=&amp;limit= (API.md; issue 5 §4; docs/changes.md): items derived from the ledger in ledger
/// order, for checkers and auditors; pages hold whole events and resume with after=next.
/// </summary>
public abstract class ChangesFeedTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<HttpClient> RecorderAsync() => Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

    private string? checkerKey;

    /// <summary>Reads the feed with one checker key per test (creating keys moves the ledger head too).</summary>
    private async Task<JsonElement> FeedAsync(string query = "after=0")
    {
        checkerKey ??= await Server.KeyAsync(Role.Checker, Departments.Mof);
        using var checker = Server.Client(checkerKey);
        return await checker.GetJsonAsync($"/api/v1/changes?{query}", Cancel);
    }

    private static List<(string? Type, Guid Record)> Items(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("recordId").GetGuid()))];

    [Fact]
    public async Task A_published_record_appears_as_record_published_and_an_unpublished_one_not_at_all()
    {
        using var recorder = await RecorderAsync();
        var published = await recorder.SubmitAsync(RecordBodies.Penalty(), Cancel);
        await recorder.SubmitAsync(RecordBodies.Penalty("闽市监罚〔2026〕102号").With("severity", "minor"), Cancel);
        await recorder.SubmitAsync(RecordBodies.PenaltyOnPerson(), Cancel);

        var page = await FeedAsync();

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((ChangeTypes.RecordPublished, published, RecordBodies.OrganisationId, "samr", 1),
            (item.GetProperty("type").GetString(), item.GetProperty("recordId").GetGuid(), item.GetProperty("subjectId").GetString(),
                item.GetProperty("department").GetString(), item.GetProperty("version").GetInt32()));
        Assert.Equal(Server.Clock.GetUtcNow(), item.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.False(item.TryGetProperty("designationId", out _));
        // The head is past the unpublished records' events: a client resuming from next skips them.
        Assert.True(page.GetProperty("next").GetInt64() > item.GetProperty("position").GetInt64());
        Assert.Empty((await FeedAsync($"after={page.GetProperty("next").GetInt64()}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_batch_yields_one_item_per_published_record_at_the_position_of_its_one_event()
    {
        using var recorder = await RecorderAsync();
        var batch = new JsonArray(
            RecordBodies.Penalty("闽市监罚〔2026〕301号"),
            RecordBodies.PenaltyOnPerson("闽市监罚〔2026〕302号"),
            SubjectBodies.Defaulter());
        var outcomes = await (await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel)).JsonAsync(Cancel);

        var page = await FeedAsync();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([outcomes[0].GetProperty("id").GetGuid(), outcomes[2].GetProperty("id").GetGuid()],
            items.Select(i => i.GetProperty("recordId").GetGuid()));
        Assert.Single(items.Select(i => i.GetProperty("position").GetInt64()).Distinct());
        Assert.Equal(SubjectBodies.PublicPersonId, items[1].GetProperty("subjectId").GetString());
    }

    [Fact]
    public async Task A_correction_is_record_corrected_then_published_and_a_correction_that_unpublishes_is_withdrawn()
    {
        using var recorder = await RecorderAsync();
        var id = await recorder.SubmitAsync(RecordBodies.Penalty(), Cancel);
        await recorder.PostJsonAsync($"/api/v1/records/{id}/corrections", RecordBodies.Penalty().With("amount", 15).With("reason", "金额"), Cancel);
        await recorder.PostJsonAsync($"/api/v1/records/{id}/corrections",
            RecordBodies.Penalty().With("amount", 15).With("severity", "minor").With("reason", "情节轻微"), Cancel);

        var page = await FeedAsync();

        Assert.Equal(
            [
                (ChangeTypes.RecordPublished, id),
                (ChangeTypes.RecordCorrected, id), (ChangeTypes.RecordPublished, id),
                (ChangeTypes.RecordCorrected, id), (ChangeTypes.RecordWithdrawn, id),
            ],
            Items(page));
        var versions = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt32());
        Assert.Equal([1, 2, 2, 3, 2], versions);
        using var anonymous = Server.Client();
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/subjects/{RecordBodies.OrganisationId}", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "subject-not-found");
    }

    [Fact]
    public async Task Pages_hold_whole_events_and_reading_on_from_next_misses_nothing_and_repeats_nothing()
    {
        using var recorder = await RecorderAsync();
        var expected = new List<Guid>();
        for (var n = 1; n <= 5; n++)
        {
            expected.Add(await recorder.SubmitAsync(RecordBodies.Penalty($"闽市监罚〔2026〕4{n:00}号"), Cancel));
        }

        var batch = new JsonArray(RecordBodies.Penalty("闽市监罚〔2026〕501号"), RecordBodies.Penalty("闽市监罚〔2026〕502号"));
        var outcomes = await (await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel)).JsonAsync(Cancel);
        expected.AddRange(outcomes.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));

        var seen = new List<Guid>();
        var sizes = new List<int>();
        var after = 0L;
        for (var round = 0; round < 10; round++)
        {
            var page = await FeedAsync($"after={after}&limit=2");
            var next = page.GetProperty("next").GetInt64();
            if (next == after)
            {
                break;
            }

            sizes.Add(page.GetProperty("items").GetArrayLength());
            seen.AddRange(Items(page).Select(i => i.Record));
            after = next;
        }

        Assert.Equal(expected, seen);
        Assert.Equal([2, 2, 1, 2], sizes); // the last event, a chunk of two, is not split
    }

    [Fact]
    public async Task Only_checkers_and_auditors_read_the_feed_and_bad_positions_or_limits_are_refused()
    {
        using var recorder = await RecorderAsync();
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        using var anonymous = Server.Client();
        using var subject = Server.Client(await Server.SubjectTokenAsync(RecordBodies.OrganisationId));

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(new Uri("/api/v1/changes", UriKind.Relative), Cancel)).StatusCode);
        await Problems.AssertAsync(await recorder.GetAsync(new Uri("/api/v1/changes", UriKind.Relative), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await subject.GetAsync(new Uri("/api/v1/changes", UriKind.Relative), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/changes", UriKind.Relative), Cancel), HttpStatusCode.Unauthorized, "authentication-required");
        foreach (var (query, code) in new[] { ("after=-1", "after-invalid"), ("after=x", "after-invalid"), ("limit=0", "limit-out-of-range"), ("limit=1001", "limit-out-of-range") })
        {
            await Problems.AssertAsync(await auditor.GetAsync(new Uri($"/api/v1/changes?{query}", UriKind.Relative), Cancel),
                HttpStatusCode.UnprocessableEntity, code);
        }
    }
}

public sealed class ChangesFeedTests_on_SQLite() : ChangesFeedTests(new SqliteTestDatabases());

public sealed class ChangesFeedTests_on_PostgreSQL(PostgresClusterFixture cluster) : ChangesFeedTests(new PostgresTestDatabases(cluster));
