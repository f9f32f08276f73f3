using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Changes;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Changes;

/// <summary>
/// GET /api/v1/changes?after=&amp;limit= (docs/api.md; docs/domain.md#publicity-periods; docs/changes.md): items derived from the ledger in ledger
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
        var published = (await Given.PublishedRecordAsync(recorder: recorder)).Id;
        await Given.PublishedRecordAsync(body: RecordBodies.Penalty("闽市监罚〔2026〕102号").With("severity", "minor"), recorder: recorder);
        await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson(), recorder: recorder);

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
            SubjectBodies.Honour(SubjectBodies.PublicPersonId, SubjectBodies.PublicPersonName, "闽市监信〔2026〕303号"));
        var outcomes = await (await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel)).JsonAsync(Cancel);

        var page = await FeedAsync();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([outcomes[0].GetProperty("id").GetGuid(), outcomes[2].GetProperty("id").GetGuid()],
            items.Select(i => i.GetProperty("recordId").GetGuid()));
        Assert.Single(items.Select(i => i.GetProperty("position").GetInt64()).Distinct());
        Assert.Equal(SubjectBodies.PublicPersonMasked, items[1].GetProperty("subjectId").GetString()); // masked for every role (ADR 0039)
    }

    [Fact]
    public async Task A_correction_is_record_corrected_then_published_and_a_correction_that_unpublishes_is_withdrawn()
    {
        using var recorder = await RecorderAsync();
        var id = (await Given.PublishedRecordAsync(recorder: recorder)).Id;
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
            expected.Add((await Given.PublishedRecordAsync($"闽市监罚〔2026〕4{n:00}号", recorder: recorder)).Id);
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
    public async Task After_an_import_of_100000_rows_every_page_answers_and_reading_on_sees_each_record_once()
    {
        // docs/design.md#edges-public-limits-and-audit-reads: after a bulk import, one page named every record of 100 chunk events in one query, which SQLite
        // refuses ("too many SQL variables", 500) — a consumer stuck for good.
        const int rows = 100_000;
        var path = Path.Combine(Directory.CreateTempSubdirectory("pcredit-feed-").FullName, "records.csv");
        await using (var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
        {
            await file.WriteLineAsync("category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil");
            for (var n = 0; n < rows; n++)
            {
                await file.WriteLineAsync($"administrative-penalty,91350100M000100Y43,福州某某科技有限公司,闽市监罚〔2026〕F{n}号,2026-10-09,general,《企业信息公示暂行条例》第八条,未按规定公示年度报告,罚款,1.5,张三,");
            }
        }

        var catalog = CatalogLoader.Load(RepositoryPaths.Catalog).GetCatalogOrThrow();
        await using (var import = StorageServices.OpenImport(Server.Database, catalog, Server.Clock))
        {
            var summary = await import.RunAsync(new ImportRequest(path, ImportFormat.Csv, "samr"), null, Cancel);
            Assert.Equal(rows, summary.Created);
        }

        checkerKey ??= await Server.KeyAsync(Role.Checker, Departments.Mof);
        using var checker = Server.Client(checkerKey);
        foreach (var query in new[] { "", "?limit=33", "?after=0&limit=1", "?after=0&limit=1000" })
        {
            // 200 or the assertion names the status and the problem.
            Assert.NotEqual(0, (await checker.GetJsonAsync("/api/v1/changes" + query, Cancel)).GetProperty("items").GetArrayLength());
        }

        var seen = new HashSet<Guid>();
        var after = 0L;
        for (var pages = 0; pages < 200; pages++)
        {
            var page = await FeedAsync($"after={after}&limit=1000");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            // Whole events: a page passes its limit only by one event, an imported chunk (at most 5000 records).
            Assert.InRange(items.Count, 0, RecordChunkWriter.MaxChunk);
            Assert.All(items, i => Assert.True(seen.Add(i.GetProperty("recordId").GetGuid())));
            var next = page.GetProperty("next").GetInt64();
            if (next == after)
            {
                break;
            }

            after = next;
        }

        Assert.Equal(rows, seen.Count);
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
