using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Objections;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Objections;

/// <summary>
/// Each rule of objections tried the wrong way (docs/design.md#life-cycles "Bad input and attacks"; docs/objections.md): unknown and
/// closed targets, a second filing, another subject's target, another department's resolution, resolving twice,
/// malformed bodies — and the same filing sent twice, which is answered with the first.
/// </summary>
public abstract class ObjectionRulesTests(ITestDatabases databases) : ServerTests(databases)
{
    private ObjectionSteps Steps => new(Server, Cancel);

    private async Task<int> CountAsync(Func<PublicCreditObjections, Task<int>> count)
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        return await count(new PublicCreditObjections(db));
    }

    private sealed record PublicCreditObjections(PublicCredit.Storage.PublicCreditDbContext Db)
    {
        public Task<int> Objections() => Db.Objections.CountAsync();

        public Task<int> FiledEvents() => Db.LedgerEvents.CountAsync(e => e.Type == ObjectionEvents.Filed);
    }

    [Fact]
    public async Task Filing_the_same_objection_twice_answers_200_with_the_same_id_and_writes_nothing_more()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        var record = (await Given.PublishedRecordAsync()).Id;
        using var subject = Server.Client(designation.Token);

        foreach (var body in new[] { ObjectionSteps.Objection(designation.Id), ObjectionSteps.Objection(record, record: true) })
        {
            var first = await subject.PostExpectAsync("/api/v1/objections", body, HttpStatusCode.Created, Cancel);
            // The same grounds with other line endings and surrounding spaces are still the same filing.
            var retry = (JsonObject)body.DeepClone();
            retry["grounds"] = "  " + body["grounds"]!.GetValue<string>() + "\r\n";
            var second = await subject.PostExpectAsync("/api/v1/objections", retry, HttpStatusCode.OK, Cancel);

            Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
            Assert.Equal(("open", first.GetProperty("reviewDeadline").GetString()), (second.GetProperty("status").GetString(), second.GetProperty("reviewDeadline").GetString()));
        }

        Assert.Equal(2, await CountAsync(d => d.Objections()));
        Assert.Equal(2, await CountAsync(d => d.FiledEvents()));
    }

    [Fact]
    public async Task The_same_objection_sent_several_times_at_once_is_filed_once_and_every_answer_names_it()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        var record = (await Given.PublishedRecordAsync()).Id;
        var clients = Enumerable.Range(0, 6).Select(_ => Server.Client(designation.Token)).ToList();
        try
        {
            foreach (var body in new[] { ObjectionSteps.Objection(designation.Id), ObjectionSteps.Objection(record, record: true) })
            {
                var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/v1/objections", body, Cancel)));
                var ids = new List<Guid>();
                foreach (var response in responses)
                {
                    Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
                    ids.Add((await response.JsonAsync(Cancel)).GetProperty("id").GetGuid());
                }

                Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
                Assert.Single(ids.Distinct());
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        Assert.Equal(2, await CountAsync(d => d.Objections()));
        Assert.Equal(2, await CountAsync(d => d.FiledEvents()));
    }

    [Fact]
    public async Task Another_filing_while_an_objection_is_open_is_409_objection_already_open()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        var record = (await Given.PublishedRecordAsync()).Id;
        using var subject = Server.Client(designation.Token);
        using var recorder = await Steps.ClientAsync(Role.Recorder, Departments.Mof);
        await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel);
        await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(record, record: true), HttpStatusCode.Created, Cancel);

        // Other grounds from the subject, and the very same grounds from a department: other filings.
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(subject, "/api/v1/objections", ObjectionSteps.Objection(designation.Id, grounds: "另一理由"), Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.AlreadyOpen);
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(recorder, "/api/v1/objections", ObjectionSteps.Objection(designation.Id), Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.AlreadyOpen);
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(recorder, "/api/v1/objections", ObjectionSteps.Objection(record, record: true), Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.AlreadyOpen);
        Assert.Equal(2, await CountAsync(d => d.Objections()));
    }

    [Fact]
    public async Task An_unknown_target_is_404_and_a_revoked_one_409()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var recorder = await Steps.ClientAsync(Role.Recorder, Departments.Samr);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        var unknown = Guid.CreateVersion7();

        await Problems.AssertAsync(await ObjectionSteps.PostAsync(recorder, "/api/v1/objections", ObjectionSteps.Objection(unknown), Cancel),
            HttpStatusCode.NotFound, "designation-not-found");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(recorder, "/api/v1/objections", ObjectionSteps.Objection(unknown, record: true), Cancel),
            HttpStatusCode.NotFound, "record-not-found");
        await reviewer.PostExpectAsync($"/api/v1/designations/{designation.Id}/revoke", new JsonObject { ["reasons"] = "已履行" }, HttpStatusCode.OK, Cancel);
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(recorder, "/api/v1/objections", ObjectionSteps.Objection(designation.Id), Cancel),
            HttpStatusCode.Conflict, "designation-closed");
        Assert.Equal(0, await CountAsync(d => d.Objections()));
    }

    [Fact]
    public async Task A_subject_token_cannot_object_to_another_subjects_record_or_designation()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        var record = (await Given.PublishedRecordAsync()).Id;
        using var other = Server.Client(await Server.SubjectTokenAsync(ObjectionSteps.OtherOrganisation));

        await Problems.AssertAsync(await ObjectionSteps.PostAsync(other, "/api/v1/objections", ObjectionSteps.Objection(designation.Id), Cancel),
            HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(other, "/api/v1/objections", ObjectionSteps.Objection(record, record: true), Cancel),
            HttpStatusCode.Forbidden, "subject-scope");
        Assert.Equal(0, await CountAsync(d => d.Objections()));
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        Assert.Equal("measures", (await Steps.CheckAsync(checker)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Only_a_reviewer_of_the_owning_department_resolves_and_only_once()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        var record = (await Given.PublishedRecordAsync()).Id;
        using var subject = Server.Client(designation.Token);
        var onDesignation = (await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        var onRecord = (await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(record, record: true), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        using var samrReviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Samr);
        using var spcReviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        using var spcRecorder = await Steps.ClientAsync(Role.Recorder, Departments.Spc);

        await Problems.AssertAsync(await ObjectionSteps.PostAsync(samrReviewer, $"/api/v1/objections/{onDesignation}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(spcReviewer, $"/api/v1/objections/{onRecord}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.Forbidden, "department-scope");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(spcRecorder, $"/api/v1/objections/{onDesignation}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(subject, $"/api/v1/objections/{onDesignation}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        Assert.Equal("suspended", (await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation.Id}")).GetProperty("status").GetString());

        await spcReviewer.PostExpectAsync($"/api/v1/objections/{onDesignation}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        await samrReviewer.PostExpectAsync($"/api/v1/objections/{onRecord}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);

        await Problems.AssertAsync(await ObjectionSteps.PostAsync(spcReviewer, $"/api/v1/objections/{onDesignation}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.AlreadyResolved);
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(samrReviewer, $"/api/v1/objections/{onRecord}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.Conflict, ObjectionProblemCodes.AlreadyResolved);
        Assert.Equal("effective", (await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation.Id}")).GetProperty("status").GetString());
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(spcReviewer, $"/api/v1/objections/{Guid.CreateVersion7()}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.NotFound, ObjectionProblemCodes.NotFound);
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(spcReviewer, "/api/v1/objections/not-an-id/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
            HttpStatusCode.NotFound, ObjectionProblemCodes.NotFound);
    }

    [Fact]
    public async Task A_designation_its_department_revokes_during_the_review_stays_revoked_and_the_objection_is_still_answered()
    {
        var objection = await Given.ObjectedDesignationAsync(DesignationBodies.DefaultersList);
        var (id, designation) = (objection.Id, objection.Target);
        using var subject = Server.Client(objection.Token);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        await reviewer.PostExpectAsync($"/api/v1/designations/{designation}/revoke", new JsonObject { ["reasons"] = "已履行，撤销列入" }, HttpStatusCode.OK, Cancel);

        await reviewer.PostExpectAsync($"/api/v1/objections/{id}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);

        Assert.Equal("revoked", (await Steps.GetOkAsync(subject, $"/api/v1/designations/{designation}")).GetProperty("status").GetString());
        Assert.Equal("rejected", (await Steps.GetOkAsync(subject, $"/api/v1/objections/{id}")).GetProperty("status").GetString());
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        Assert.Equal("clear", (await Steps.CheckAsync(checker)).GetProperty("outcome").GetString());
        Assert.Equal(["designation-effective", "designation-suspended", "designation-revoked"],
            (await Steps.FeedAsync()).Select(i => i.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Malformed_filings_and_resolutions_are_422_naming_the_field_and_change_nothing()
    {
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var subject = Server.Client(designation.Token);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        var target = new JsonObject { ["designationId"] = designation.Id.ToString() };
        (JsonNode Body, string Field, string Code)[] filings =
        [
            (new JsonObject { ["grounds"] = "理由" }, "target", ObjectionProblemCodes.TargetInvalid),
            (new JsonObject { ["target"] = new JsonObject { ["designationId"] = designation.Id.ToString(), ["recordId"] = designation.Id.ToString() }, ["grounds"] = "理由" }, "target", ObjectionProblemCodes.TargetInvalid),
            (new JsonObject { ["target"] = new JsonObject { ["designationId"] = "not-a-uuid" }, ["grounds"] = "理由" }, "target.designationId", ObjectionProblemCodes.TargetInvalid),
            (new JsonObject { ["target"] = "x", ["grounds"] = "理由" }, "target", ObjectionProblemCodes.FieldTypeInvalid),
            (new JsonObject { ["target"] = target.DeepClone(), ["grounds"] = "  " }, "grounds", ObjectionProblemCodes.GroundsMissing),
            (new JsonObject { ["target"] = target.DeepClone(), ["grounds"] = 42 }, "grounds", ObjectionProblemCodes.FieldTypeInvalid),
            (new JsonObject { ["target"] = target.DeepClone(), ["grounds"] = new string('理', 10_001) }, "grounds", "objection-field-too-long"),
            (new JsonObject { ["target"] = target.DeepClone(), ["grounds"] = "理由\u0000" }, "grounds", "objection-field-character-invalid"),
            (new JsonObject { ["target"] = target.DeepClone(), ["grounds"] = "理由", ["fee"] = 100 }, "fee", ObjectionProblemCodes.FieldUnknown),
            (new JsonArray(), "", ObjectionProblemCodes.NotAnObject),
        ];
        foreach (var (body, field, code) in filings)
        {
            var problem = await Problems.AssertAsync(await ObjectionSteps.PostAsync(subject, "/api/v1/objections", body, Cancel), HttpStatusCode.UnprocessableEntity, code);
            Assert.Contains((field, code), problem.FieldCodes());
        }

        var notJson = await subject.PostAsync(new Uri("/api/v1/objections", UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Cancel);
        await Problems.AssertAsync(notJson, HttpStatusCode.BadRequest, "body-invalid-json");
        Assert.Equal(0, await CountAsync(d => d.Objections()));

        var id = (await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel)).GetProperty("id").GetGuid();
        (JsonNode Body, string Field, string Code)[] resolutions =
        [
            (new JsonObject { ["outcome"] = "granted", ["reasons"] = "理由" }, "outcome", ObjectionProblemCodes.OutcomeInvalid),
            (new JsonObject { ["reasons"] = "理由" }, "outcome", ObjectionProblemCodes.OutcomeInvalid),
            (new JsonObject { ["outcome"] = "upheld" }, "reasons", ObjectionProblemCodes.ReasonsMissing),
        ];
        foreach (var (body, field, code) in resolutions)
        {
            var problem = await Problems.AssertAsync(await ObjectionSteps.PostAsync(reviewer, $"/api/v1/objections/{id}/resolve", body, Cancel), HttpStatusCode.UnprocessableEntity, code);
            Assert.Contains((field, code), problem.FieldCodes());
        }

        Assert.Equal("open", (await Steps.GetOkAsync(subject, $"/api/v1/objections/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Filing_needs_a_subject_token_or_a_recorder_key()
    {
        var record = (await Given.PublishedRecordAsync()).Id;
        using var anyone = Server.Client();
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);

        await Problems.AssertAsync(await ObjectionSteps.PostAsync(anyone, "/api/v1/objections", ObjectionSteps.Objection(record, record: true), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await ObjectionSteps.PostAsync(checker, "/api/v1/objections", ObjectionSteps.Objection(record, record: true), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Steps.GetAsync(anyone, $"/api/v1/objections/{Guid.CreateVersion7()}")).Status);
    }

    [Fact]
    public async Task A_reviewer_lists_its_own_departments_objections_by_review_deadline_and_reads_them()
    {
        var early = await Given.PublishedRecordAsync("闽市监罚〔2026〕101号");
        var late = await Given.PublishedRecordAsync("闽市监罚〔2026〕102号");
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var subject = Server.Client(designation.Token);
        var first = (await Given.ObjectionAsync(early, designation.Token)).Id;
        Server.Clock.Advance(TimeSpan.FromDays(1)); // filed on Tuesday: due a working day later
        var second = (await Given.ObjectionAsync(late, designation.Token)).Id;
        var onDesignation = (await Given.ObjectionAsync(designation)).Id;
        using var samr = await Steps.ClientAsync(Role.Reviewer, Departments.Samr);
        using var spc = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        using var samrChecker = await Steps.ClientAsync(Role.Checker, Departments.Samr);
        using var auditor = await Steps.ClientAsync(Role.Auditor, Departments.Ndrc);

        var queue = await Steps.GetOkAsync(samr, "/api/v1/objections?status=open");

        Assert.Equal([first, second], queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(["2026-12-07", "2026-12-08"], queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reviewDeadline").GetString()));
        Assert.Equal(2, queue.GetProperty("total").GetInt32());
        Assert.Equal([onDesignation], (await Steps.GetOkAsync(spc, "/api/v1/objections")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Empty((await Steps.GetOkAsync(samr, "/api/v1/objections?status=upheld")).GetProperty("items").EnumerateArray());
        await Problems.AssertAsync(await samr.GetAsync(new Uri("/api/v1/objections?status=pending", UriKind.Relative), Cancel), HttpStatusCode.UnprocessableEntity, ObjectionProblemCodes.StatusInvalid);
        await Problems.AssertAsync(await samrChecker.GetAsync(new Uri("/api/v1/objections", UriKind.Relative), Cancel), HttpStatusCode.Forbidden, "role-forbidden");
        // One objection: the owning department and auditors read it; another department does not.
        Assert.Equal("open", (await Steps.GetOkAsync(samr, $"/api/v1/objections/{first}")).GetProperty("status").GetString());
        Assert.Equal("open", (await Steps.GetOkAsync(auditor, $"/api/v1/objections/{first}")).GetProperty("status").GetString());
        await Problems.AssertAsync(await spc.GetAsync(new Uri($"/api/v1/objections/{first}", UriKind.Relative), Cancel), HttpStatusCode.Forbidden, "department-scope");
        // Each staff read of an objection is an inquiry the subject can see (docs/domain.md#personal-information).
        var inquiries = await Steps.GetOkAsync(subject, $"/api/v1/subjects/{ObjectionSteps.Organisation}/inquiries");
        Assert.Contains(inquiries.EnumerateArray(), i => i.GetProperty("purpose").GetString() == ReadObjection.InquiryPurpose);
        Assert.Contains(inquiries.EnumerateArray(), i => i.GetProperty("purpose").GetString() == ListObjections.InquiryPurpose);
    }
}

public sealed class ObjectionRulesTests_on_SQLite() : ObjectionRulesTests(new SqliteTestDatabases());

public sealed class ObjectionRulesTests_on_PostgreSQL(PostgresClusterFixture cluster) : ObjectionRulesTests(new PostgresTestDatabases(cluster));
