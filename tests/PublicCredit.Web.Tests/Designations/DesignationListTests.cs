using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;
using PublicCredit.Web.Tests.Restorations;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// <c>GET /api/v1/designations?status=&amp;page=</c> (docs/designations.md): a department's recorders and reviewers
/// list the designations it owns — never another department's — by status (expired derived from the clock), 50 a
/// page, each with the working-day deadlines that matter in its status and overdue ones marked; every subject shown
/// is an inquiry (docs/domain.md#personal-information).
/// </summary>
public abstract class DesignationListTests(ITestDatabases databases) : ServerTests(databases)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static JsonElement Only(JsonElement page, Guid id) =>
        Assert.Single(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

    private static IReadOnlyList<(string Kind, string Date, bool Overdue)> Deadlines(JsonElement item) =>
        [.. item.GetProperty("deadlines").EnumerateArray().Select(d => (d.GetProperty("kind").GetString()!, d.GetProperty("date").GetString()!, d.GetProperty("overdue").GetBoolean()))];

    [Fact]
    public async Task A_department_lists_only_its_own_designations_each_noticed_one_with_the_end_of_its_notice_period()
    {
        var first = await Given.ProposedDesignationAsync(notice: "国市监信告〔2026〕7号");
        var second = await Given.ProposedDesignationAsync(subject: DesignationBodies.OtherOrganisation, notice: "国市监信告〔2026〕8号");
        using (var court = await Given.StaffAsync(Role.Recorder, Departments.Spc))
        {
            await court.PostExpectAsync("/api/v1/designations", DesignationBodies.DefaulterDesignation(), HttpStatusCode.Created, Cancel);
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        using var recorder = await Given.StaffAsync(Role.Recorder);
        using var courtReviewer = await Given.StaffAsync(Role.Reviewer, Departments.Spc);
        var samr = await reviewer.GetJsonAsync("/api/v1/designations", Cancel);
        var samrRecorder = await recorder.GetJsonAsync("/api/v1/designations", Cancel);
        var spc = await courtReviewer.GetJsonAsync("/api/v1/designations", Cancel);

        Assert.Equal(2, samr.GetProperty("total").GetInt32());
        Assert.Equal(new[] { first.Id, second.Id }.Order(), samr.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.Equal(samr.GetProperty("items").GetRawText(), samrRecorder.GetProperty("items").GetRawText());
        Assert.Equal(DesignationBodies.DefaultersList, Assert.Single(spc.GetProperty("items").EnumerateArray()).GetProperty("listType").GetString());
        var item = Only(samr, first.Id);
        Assert.Equal("noticed", item.GetProperty("status").GetString());
        Assert.Equal(DesignationBodies.Organisation, item.GetProperty("subject").GetProperty("id").GetString());
        // Noticed Mon 2026-11-23, 5 working days → Mon 2026-11-30; the subject's time, so never "overdue" for the department.
        Assert.Equal([("objection-window", "2026-11-30", false)], Deadlines(item));
        Assert.False(item.GetProperty("decidable").GetBoolean());
        Assert.False(item.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_noticed_designation_becomes_decidable_once_the_window_has_passed_or_the_subject_has_answered()
    {
        var answered = await Given.ProposedDesignationAsync(notice: "国市监信告〔2026〕7号");
        var silent = await Given.ProposedDesignationAsync(subject: DesignationBodies.OtherOrganisation, notice: "国市监信告〔2026〕8号");
        using (var subject = Server.Client(answered.Token))
        {
            await subject.PostExpectAsync($"/api/v1/designations/{answered.Id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        Given.MoveTo(new DateTimeOffset(2026, 11, 30, 23, 59, 0, China));
        var lastDay = await reviewer.GetJsonAsync("/api/v1/designations?status=noticed", Cancel);
        Given.MoveTo(new DateTimeOffset(2026, 12, 1, 0, 0, 0, China));
        var dayAfter = await reviewer.GetJsonAsync("/api/v1/designations?status=noticed", Cancel);

        Assert.True(Only(lastDay, answered.Id).GetProperty("decidable").GetBoolean());
        Assert.False(Only(lastDay, silent.Id).GetProperty("decidable").GetBoolean());
        Assert.True(Only(dayAfter, silent.Id).GetProperty("decidable").GetBoolean());
    }

    [Fact]
    public async Task The_status_filter_separates_noticed_effective_and_expired_designations_by_the_clock()
    {
        var effective = (await Given.EffectiveDesignationAsync()).Id;
        var noticed = await Given.ProposedDesignationAsync(subject: DesignationBodies.OtherOrganisation, notice: "国市监信告〔2026〕8号");
        using var reviewer = await Given.StaffAsync(Role.Reviewer);

        var inForce = await reviewer.GetJsonAsync("/api/v1/designations?status=effective", Cancel);
        var onNotice = await reviewer.GetJsonAsync("/api/v1/designations?status=noticed", Cancel);
        // The term is P3Y from Mon 2026-11-23 09:00 China time: from that instant it reads as expired.
        Given.MoveTo(new DateTimeOffset(2029, 11, 23, 9, 0, 0, China));
        // Three years on, the reviewer's first key has expired (keys last at most three years): it reads with a new one.
        using var later = await Given.StaffAsync(Role.Reviewer);
        var laterInForce = await later.GetJsonAsync("/api/v1/designations?status=effective", Cancel);
        var expired = await later.GetJsonAsync("/api/v1/designations?status=expired", Cancel);
        var all = await later.GetJsonAsync("/api/v1/designations", Cancel);

        Assert.Equal([("expiry", "2029-11-23", false)], Deadlines(Only(inForce, effective)));
        Assert.Equal(noticed.Id, Assert.Single(onNotice.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0, laterInForce.GetProperty("total").GetInt32());
        var item = Only(expired, effective);
        Assert.Equal("expired", item.GetProperty("status").GetString());
        Assert.Empty(Deadlines(item));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_objection_under_review_shows_its_review_deadline_and_is_overdue_the_day_after()
    {
        var id = (await Given.EffectiveDesignationAsync()).Id;
        using (var subject = await Given.SubjectAsync())
        {
            await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(id), HttpStatusCode.Created, Cancel);
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        Given.MoveTo(new DateTimeOffset(2026, 12, 7, 23, 0, 0, China));
        var lastDay = await reviewer.GetJsonAsync("/api/v1/designations?status=suspended", Cancel);
        Given.MoveTo(new DateTimeOffset(2026, 12, 8, 0, 0, 0, China));
        var late = await reviewer.GetJsonAsync("/api/v1/designations?status=suspended", Cancel);

        // Filed Mon 2026-11-23: ten working days → Mon 2026-12-07 (catalog objections.reviewWorkingDays).
        Assert.Equal([("objection-review", "2026-12-07", false), ("expiry", "2029-11-23", false)], Deadlines(Only(lastDay, id)));
        Assert.False(Only(lastDay, id).GetProperty("overdue").GetBoolean());
        Assert.Equal([("objection-review", "2026-12-07", true), ("expiry", "2029-11-23", false)], Deadlines(Only(late, id)));
        Assert.True(Only(late, id).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task An_open_restoration_shows_its_accept_by_day_and_is_overdue_after_it()
    {
        var id = (await Given.EffectiveDesignationAsync()).Id;
        Given.MoveTo(new DateTimeOffset(2027, 11, 24, 10, 0, 0, China));
        using (var subject = await Given.SubjectAsync())
        {
            await subject.PostExpectAsync("/api/v1/restorations", RestorationScenario.Application(designationId: id), HttpStatusCode.Created, Cancel);
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        var onTime = await reviewer.GetJsonAsync("/api/v1/designations?status=effective", Cancel);
        Given.MoveTo(new DateTimeOffset(2027, 11, 30, 9, 0, 0, China));
        var late = await reviewer.GetJsonAsync("/api/v1/designations?status=effective", Cancel);

        // Submitted Wed 2027-11-24: accept by the 3rd working day after, Mon 2027-11-29 (docs/restorations.md).
        Assert.Contains(("restoration-accept", "2027-11-29", false), Deadlines(Only(onTime, id)));
        Assert.Contains(("restoration-accept", "2027-11-29", true), Deadlines(Only(late, id)));
        Assert.True(Only(late, id).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Pages_hold_fifty_designations_each_none_twice_and_a_page_out_of_range_is_422()
    {
        for (var n = 1; n <= 51; n++)
        {
            await Given.ProposedDesignationAsync(notice: $"国市监信告〔2026〕{n}号");
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        var first = await reviewer.GetJsonAsync("/api/v1/designations?status=noticed", Cancel);
        var second = await reviewer.GetJsonAsync("/api/v1/designations?status=noticed&page=2", Cancel);
        var beyond = await reviewer.GetJsonAsync("/api/v1/designations?status=noticed&page=3", Cancel);

        Assert.Equal((51, 1, 50, 50), (first.GetProperty("total").GetInt32(), first.GetProperty("page").GetInt32(),
            first.GetProperty("pageSize").GetInt32(), first.GetProperty("items").GetArrayLength()));
        Assert.Equal((51, 2, 1), (second.GetProperty("total").GetInt32(), second.GetProperty("page").GetInt32(), second.GetProperty("items").GetArrayLength()));
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid());
        Assert.Equal(51, ids.Distinct().Count());
        foreach (var page in new[] { "0", "-1", "abc", "1001", "1.5" })
        {
            var problem = await Problems.AssertAsync(await reviewer.GetAsync($"/api/v1/designations?page={page}", Cancel),
                HttpStatusCode.UnprocessableEntity, "page-invalid");
            Assert.Equal("page", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }
    }

    [Theory]
    [InlineData("in-force")]
    [InlineData("Noticed")]
    [InlineData("open")]
    [InlineData("noticed,effective")]
    public async Task An_unknown_status_is_refused_with_its_code_and_field(string status)
    {
        using var reviewer = await Given.StaffAsync(Role.Reviewer);

        var problem = await Problems.AssertAsync(await reviewer.GetAsync($"/api/v1/designations?status={Uri.EscapeDataString(status)}", Cancel),
            HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.StatusInvalid);

        Assert.Equal("status", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Only_recorders_and_reviewers_list_designations_and_anonymous_callers_learn_nothing()
    {
        var designation = await Given.ProposedDesignationAsync(notice: "国市监信告〔2026〕7号");
        using var anonymous = Server.Client();
        using var checker = await Given.StaffAsync(Role.Checker);
        using var auditor = await Given.StaffAsync(Role.Auditor);
        using var subject = Server.Client(designation.Token);

        await Problems.AssertAsync(await anonymous.GetAsync("/api/v1/designations", Cancel), HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await checker.GetAsync("/api/v1/designations", Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await auditor.GetAsync("/api/v1/designations", Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await subject.GetAsync("/api/v1/designations", Cancel), HttpStatusCode.Forbidden, "role-forbidden");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_list()
    {
        using var client = Server.Client();

        var document = await client.GetJsonAsync("/openapi/v1.json", Cancel);

        var list = document.GetProperty("paths").GetProperty("/api/v1/designations").GetProperty("get");
        Assert.Equal("ListDesignations", list.GetProperty("operationId").GetString());
        Assert.Equal(["page", "status"], list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Each_subject_listed_is_logged_as_an_inquiry_by_the_department_that_listed_it()
    {
        await Given.ProposedDesignationAsync(notice: "国市监信告〔2026〕7号");
        await Given.ProposedDesignationAsync(notice: "国市监信告〔2026〕8号");
        await Given.ProposedDesignationAsync(subject: DesignationBodies.OtherOrganisation, notice: "国市监信告〔2026〕9号");
        using var reviewer = await Given.StaffAsync(Role.Reviewer);

        await reviewer.GetJsonAsync("/api/v1/designations", Cancel);

        await using var db = StorageServices.CreateContext(Server.Database);
        var logged = await db.Inquiries.Where(i => i.Endpoint == ListDesignations.Endpoint).ToListAsync(Cancel);
        Assert.Equal([DesignationBodies.OtherOrganisation, DesignationBodies.Organisation], logged.Select(i => i.SubjectId).Order(StringComparer.Ordinal));
        Assert.All(logged, i => Assert.Equal((Departments.Samr, "reviewer", ReadDesignation.InquiryPurpose), (i.Department, i.Role, i.Purpose)));
    }
}

public sealed class DesignationListTests_on_SQLite() : DesignationListTests(new SqliteTestDatabases());

public sealed class DesignationListTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationListTests(new PostgresTestDatabases(cluster));
