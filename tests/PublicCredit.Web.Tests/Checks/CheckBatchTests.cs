using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Checks;

/// <summary>
/// Batch checks (docs/api.md#checks <c>POST /api/v1/checks/batch</c>; docs/checks.md#batch-checks; ADR 0050): every item is
/// answered as the single check would answer it, an invalid item with its own problem and never the whole batch; every
/// valid item is its own inquiry, all of a batch's committed together before the answer.
/// </summary>
public abstract class CheckBatchTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;
    private const string Person = DesignationBodies.LegalRepresentative;
    private const string Batch = "/api/v1/checks/batch";

    private async Task<HttpClient> CheckerAsync(string department = Departments.Mof) =>
        Server.Client(await Server.KeyAsync(Role.Checker, department));

    private async Task DesignateDefaulterAsync()
    {
        var body = DesignationBodies.DefaulterDesignation(subject: Organisation, name: "福州示例食品有限公司");
        body["responsiblePersons"] = new JsonArray
        {
            new JsonObject { ["id"] = Person, ["name"] = "张三", ["role"] = "legal-representative" },
        };
        await Given.EffectiveDesignationAsync(body: body);
    }

    private static JsonObject Item(string subject, string matter, string? asOf = null)
    {
        var item = new JsonObject { ["subject"] = subject, ["matter"] = matter };
        if (asOf is not null)
        {
            item["asOf"] = asOf;
        }

        return item;
    }

    private static JsonObject BatchOf(IEnumerable<JsonNode?> items) => new() { ["items"] = new JsonArray([.. items]) };

    private static Task<JsonElement> RunBatchAsync(HttpClient checker, IEnumerable<JsonNode?> items) =>
        checker.PostExpectAsync(Batch, BatchOf(items), HttpStatusCode.OK, Cancel);

    /// <summary>A check's answer without its checkId, which is every check's own, and its dataVersion, which the ledger
    /// moves between two calls (the inquiry log's seals are ledger events).</summary>
    private static string WithoutIdAndVersion(JsonElement result)
    {
        var node = JsonNode.Parse(result.GetRawText())!.AsObject();
        Assert.True(node.Remove("checkId"));
        Assert.True(node.Remove("dataVersion"));
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_batch_of_valid_and_invalid_items_answers_each_exactly_as_a_single_check_would()
    {
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();
        JsonNode?[] items =
        [
            Item(Organisation, "government-procurement"),
            Item(Person, "air-ticket"),
            Item("91350100M000100Y44", "market-access"), // check digit wrong
            Item(Organisation, "space-travel"),
            Item(Organisation, "government-procurement", "2026-11-22"),
            Item(Organisation, "market-access", "tomorrow"),
            new JsonObject { ["subject"] = 5, ["matter"] = "air-ticket" },
            Item("91350100M00020079J", "market-access"), // never seen: the green channel withheld
            Item(Organisation, "government-procurement", "2029-01-01"),
        ];

        var batch = await RunBatchAsync(checker, items.Select(i => i?.DeepClone()));

        var answers = batch.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, items.Length), answers.Select(a => a.GetProperty("index").GetInt32()));
        var checkIds = new HashSet<Guid>();
        for (var i = 0; i < items.Length; i++)
        {
            var single = await checker.PostAsJsonAsync("/api/v1/checks", items[i], Cancel);
            var answer = answers[i];
            if (single.StatusCode == HttpStatusCode.OK)
            {
                var expected = JsonDocument.Parse(await single.Content.ReadAsStringAsync(Cancel)).RootElement;
                Assert.False(answer.TryGetProperty("problem", out _));
                var result = answer.GetProperty("result");
                Assert.Equal(WithoutIdAndVersion(expected), WithoutIdAndVersion(result));
                Assert.InRange(result.GetProperty("dataVersion").GetInt64(), 1, expected.GetProperty("dataVersion").GetInt64());
                Assert.True(checkIds.Add(result.GetProperty("checkId").GetGuid()));
            }
            else
            {
                var expected = await Problems.AssertAsync(single, HttpStatusCode.UnprocessableEntity, answer.GetProperty("problem").GetProperty("code").GetString()!);
                Assert.False(answer.TryGetProperty("result", out _));
                var problem = answer.GetProperty("problem");
                Assert.Equal(422, problem.GetProperty("status").GetInt32());
                Assert.Equal(expected.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
                Assert.Equal(expected.FieldCodes(), problem.FieldCodes());
            }
        }

        Assert.Equal(5, checkIds.Count);
        Assert.Equal(["subject-id-invalid", "check-unknown-matter", "check-as-of-invalid", "check-field-not-text"],
            answers.Where(a => a.TryGetProperty("problem", out _)).Select(a => a.GetProperty("problem").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task An_item_that_is_not_an_object_is_refused_alone()
    {
        using var checker = await CheckerAsync();

        var batch = await RunBatchAsync(checker, [JsonValue.Create("91350100M000100Y43"), Item(Organisation, "air-ticket"), null]);

        var answers = batch.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("check-body-invalid", answers[0].GetProperty("problem").GetProperty("code").GetString());
        Assert.Equal("clear", answers[1].GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal("check-body-invalid", answers[2].GetProperty("problem").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_valid_item_is_its_own_inquiry_all_committed_together_and_visible_to_the_subject()
    {
        await DesignateDefaulterAsync();
        using var checker = await CheckerAsync();

        var batch = await RunBatchAsync(checker,
            [Item(Organisation, "government-procurement"), Item(Organisation, "air-ticket"), Item(Organisation, "nowhere"), Item(Person, "air-ticket")]);

        var ids = batch.GetProperty("items").EnumerateArray().Where(a => a.TryGetProperty("result", out _))
            .Select(a => a.GetProperty("result").GetProperty("checkId").GetGuid()).ToList();
        await using var db = StorageServices.CreateContext(Server.Database);
        var inquiries = await db.Inquiries.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(Cancel);
        Assert.Equal(3, inquiries.Count);
        Assert.All(inquiries, i => Assert.Equal(("mof", "checker", "POST /api/v1/checks/batch"), (i.Department, i.Role, i.Endpoint)));
        // One durable commit: the three inquiries are one group-commit batch, and that batch holds nothing else.
        var batchId = Assert.Single(inquiries.Select(i => i.BatchId).Distinct());
        Assert.Equal(3, await db.Inquiries.CountAsync(i => i.BatchId == batchId, Cancel));
        var forProcurement = inquiries.Single(i => i.Id == ids[0]);
        Assert.Equal(("government-procurement", Organisation), (forProcurement.Purpose, forProcurement.SubjectId));
        Assert.Contains("restrict-government-procurement", forProcurement.Returned, StringComparison.Ordinal);

        using var subject = await Given.SubjectAsync(Organisation);
        var seen = (await subject.GetJsonAsync($"/api/v1/subjects/{Organisation}/inquiries", Cancel)).EnumerateArray()
            .Where(i => i.GetProperty("endpoint").GetString() == "POST /api/v1/checks/batch").ToList();
        Assert.Equal(["air-ticket", "government-procurement"], seen.Select(i => i.GetProperty("purpose").GetString()).Order(StringComparer.Ordinal));
        Assert.All(seen, i => Assert.Equal("mof", i.GetProperty("department").GetString()));
    }

    [Fact]
    public async Task A_thousand_items_are_answered_and_a_thousand_and_one_or_none_is_422_for_the_whole_batch()
    {
        using var checker = await CheckerAsync();

        var thousand = await RunBatchAsync(checker, Enumerable.Range(0, 1000).Select(i => Item(i % 2 == 0 ? Organisation : Person, "air-ticket")));
        var tooMany = await checker.PostAsJsonAsync(Batch, BatchOf(Enumerable.Range(0, 1001).Select(_ => Item(Organisation, "air-ticket"))), Cancel);
        var none = await checker.PostAsJsonAsync(Batch, BatchOf([]), Cancel);
        var bare = await checker.PostAsJsonAsync(Batch, new JsonArray { Item(Organisation, "air-ticket") }, Cancel);

        var answers = thousand.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(1000, answers.Count);
        Assert.Equal(1000, answers.Select(a => a.GetProperty("result").GetProperty("checkId").GetGuid()).Distinct().Count());
        await Problems.AssertAsync(tooMany, HttpStatusCode.UnprocessableEntity, "checks-batch-too-large");
        await Problems.AssertAsync(none, HttpStatusCode.UnprocessableEntity, "checks-batch-empty");
        await Problems.AssertAsync(bare, HttpStatusCode.UnprocessableEntity, "checks-batch-invalid");
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1000, await db.Inquiries.CountAsync(i => i.Endpoint == "POST /api/v1/checks/batch", Cancel));
    }

    [Fact]
    public async Task A_body_beyond_the_batch_limit_is_413()
    {
        using var checker = await CheckerAsync();
        var padding = new string('x', 1100);

        var response = await checker.PostAsJsonAsync(Batch,
            BatchOf(Enumerable.Range(0, 1000).Select(_ => new JsonObject { ["subject"] = Organisation, ["matter"] = "air-ticket", ["padding"] = padding })), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Only_a_checker_may_run_a_batch()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

        var response = await recorder.PostAsJsonAsync(Batch, BatchOf([Item(Organisation, "air-ticket")]), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role-forbidden");
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Inquiries.CountAsync(i => i.Endpoint == "POST /api/v1/checks/batch", Cancel));
    }

    [Fact]
    public async Task Feedback_on_a_batch_items_checkId_is_given_once_by_the_checking_department_and_counted()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var mof = await CheckerAsync();
        using var ndrc = await CheckerAsync(Departments.Ndrc);
        var batch = await RunBatchAsync(mof, [Item(Organisation, "government-procurement")]);
        var checkId = batch.GetProperty("items")[0].GetProperty("result").GetProperty("checkId").GetGuid();
        var feedback = new JsonObject { ["measure"] = "restrict-government-procurement", ["applied"] = true };

        await Problems.AssertAsync(await ndrc.PostAsJsonAsync($"/api/v1/checks/{checkId}/feedback", feedback, Cancel), HttpStatusCode.Forbidden, "department-scope");
        var given = await mof.PostExpectAsync($"/api/v1/checks/{checkId}/feedback", feedback, HttpStatusCode.Created, Cancel);
        var again = await mof.PostAsJsonAsync($"/api/v1/checks/{checkId}/feedback", feedback, Cancel);

        Assert.Equal(checkId, given.GetProperty("checkId").GetGuid());
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "feedback-already-given");
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        var stats = await auditor.GetJsonAsync("/api/v1/stats/implementation", Cancel);
        var row = stats.GetProperty("items").EnumerateArray().Single(r =>
            r.GetProperty("measure").GetString() == "restrict-government-procurement" && r.GetProperty("department").GetString() == "mof");
        Assert.Equal((1, 1, 1), (row.GetProperty("checks").GetInt32(), row.GetProperty("hits").GetInt32(), row.GetProperty("applied").GetInt32()));
    }
}

public sealed class CheckBatchTests_on_SQLite() : CheckBatchTests(new SqliteTestDatabases());

public sealed class CheckBatchTests_on_PostgreSQL(PostgresClusterFixture cluster) : CheckBatchTests(new PostgresTestDatabases(cluster));
