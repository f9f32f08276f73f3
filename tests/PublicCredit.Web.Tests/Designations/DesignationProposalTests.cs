using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// POST /api/v1/designations (docs/api.md#designations, docs/design.md#designation-life-cycle): only a designating department proposes; the designation starts
/// noticed with a notice that states facts, basis, intended measures, the deadline in working days and the subject's
/// rights, and carries a self-service token; every bad input is a coded refusal and stores nothing.
/// </summary>
public abstract class DesignationProposalTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<HttpClient> SamrRecorderAsync() => Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

    [Fact]
    public async Task A_designating_department_proposes_and_the_designation_starts_noticed_with_its_deadline_and_a_token()
    {
        using var recorder = await SamrRecorderAsync();

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync(Cancel);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/designations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("noticed", body.GetProperty("status").GetString());
        // Noticed Mon 2026-11-23 (the test clock); 5 working days strictly after it: Tue 24, Wed 25, Thu 26, Fri 27,
        // then Sat 28 and Sun 29 are not working days, Mon 30 is the 5th — the deadline is 2026-11-30, inclusive.
        Assert.Equal("2026-11-30", body.GetProperty("objectionDeadline").GetString());

        // The notice carries a one-time activation code (never a token); the subject redeems it for its own token.
        var code = body.GetProperty("activationCode").GetString()!;
        Assert.Equal(code, body.GetProperty("notice").GetProperty("activation").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("subjectToken", out _));
        var token = await Server.ActivateAsync(body);
        using var subject = Server.Client(token);
        var me = await subject.GetJsonAsync("/api/v1/me", Cancel);
        Assert.Equal(DesignationBodies.Organisation, me.GetProperty("subjectId").GetString());

        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.Designations.SingleAsync(Cancel);
        Assert.Equal((id, DesignationStatus.Noticed, Departments.Samr), (row.Id, row.Status, row.Department));
        Assert.Equal((new DateOnly(2026, 11, 30), 5), (row.ObjectionDeadline, row.ObjectionWindowWorkingDays));
        Assert.False(row.StatementFiled);
        Assert.Null(row.DecisionDocument);
        // Only the code's hash is kept: the stored notice carries neither the code nor the token.
        Assert.DoesNotContain(code, row.NoticeJson, StringComparison.Ordinal);
        Assert.DoesNotContain(token, row.NoticeJson, StringComparison.Ordinal);
        Assert.Equal(2, await db.ResponsiblePersons.CountAsync(p => p.DesignationId == id, Cancel));
    }

    [Fact]
    public async Task The_notice_states_facts_basis_intended_measures_with_law_and_article_the_deadline_and_the_subjects_rights()
    {
        using var recorder = await SamrRecorderAsync();

        var body = await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), HttpStatusCode.Created, Cancel);

        var notice = body.GetProperty("notice");
        Assert.Equal("国市监信告〔2026〕7号", notice.GetProperty("noticeDocument").GetString());
        Assert.StartsWith("因提供虚假材料", notice.GetProperty("facts").GetString(), StringComparison.Ordinal);
        Assert.Equal("《市场监督管理严重违法失信名单管理办法》第十条", notice.GetProperty("legalBasis").GetProperty("stated").GetString());
        Assert.Contains("《企业信息公示暂行条例》（国务院令第654号）第十七条",
            notice.GetProperty("legalBasis").GetProperty("listType").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal((5, "2026-11-30"), (notice.GetProperty("objectionWindow").GetProperty("workingDays").GetInt32(),
            notice.GetProperty("objectionWindow").GetProperty("deadline").GetString()));

        // The measures of the memorandum on untrustworthy enterprises (catalog/memoranda.yaml), each with law + article.
        var measures = notice.GetProperty("intendedMeasures").EnumerateArray().ToList();
        Assert.Equal(12, measures.Count);
        var procurement = measures.Single(m => m.GetProperty("measure").GetString() == "restrict-government-procurement");
        Assert.Equal(["《中华人民共和国政府采购法》第二十二条"], procurement.GetProperty("legalBasis").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(("mof", "mandatory"), (procurement.GetProperty("implementingDepartment").GetString(), procurement.GetProperty("binding").GetString()));
        Assert.Equal("untrustworthy-enterprises-2015", procurement.GetProperty("memoranda")[0].GetProperty("code").GetString());
        Assert.All(measures, m => Assert.All(m.GetProperty("legalBasis").EnumerateArray(),
            b => Assert.Matches("^《[^》]+》(（[^）]+）)?第.+$", b.GetString()!))); // law, optional document, article or item

        var rights = notice.GetProperty("rights").EnumerateArray().ToDictionary(r => r.GetProperty("right").GetString()!);
        Assert.Equal(["state-case", "object", "administrative-reconsideration", "administrative-litigation"], rights.Keys);
        Assert.Equal("2026-11-30", rights["state-case"].GetProperty("until").GetString());
        Assert.Equal("P60D", rights["administrative-reconsideration"].GetProperty("within").GetString());
        Assert.Equal("P6M", rights["administrative-litigation"].GetProperty("within").GetString());

        // Responsible persons are named in the notice by name and role, never by ID number.
        Assert.Equal(["张三:legal-representative", "王五:directly-responsible"], notice.GetProperty("responsiblePersons").EnumerateArray()
            .Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("role").GetString()}"));
        Assert.DoesNotContain(DesignationBodies.LegalRepresentative, notice.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_department_may_announce_fewer_measures_but_none_the_memoranda_do_not_apply_to_the_list()
    {
        using var recorder = await SamrRecorderAsync();

        var fewer = await recorder.PostExpectAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation().With("intendedMeasures", new JsonArray("key-supervision", "restrict-government-procurement")),
            HttpStatusCode.Created, Cancel);
        var beyond = await recorder.PostAsJsonAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation("国市监信告〔2026〕8号").With("intendedMeasures", new JsonArray("restrict-air-travel", "key-supervision", "key-supervision")),
            Cancel);

        // catalog order, whatever the order asked
        Assert.Equal(["restrict-government-procurement", "key-supervision"],
            fewer.GetProperty("notice").GetProperty("intendedMeasures").EnumerateArray().Select(m => m.GetProperty("measure").GetString()));
        var problem = await Problems.AssertAsync(beyond, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.MeasureNotApplicable);
        Assert.Equal([("intendedMeasures[0]", DesignationProblemCodes.MeasureNotApplicable), ("intendedMeasures[2]", DesignationProblemCodes.MeasureDuplicate)],
            problem.FieldCodes());
    }

    [Theory]
    [InlineData(Departments.Mof, DesignationBodies.MarketList)]
    [InlineData(Departments.Sta, DesignationBodies.MarketList)]
    [InlineData(Departments.Samr, DesignationBodies.DefaultersList)]
    public async Task A_department_that_does_not_designate_the_list_type_is_refused_403(string department, string listType)
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, department));

        var response = await recorder.PostAsJsonAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation().With("listType", listType), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, DesignationProblemCodes.DepartmentNotDesignating);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Only_a_recorder_proposes()
    {
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Samr));
        using var subject = Server.Client(await Server.SubjectTokenAsync(DesignationBodies.Organisation));
        using var anonymous = Server.Client();

        await Problems.AssertAsync(await reviewer.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await subject.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Theory]
    [InlineData("no-such-list")]
    [InlineData(null)]
    public async Task An_unknown_list_type_is_refused_422(string? listType)
    {
        using var recorder = await SamrRecorderAsync();

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation().With("listType", listType), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.UnknownListType);
        Assert.Equal("listType", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("110105194912310028")]
    [InlineData("")]
    public async Task An_invalid_subject_id_is_refused_422(string id)
    {
        using var recorder = await SamrRecorderAsync();

        var response = await recorder.PostAsJsonAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation().With("subject", new JsonObject { ["id"] = id, ["name"] = "某公司" }), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "subject-id-invalid");
        Assert.Equal("subject.id", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_subject_id_in_any_case_and_width_is_normalised()
    {
        using var recorder = await SamrRecorderAsync();

        var body = await recorder.PostExpectAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation().With("subject", new JsonObject { ["id"] = " ９１３５０１００ｍ０００１００ｙ４３ ", ["name"] = "福州示例食品有限公司" }),
            HttpStatusCode.Created, Cancel);

        Assert.Equal(DesignationBodies.Organisation, body.GetProperty("notice").GetProperty("subject").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_subject_of_a_kind_the_list_type_does_not_designate_is_refused_422()
    {
        using var recorder = await SamrRecorderAsync();

        var response = await recorder.PostAsJsonAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation(subject: DesignationBodies.Person).Without("responsiblePersons"), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.SubjectKindNotAllowed);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_individual_has_no_responsible_persons()
    {
        using var court = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Spc));
        var body = DesignationBodies.DefaulterDesignation().With("responsiblePersons", new JsonArray(
            new JsonObject { ["id"] = DesignationBodies.LegalRepresentative, ["name"] = "张三", ["role"] = "legal-representative" }));

        var response = await court.PostAsJsonAsync("/api/v1/designations", body, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.ResponsiblePersonsNotAllowed);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Responsible_persons_are_refused_where_the_list_type_does_not_reach_them()
    {
        using var recorder = await SamrRecorderAsync();

        var response = await recorder.PostAsJsonAsync("/api/v1/designations",
            DesignationBodies.MarketDesignation().With("listType", DesignationBodies.AbnormalList), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.ResponsiblePersonsNotReached);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Each_responsible_person_needs_a_valid_resident_id_a_name_and_a_known_role_and_appears_once()
    {
        using var recorder = await SamrRecorderAsync();
        var persons = new JsonArray(
            new JsonObject { ["id"] = DesignationBodies.Organisation, ["name"] = "张三", ["role"] = "legal-representative" },
            new JsonObject { ["id"] = DesignationBodies.LegalRepresentative, ["name"] = "张三", ["role"] = "chairman" },
            new JsonObject { ["id"] = DesignationBodies.DirectlyResponsible, ["role"] = "directly-responsible" },
            new JsonObject { ["id"] = DesignationBodies.LegalRepresentative, ["name"] = "张三", ["role"] = "legal-representative" },
            new JsonObject { ["id"] = "110101198001010010", ["name"] = "张三", ["role"] = "LEGAL-REPRESENTATIVE" });

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation().With("responsiblePersons", persons), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.ResponsiblePersonIdInvalid);
        Assert.Equal(
            [
                ("responsiblePersons[0].id", DesignationProblemCodes.ResponsiblePersonIdInvalid),
                ("responsiblePersons[1].role", DesignationProblemCodes.ResponsiblePersonRoleInvalid),
                ("responsiblePersons[2].name", DesignationProblemCodes.ResponsiblePersonNameMissing),
                ("responsiblePersons[4]", DesignationProblemCodes.ResponsiblePersonDuplicate),
            ],
            problem.FieldCodes());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_proposal_without_facts_basis_notice_document_or_name_is_refused_with_every_problem()
    {
        using var recorder = await SamrRecorderAsync();
        var body = DesignationBodies.MarketDesignation()
            .Without("facts").With("legalBasis", "   ").Without("noticeDocument")
            .With("subject", new JsonObject { ["id"] = DesignationBodies.Organisation });

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", body, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.SubjectNameMissing);
        Assert.Equal(
            [
                DesignationProblemCodes.SubjectNameMissing, DesignationProblemCodes.FactsMissing,
                DesignationProblemCodes.LegalBasisMissing, DesignationProblemCodes.NoticeDocumentMissing,
            ],
            problem.Codes());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Wrongly_shaped_json_is_a_coded_422_naming_each_field_never_a_500()
    {
        using var recorder = await SamrRecorderAsync();
        var body = DesignationBodies.MarketDesignation()
            .With("facts", 42)
            .With("intendedMeasures", new JsonArray(7))
            .With("noticeDocumnet", "typo")
            .With("responsiblePersons", new JsonObject { ["id"] = DesignationBodies.LegalRepresentative })
            .With("legalBasis", new string('法', 2_001));

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", body, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.FieldUnknown);
        Assert.Equal(
            [
                ("noticeDocumnet", DesignationProblemCodes.FieldUnknown),
                ("responsiblePersons", DesignationProblemCodes.FieldTypeInvalid),
                ("intendedMeasures[0]", DesignationProblemCodes.FieldTypeInvalid),
                ("facts", DesignationProblemCodes.FieldTypeInvalid),
                ("legalBasis", DesignationProblemCodes.FieldTooLong),
            ],
            problem.FieldCodes());
    }

    [Fact]
    public async Task A_wrongly_typed_subject_is_reported_once_not_again_as_a_missing_id_and_name()
    {
        using var recorder = await SamrRecorderAsync();

        var response = await recorder.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation().With("subject", "福州示例食品有限公司"), Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.FieldTypeInvalid);
        Assert.Equal([("subject", DesignationProblemCodes.FieldTypeInvalid)], problem.FieldCodes());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_or_not_json_is_refused_without_a_500()
    {
        using var recorder = await SamrRecorderAsync();

        var array = await recorder.PostAsJsonAsync("/api/v1/designations", new JsonArray(DesignationBodies.MarketDesignation()), Cancel);
        using var broken = new StringContent("{\"listType\": ", Encoding.UTF8, "application/json");
        var notJson = await recorder.PostAsync(new Uri("/api/v1/designations", UriKind.Relative), broken, Cancel);
        using var control = new StringContent("{\"facts\": \"a\\u0000b\"}", Encoding.UTF8, "application/json");
        var nul = await recorder.PostAsync(new Uri("/api/v1/designations", UriKind.Relative), control, Cancel);

        var notAnObject = await Problems.AssertAsync(array, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.NotAnObject);
        Assert.Equal([DesignationProblemCodes.NotAnObject], notAnObject.Codes()); // not followed by every field "missing"
        await Problems.AssertAsync(notJson, HttpStatusCode.BadRequest, "body-invalid-json");
        var problem = await Problems.AssertAsync(nul, HttpStatusCode.UnprocessableEntity, DesignationProblemCodes.UnknownListType);
        Assert.Contains(("facts", DesignationProblemCodes.FieldCharacterInvalid), problem.FieldCodes());
    }

    [Fact]
    public async Task The_same_notice_does_not_designate_the_same_subject_twice()
    {
        using var recorder = await SamrRecorderAsync();
        var first = await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), HttpStatusCode.Created, Cancel);

        var again = await recorder.PostAsJsonAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), Cancel);

        var problem = await Problems.AssertAsync(again, HttpStatusCode.Conflict, DesignationProblemCodes.AlreadyNoticed);
        Assert.Equal(first.GetProperty("id").GetGuid(), problem.GetProperty("designationId").GetGuid());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(1, await db.Designations.CountAsync(Cancel));
        Assert.Equal(1, await db.ActivationCodes.CountAsync(Cancel));
        Assert.Equal(0, await db.SubjectTokens.CountAsync(Cancel));
    }

    [Fact]
    public async Task Proposing_writes_the_activation_code_and_the_notice_as_ledger_events_without_personal_data_in_their_payloads()
    {
        using var recorder = await SamrRecorderAsync();

        var body = await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), HttpStatusCode.Created, Cancel);

        var id = body.GetProperty("id").GetGuid();
        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Type.StartsWith("subject-") || e.Type.StartsWith("designation-"))
            .OrderBy(e => e.Position).ToListAsync(Cancel);
        Assert.Equal([SubjectActivation.IssuedEvent, DesignationEvents.Noticed], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal((DesignationBodies.Organisation, Departments.Samr), (e.Subject, e.Department)));
        var noticed = JsonDocument.Parse(events[1].Payload).RootElement;
        var row = await db.Designations.SingleAsync(Cancel);
        Assert.Equal((id, "noticed", "国市监信告〔2026〕7号"), (noticed.GetProperty("designationId").GetGuid(),
            noticed.GetProperty("to").GetString(), noticed.GetProperty("document").GetString()));
        Assert.Equal(DesignationTransitions.Sha256(row.NoticeJson), noticed.GetProperty("noticeSha256").GetString());
        Assert.Equal(events[1].Position, row.LedgerPosition);
        Assert.Equal(id, JsonDocument.Parse(events[0].Payload).RootElement.GetProperty("designationId").GetGuid());
        foreach (var personal in new[] { DesignationBodies.LegalRepresentative, DesignationBodies.DirectlyResponsible, "张三", "王五", "虚假材料", "福州示例" })
        {
            Assert.All(events, e => Assert.DoesNotContain(personal, e.Payload, StringComparison.Ordinal));
        }
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.Designations.CountAsync(Cancel));
        Assert.Equal(0, await db.ResponsiblePersons.CountAsync(Cancel));
        Assert.Equal(0, await db.SubjectTokens.CountAsync(Cancel));
        Assert.Equal(0, await db.ActivationCodes.CountAsync(Cancel));
        Assert.Equal(0, await db.LedgerEvents.CountAsync(e => e.Type.StartsWith("designation-"), Cancel));
    }
}

public sealed class DesignationProposalTests_on_SQLite() : DesignationProposalTests(new SqliteTestDatabases());

public sealed class DesignationProposalTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationProposalTests(new PostgresTestDatabases(cluster));
