using System.Net;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// GET /api/v1/public/records?q=&amp;department=&amp;category=&amp;from=&amp;to=&amp;page= (docs/api.md#subjects-and-public-views):
/// the double-publicity query — only records public now, subjects as the public sees them, 20 a page.
/// </summary>
public abstract class PublicRecordsTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<HttpClient> RecorderAsync() => Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

    private static async Task<JsonElement> QueryAsync(HttpClient client, string query) =>
        await client.GetJsonAsync($"/api/v1/public/records?{query}", Cancel);

    private static List<string> DocumentNumbers(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("record").GetProperty("documentNumber").GetString()!)];

    [Fact]
    public async Task A_document_number_finds_its_public_record_with_the_subject_masked_as_on_the_profile_and_a_private_record_not_at_all()
    {
        using var recorder = await RecorderAsync();
        await Given.PublishedRecordAsync(recorder: recorder);
        await Given.PublishedRecordAsync(body: SubjectBodies.Honour(SubjectBodies.PublicPersonId, SubjectBodies.PublicPersonName, "闽表彰〔2026〕3号"), recorder: recorder);
        // A penalty on an individual is not published (the category keeps individuals private).
        await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson(), recorder: recorder);
        using var anonymous = Server.Client();

        var penalty = Assert.Single((await QueryAsync(anonymous, $"q={Uri.EscapeDataString(" 闽市监罚〔2026〕101号 ")}")).GetProperty("items").EnumerateArray());
        var honour = Assert.Single((await QueryAsync(anonymous, $"q={Uri.EscapeDataString("闽表彰〔2026〕3号")}")).GetProperty("items").EnumerateArray());
        var hidden = await QueryAsync(anonymous, $"q={Uri.EscapeDataString("闽市监罚〔2026〕201号")}");

        Assert.Equal((RecordBodies.OrganisationId, "administrative-penalty", "samr"), (penalty.GetProperty("subject").GetProperty("id").GetString(),
            penalty.GetProperty("record").GetProperty("category").GetString(), penalty.GetProperty("record").GetProperty("department").GetString()));
        Assert.StartsWith("p-", honour.GetProperty("subject").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(SubjectBodies.PublicPersonMasked, honour.GetProperty("subject").GetProperty("code").GetString());
        Assert.DoesNotContain(SubjectBodies.PublicPersonId, honour.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((0, false), (hidden.GetProperty("total").GetInt32(), hidden.GetProperty("totalIsLowerBound").GetBoolean()));
        Assert.DoesNotContain(RecordBodies.PersonId, (await QueryAsync(anonymous, "department=samr")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Department_category_and_decision_dates_narrow_the_records_newest_decision_first()
    {
        using var recorder = await RecorderAsync();
        await Given.PublishedRecordAsync("闽市监罚〔2026〕11号", decisionDate: "2026-11-02", recorder: recorder);
        await Given.PublishedRecordAsync("闽市监罚〔2026〕12号", decisionDate: "2026-11-16", recorder: recorder);
        await Given.PublishedRecordAsync("闽市监罚〔2026〕13号", decisionDate: "2026-11-20", recorder: recorder);
        await Given.PublishedRecordAsync(body: SubjectBodies.Licence("闽食许〔2026〕7号", "2027-11-19"), recorder: recorder);
        using var anonymous = Server.Client();

        // The licence and the third penalty were decided on the same day: their order is by id.
        var samr = DocumentNumbers(await QueryAsync(anonymous, "department=samr"));
        Assert.Equal(["闽市监罚〔2026〕12号", "闽市监罚〔2026〕11号"], samr[2..]);
        Assert.Equal(["闽市监罚〔2026〕13号", "闽食许〔2026〕7号"], samr[..2].Order(StringComparer.Ordinal));
        Assert.Equal(["闽市监罚〔2026〕13号", "闽市监罚〔2026〕12号", "闽市监罚〔2026〕11号"],
            DocumentNumbers(await QueryAsync(anonymous, "category=administrative-penalty")));
        Assert.Equal(["闽市监罚〔2026〕12号"], DocumentNumbers(await QueryAsync(anonymous, "category=administrative-penalty&from=2026-11-03&to=2026-11-19")));
        Assert.Equal(["闽市监罚〔2026〕13号", "闽市监罚〔2026〕12号"],
            DocumentNumbers(await QueryAsync(anonymous, "department=samr&category=administrative-penalty&from=2026-11-16")));
        Assert.Equal(["闽市监罚〔2026〕11号"], DocumentNumbers(await QueryAsync(anonymous, "to=2026-11-02")));
        Assert.Empty(DocumentNumbers(await QueryAsync(anonymous, "department=spc")));
        var all = await QueryAsync(anonymous, "page=1");
        Assert.Equal((4, false, 1, 20), (all.GetProperty("total").GetInt32(), all.GetProperty("totalIsLowerBound").GetBoolean(),
            all.GetProperty("page").GetInt32(), all.GetProperty("pageSize").GetInt32()));
    }

    [Fact]
    public async Task A_record_leaves_the_query_at_midnight_china_time_after_its_last_day_and_at_once_under_objection()
    {
        using var recorder = await RecorderAsync();
        var penalty = (await Given.PublishedRecordAsync(recorder: recorder)).Id;
        await Given.PublishedRecordAsync(body: SubjectBodies.Licence("闽食许〔2026〕7号", "2026-11-24"), recorder: recorder);
        using var anonymous = Server.Client();
        Assert.Equal(2, (await QueryAsync(anonymous, "department=samr")).GetProperty("total").GetInt32());

        Given.MoveTo(new DateTimeOffset(2026, 11, 24, 23, 59, 59, TimeSpan.FromHours(8)));
        Assert.Equal(2, (await QueryAsync(anonymous, "department=samr")).GetProperty("total").GetInt32());
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["闽市监罚〔2026〕101号"], DocumentNumbers(await QueryAsync(anonymous, "department=samr")));

        using var subject = Server.Client(await Server.SubjectTokenAsync(ObjectionSteps.Organisation));
        await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(penalty, record: true), HttpStatusCode.Created, Cancel);
        Assert.Empty(DocumentNumbers(await QueryAsync(anonymous, "department=samr")));
    }

    [Theory]
    [InlineData("department=nope", "department", "department-unknown")]
    [InlineData("category=nope", "category", "record-unknown-category")]
    [InlineData("from=2026-13-01", "from", "period-date-invalid")]
    [InlineData("to=yesterday", "to", "period-date-invalid")]
    [InlineData("from=2026-11-20&to=2026-11-01", "to", "period-reversed")]
    [InlineData("from=1800-01-01", "from", "date-out-of-range")]
    public async Task A_bad_filter_is_refused_on_its_field(string query, string field, string code)
    {
        using var anonymous = Server.Client();

        var problem = await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/records?{query}", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, code);

        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_bad_page_or_an_overlong_document_number_is_refused()
    {
        using var anonymous = Server.Client();

        foreach (var page in new[] { "0", "two", "501" })
        {
            await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/records?page={page}", UriKind.Relative), Cancel),
                HttpStatusCode.UnprocessableEntity, "page-invalid");
        }

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/records?q={new string('号', 201)}", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "query-too-long");
    }
}

public sealed class PublicRecordsTests_on_SQLite() : PublicRecordsTests(new SqliteTestDatabases());

public sealed class PublicRecordsTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicRecordsTests(new PostgresTestDatabases(cluster));
