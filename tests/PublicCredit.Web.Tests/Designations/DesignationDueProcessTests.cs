using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// The designation life cycle over HTTP (docs/design.md#designation-life-cycle; docs/api.md statements, decide, revoke): notice
/// before listing, the subject's statement with the token from its notice, the decision only after the window or a
/// statement, by the owner department, with a complete decision document; every transition one ledger event.
/// </summary>
public abstract class DesignationDueProcessTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<HttpClient> ReviewerAsync(string department = Departments.Samr) =>
        Server.Client(await Server.KeyAsync(Role.Reviewer, department));

    private async Task FileStatementAsync(GivenDesignation designation)
    {
        using var subject = Server.Client(designation.Token);
        await subject.PostExpectAsync($"{designation.Path}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
    }

    [Fact]
    public async Task The_subject_states_its_case_with_the_token_from_its_notice_and_the_department_may_then_decide_early()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var subject = Server.Client(designation.Token);
        using var reviewer = await ReviewerAsync();

        var filed = await subject.PostExpectAsync($"{designation.Path}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
        Server.Clock.Advance(TimeSpan.FromHours(1));
        var decided = await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(term: "P1Y"), HttpStatusCode.OK, Cancel);

        Assert.Equal(("noticed", true), (filed.GetProperty("status").GetString(), filed.GetProperty("statementFiled").GetBoolean()));
        Assert.Equal("effective", decided.GetProperty("status").GetString());
        // Decided Mon 2026-11-23 10:00 China time, before the deadline of 2026-11-30, because a statement is on file.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)), decided.GetProperty("effectiveFrom").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)), decided.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("P1Y", decided.GetProperty("term").GetString());
        Assert.True(decided.GetProperty("decision").GetProperty("procedure").GetProperty("decidedBeforeDeadline").GetBoolean());

        var read = await subject.GetJsonAsync(designation.Path, Cancel);
        Assert.Equal("effective", read.GetProperty("status").GetString());
        var statement = Assert.Single(read.GetProperty("statements").EnumerateArray());
        Assert.Equal("我公司已整改，请求不予列入。", statement.GetProperty("statement").GetString());
        Assert.Equal("整改报告（2026年11月20日）", statement.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task Deciding_before_the_deadline_without_a_statement_is_409_and_changes_nothing()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var reviewer = await ReviewerAsync();
        // The deadline is Mon 2026-11-30 (5 working days after Mon 23, across the weekend of 28–29): the last moment of
        // that day in China is still inside the window.
        Server.Clock.Advance(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.FromHours(8)) - Server.Clock.GetUtcNow());

        var response = await reviewer.PostAsJsonAsync($"{designation.Path}/decide", DesignationBodies.Decision(), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "designation-objection-window-open");
        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.Designations.SingleAsync(Cancel);
        Assert.Equal(DesignationStatus.Noticed, row.Status);
        Assert.Null(row.DecisionJson);
        Assert.Equal(0, await db.LedgerEvents.CountAsync(e => e.Type == DesignationEvents.Effective, Cancel));
    }

    [Fact]
    public async Task Once_the_window_has_passed_the_department_decides_without_a_statement_with_the_default_term()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var reviewer = await ReviewerAsync();
        Server.Clock.Advance(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)) - Server.Clock.GetUtcNow());

        var decided = await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);

        Assert.Equal(("effective", "P3Y"), (decided.GetProperty("status").GetString(), decided.GetProperty("term").GetString()));
        Assert.Equal(new DateTimeOffset(2029, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)), decided.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.False(decided.GetProperty("decision").GetProperty("procedure").GetProperty("decidedBeforeDeadline").GetBoolean());
    }

    [Theory]
    [InlineData("P4Y", "designation-term-too-long")]
    [InlineData("P36M1D", "designation-term-too-long")]
    [InlineData("P0D", "designation-term-invalid")]
    [InlineData("1 year", "designation-term-invalid")]
    [InlineData("PT24H", "designation-term-invalid")]
    public async Task A_term_beyond_the_list_types_maximum_or_not_a_duration_is_422(string term, string code)
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();

        var response = await reviewer.PostAsJsonAsync($"{designation.Path}/decide", DesignationBodies.Decision(term), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("term", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(DesignationStatus.Noticed, (await db.Designations.SingleAsync(Cancel)).Status);
    }

    [Fact]
    public async Task A_decision_needs_its_document_number_and_reasons()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();

        var response = await reviewer.PostAsJsonAsync($"{designation.Path}/decide", new JsonObject { ["reasons"] = " " }, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "designation-decision-document-missing");
        Assert.Equal(["designation-decision-document-missing", "designation-reasons-missing"], problem.Codes());
    }

    [Theory]
    [InlineData("2026-12-01", "2026-12-01T00:00:00+08:00", null)]
    [InlineData("2026-11-23", "2026-11-23T09:00:00+08:00", null)] // earlier today means now
    [InlineData("2026-12-01T09:30:00+08:00", "2026-12-01T09:30:00+08:00", null)]
    [InlineData("2026-11-20", null, "designation-effective-from-in-past")]
    [InlineData("2028-01-01", null, "designation-effective-from-too-late")]
    [InlineData("2026-12-01T09:30:00", null, "designation-effective-from-invalid")]
    [InlineData("tomorrow", null, "designation-effective-from-invalid")]
    public async Task A_decision_takes_effect_from_now_or_a_later_start_never_earlier(string effectiveFrom, string? expected, string? code)
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();

        var response = await reviewer.PostAsJsonAsync($"{designation.Path}/decide",
            DesignationBodies.Decision("P1Y").With("effectiveFrom", effectiveFrom), Cancel);

        if (code is not null)
        {
            await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, code);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decided = await response.JsonAsync(Cancel);
        var start = DateTimeOffset.Parse(expected!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(start, decided.GetProperty("effectiveFrom").GetDateTimeOffset());
        Assert.Equal(start.AddYears(1), decided.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Another_departments_reviewer_cannot_decide_or_revoke_and_a_recorder_cannot_decide()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var taxReviewer = await ReviewerAsync(Departments.Sta);
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

        await Problems.AssertAsync(await taxReviewer.PostAsJsonAsync($"{designation.Path}/decide", DesignationBodies.Decision(), Cancel),
            HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await taxReviewer.PostAsJsonAsync($"{designation.Path}/revoke", new JsonObject { ["reasons"] = "误报" }, Cancel),
            HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await recorder.PostAsJsonAsync($"{designation.Path}/decide", DesignationBodies.Decision(), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(DesignationStatus.Noticed, (await db.Designations.SingleAsync(Cancel)).Status);
    }

    [Fact]
    public async Task Only_the_designated_subjects_own_token_files_a_statement()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var other = Server.Client(await Server.SubjectTokenAsync(DesignationBodies.OtherOrganisation));
        using var staff = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        using var anonymous = Server.Client();

        await Problems.AssertAsync(await other.PostAsJsonAsync($"{designation.Path}/statements", DesignationBodies.Statement(), Cancel),
            HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(await staff.PostAsJsonAsync($"{designation.Path}/statements", DesignationBodies.Statement(), Cancel),
            HttpStatusCode.Forbidden, "subject-token-required");
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync($"{designation.Path}/statements", DesignationBodies.Statement(), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await other.GetAsync(designation.Path, Cancel), HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(await anonymous.GetAsync(designation.Path, Cancel), HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await anonymous.GetAsync($"/api/v1/designations/{Guid.NewGuid()}", Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.False((await db.Designations.SingleAsync(Cancel)).StatementFiled);
        Assert.Equal(0, await db.DesignationStatements.CountAsync(Cancel));
    }

    [Fact]
    public async Task An_empty_statement_is_refused_and_a_statement_after_the_decision_is_a_conflict()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var subject = Server.Client(designation.Token);
        using var reviewer = await ReviewerAsync();

        var empty = await subject.PostAsJsonAsync($"{designation.Path}/statements", new JsonObject { ["evidence"] = "附件" }, Cancel);
        await FileStatementAsync(designation);
        await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);
        var late = await subject.PostAsJsonAsync($"{designation.Path}/statements", DesignationBodies.Statement(), Cancel);

        await Problems.AssertAsync(empty, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.StatementMissing);
        await Problems.AssertAsync(late, HttpStatusCode.Conflict, "designation-not-noticed");
    }

    [Fact]
    public async Task The_owner_department_revokes_and_a_revoked_designation_cannot_be_revoked_or_decided_again()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();
        await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);

        var missing = await reviewer.PostAsJsonAsync($"{designation.Path}/revoke", new JsonObject(), Cancel);
        var revoked = await reviewer.PostExpectAsync($"{designation.Path}/revoke",
            new JsonObject { ["reasons"] = "据以认定的行政处罚决定已被撤销。", ["revocationDocument"] = "国市监信撤〔2026〕1号" }, HttpStatusCode.OK, Cancel);
        var again = await reviewer.PostAsJsonAsync($"{designation.Path}/revoke", new JsonObject { ["reasons"] = "重复" }, Cancel);
        var decide = await reviewer.PostAsJsonAsync($"{designation.Path}/decide", DesignationBodies.Decision(), Cancel);

        await Problems.AssertAsync(missing, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.ReasonsMissing);
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "designation-closed");
        await Problems.AssertAsync(decide, HttpStatusCode.Conflict, "designation-not-noticed");
        var read = await reviewer.GetJsonAsync(designation.Path, Cancel);
        Assert.Equal("revoked", read.GetProperty("status").GetString());
        Assert.Equal(("据以认定的行政处罚决定已被撤销。", "国市监信撤〔2026〕1号"),
            (read.GetProperty("revocation").GetProperty("reasons").GetString(), read.GetProperty("revocation").GetProperty("document").GetString()));
    }

    [Fact]
    public async Task A_noticed_designation_can_be_withdrawn_before_any_decision()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var reviewer = await ReviewerAsync();

        var revoked = await reviewer.PostExpectAsync($"{designation.Path}/revoke", new JsonObject { ["reasons"] = "陈述申辩理由成立" }, HttpStatusCode.OK, Cancel);

        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        using var subject = Server.Client(designation.Token);
        await Problems.AssertAsync(await subject.PostAsJsonAsync($"{designation.Path}/statements", DesignationBodies.Statement(), Cancel),
            HttpStatusCode.Conflict, "designation-not-noticed");
    }

    [Fact]
    public async Task The_decision_document_states_facts_reasons_basis_measures_term_removal_and_administrative_remedies()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();
        using var subject = Server.Client(designation.Token);
        await Problems.AssertAsync(await subject.GetAsync($"{designation.Path}/decision", Cancel), HttpStatusCode.NotFound, DesignationProblemCodes.NotDecided);
        await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision("P2Y"), HttpStatusCode.OK, Cancel);

        var view = await subject.GetJsonAsync($"{designation.Path}/decision", Cancel);

        Assert.Equal("effective", view.GetProperty("status").GetString());
        var document = view.GetProperty("document");
        Assert.Equal("国市监信决〔2026〕7号", document.GetProperty("decisionDocument").GetString());
        Assert.StartsWith("因提供虚假材料", document.GetProperty("facts").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("经核查", document.GetProperty("reasons").GetString(), StringComparison.Ordinal);
        Assert.Equal("《市场监督管理严重违法失信名单管理办法》第十条", document.GetProperty("legalBasis").GetProperty("stated").GetString());
        Assert.NotEmpty(document.GetProperty("legalBasis").GetProperty("listType").EnumerateArray());
        var measures = document.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(12, measures.Count);
        Assert.All(measures, m => Assert.NotEmpty(m.GetProperty("legalBasis").EnumerateArray()));
        var term = document.GetProperty("term");
        Assert.Equal(("P2Y", "P3Y"), (term.GetProperty("duration").GetString(), term.GetProperty("max").GetString()));
        Assert.Equal(term.GetProperty("effectiveFrom").GetDateTimeOffset().AddYears(2), term.GetProperty("expiresAt").GetDateTimeOffset());
        var removal = document.GetProperty("removal");
        Assert.Equal(term.GetProperty("expiresAt").GetDateTimeOffset(), removal.GetProperty("termEnds").GetDateTimeOffset());
        Assert.True(removal.GetProperty("restoration").GetProperty("freeOfCharge").GetBoolean());
        Assert.Equal((3, 10), (removal.GetProperty("restoration").GetProperty("acceptWithinWorkingDays").GetInt32(),
            removal.GetProperty("restoration").GetProperty("decideWithinWorkingDays").GetInt32()));
        Assert.NotEmpty(removal.GetProperty("objection").GetProperty("zh").GetString()!);
        var remedies = document.GetProperty("remedies").EnumerateArray()
            .Select(r => (r.GetProperty("right").GetString(), r.GetProperty("within").GetString(), r.GetProperty("legalBasis")[0].GetString())).ToList();
        Assert.Equal(
            [
                ("administrative-reconsideration", "P60D", "《中华人民共和国行政复议法》第二十条"),
                ("administrative-litigation", "P6M", "《中华人民共和国行政诉讼法》第四十六条"),
            ],
            remedies);
        var procedure = document.GetProperty("procedure");
        Assert.Equal(("国市监信告〔2026〕7号", 1), (procedure.GetProperty("noticeDocument").GetString(), procedure.GetProperty("statementsOnFile").GetInt32()));

        // Staff of any role and department read it too; the stored document is what the ledger event hashed.
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        Assert.Equal(document.GetRawText(), (await auditor.GetJsonAsync($"{designation.Path}/decision", Cancel)).GetProperty("document").GetRawText());
        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.Designations.SingleAsync(Cancel);
        var effective = await db.LedgerEvents.SingleAsync(e => e.Type == DesignationEvents.Effective, Cancel);
        Assert.Equal(DesignationTransitions.Sha256(row.DecisionJson!), JsonDocument.Parse(effective.Payload).RootElement.GetProperty("decisionSha256").GetString());
    }

    [Fact]
    public async Task A_courts_listing_names_the_remedies_before_the_courts_and_removal_once_the_obligation_is_performed()
    {
        var designation = await Given.ProposedDesignationAsync(body: DesignationBodies.DefaulterDesignation(), statement: true);
        using var court = await ReviewerAsync(Departments.Spc);

        var decided = await court.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(document: "（2026）闽01执123号"), HttpStatusCode.OK, Cancel);

        var document = decided.GetProperty("decision");
        Assert.Equal(["court-correction", "court-reconsideration"],
            document.GetProperty("remedies").EnumerateArray().Select(r => r.GetProperty("right").GetString()));
        Assert.All(document.GetProperty("remedies").EnumerateArray(), r => Assert.Contains("法释〔2017〕7号", r.GetProperty("legalBasis")[0].GetString(), StringComparison.Ordinal));
        Assert.Equal(("obligation-performed", 3), (document.GetProperty("removal").GetProperty("automatic").GetProperty("trigger").GetString(),
            document.GetProperty("removal").GetProperty("automatic").GetProperty("withinWorkingDays").GetInt32()));
        Assert.False(document.GetProperty("removal").TryGetProperty("restoration", out var restoration) && restoration.ValueKind != JsonValueKind.Null);
        Assert.Equal("P2Y", decided.GetProperty("term").GetString());
        Assert.Equal(["state-case", "object", "court-correction", "court-reconsideration"], designation.Proposed.GetProperty("notice").GetProperty("rights")
            .EnumerateArray().Select(r => r.GetProperty("right").GetString()));
    }

    [Fact]
    public async Task Responsible_persons_are_stored_in_full_and_masked_in_the_subjects_view()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var reviewer = await ReviewerAsync();
        using var subject = Server.Client(designation.Token);

        var staffView = await reviewer.GetJsonAsync(designation.Path, Cancel);
        var subjectView = await subject.GetJsonAsync(designation.Path, Cancel);

        static IEnumerable<string> Persons(JsonElement view) => view.GetProperty("responsiblePersons").EnumerateArray()
            .Select(p => $"{p.GetProperty("id").GetString()} {p.GetProperty("name").GetString()} {p.GetProperty("role").GetString()}");
        Assert.Equal(["110101198001010010 张三 legal-representative", "350102197506150023 王五 directly-responsible"], Persons(staffView).Order());
        Assert.Equal(["1101**********0010 张三 legal-representative", "3501**********0023 王五 directly-responsible"], Persons(subjectView).Order());
        Assert.DoesNotContain(DesignationBodies.LegalRepresentative, subjectView.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(DesignationBodies.DirectlyResponsible, subjectView.GetRawText(), StringComparison.Ordinal);

        await using var db = StorageServices.CreateContext(Server.Database);
        var stored = await db.ResponsiblePersons.OrderBy(p => p.ResidentId).ToListAsync(Cancel);
        Assert.Equal([(DesignationBodies.LegalRepresentative, ResponsibleRole.LegalRepresentative), (DesignationBodies.DirectlyResponsible, ResponsibleRole.DirectlyResponsible)],
            stored.Select(p => (p.ResidentId, p.Role)));
        Assert.All(stored, p => Assert.Equal(designation.Id, p.DesignationId));
    }

    [Fact]
    public async Task A_staff_read_is_logged_as_an_inquiry_about_the_subject_and_the_subjects_own_read_is_not()
    {
        var designation = await Given.ProposedDesignationAsync();
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Samr));
        using var subject = Server.Client(designation.Token);

        await reviewer.GetJsonAsync(designation.Path, Cancel);
        await subject.GetJsonAsync(designation.Path, Cancel);

        await using var db = StorageServices.CreateContext(Server.Database);
        var inquiry = await db.Inquiries.SingleAsync(Cancel);
        Assert.Equal((DesignationBodies.Organisation, Departments.Samr, "reviewer", ReadDesignation.InquiryPurpose),
            (inquiry.SubjectId, inquiry.Department, inquiry.Role, inquiry.Purpose));
    }

    [Fact]
    public async Task The_status_read_is_the_status_at_the_time_of_the_request_and_an_ended_term_reads_as_expired()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();
        await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision("P1Y"), HttpStatusCode.OK, Cancel);

        Server.Clock.Advance(TimeSpan.FromDays(365) - TimeSpan.FromSeconds(1));
        var before = await reviewer.GetJsonAsync(designation.Path, Cancel);
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await reviewer.GetJsonAsync(designation.Path, Cancel);

        Assert.Equal("effective", before.GetProperty("status").GetString());
        Assert.Equal("expired", after.GetProperty("status").GetString());
        Assert.Equal("expired", (await reviewer.GetJsonAsync($"{designation.Path}/decision", Cancel)).GetProperty("status").GetString());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(DesignationStatus.Effective, (await db.Designations.SingleAsync(Cancel)).Status); // expired is never stored
    }

    [Fact]
    public async Task Every_transition_is_one_ledger_event_in_order_and_the_chain_still_verifies()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        using var reviewer = await ReviewerAsync();
        await reviewer.PostExpectAsync($"{designation.Path}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);
        await reviewer.PostExpectAsync($"{designation.Path}/revoke", new JsonObject { ["reasons"] = "认定依据已被撤销" }, HttpStatusCode.OK, Cancel);

        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Type.StartsWith("designation-")).OrderBy(e => e.Position).ToListAsync(Cancel);
        Assert.Equal([DesignationEvents.Noticed, DesignationEvents.StatementFiled, DesignationEvents.Effective, DesignationEvents.Revoked],
            events.Select(e => e.Type));
        var payloads = events.Select(e => JsonDocument.Parse(e.Payload).RootElement).ToList();
        Assert.Equal([(null, "noticed"), ("noticed", "noticed"), ("noticed", "effective"), ("effective", "revoked")],
            payloads.Select(p => (p.GetProperty("from").GetString(), p.GetProperty("to").GetString())));
        Assert.Equal(["国市监信告〔2026〕7号", null, "国市监信决〔2026〕7号", null], payloads.Select(p => p.GetProperty("document").GetString()));
        Assert.All(payloads, p => Assert.Equal(designation.Id, p.GetProperty("designationId").GetGuid()));
        Assert.All(events, e => Assert.Equal((Departments.Samr, DesignationBodies.Organisation), (e.Department, e.Subject)));
        Assert.StartsWith("subject-token:", events[1].Actor, StringComparison.Ordinal);
        Assert.StartsWith("key:", events[2].Actor, StringComparison.Ordinal);
        Assert.Equal(DesignationTransitions.Sha256("认定依据已被撤销"), payloads[3].GetProperty("reasonsSha256").GetString());
        Assert.All(events, e => Assert.DoesNotContain("整改", e.Payload, StringComparison.Ordinal)); // the statement's text stays out
        Assert.Equal(events[^1].Position, (await db.Designations.SingleAsync(Cancel)).LedgerPosition);
        Assert.Equal(events[1].Position, (await db.DesignationStatements.SingleAsync(Cancel)).LedgerPosition);

        var verify = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString);
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("ok ", verify.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_decisions_make_the_designation_effective_exactly_once()
    {
        var designation = await Given.ProposedDesignationAsync(statement: true);
        var reviewers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReviewerAsync()));

        var responses = await Task.WhenAll(reviewers.Select((client, i) =>
            client.PostAsJsonAsync($"{designation.Path}/decide", DesignationBodies.Decision(document: $"国市监信决〔2026〕{10 + i}号"), Cancel)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await Problems.AssertAsync(refused, HttpStatusCode.Conflict, "designation-not-noticed");
        }

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1, await db.LedgerEvents.CountAsync(e => e.Type == DesignationEvents.Effective, Cancel));
        Assert.True((await new PublicCredit.Ledger.VerifyLedger(db).RunAsync(Cancel)).Ok);
        foreach (var client in reviewers)
        {
            client.Dispose();
        }
    }

    [Theory]
    [InlineData("0197a1c0-0000-7000-8000-000000000000")]
    [InlineData("not-a-designation")]
    public async Task An_unknown_designation_is_404(string id)
    {
        using var reviewer = await ReviewerAsync();

        await Problems.AssertAsync(await reviewer.GetAsync($"/api/v1/designations/{id}", Cancel), HttpStatusCode.NotFound, DesignationProblemCodes.NotFound);
        await Problems.AssertAsync(await reviewer.PostAsJsonAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(), Cancel),
            HttpStatusCode.NotFound, DesignationProblemCodes.NotFound);
    }
}

public sealed class DesignationDueProcessTests_on_SQLite() : DesignationDueProcessTests(new SqliteTestDatabases());

public sealed class DesignationDueProcessTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationDueProcessTests(new PostgresTestDatabases(cluster));
