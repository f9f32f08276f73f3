using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// GET /api/v1/subjects/{subjectId} and /inquiries (docs/api.md#subjects-and-public-views; docs/domain.md#personal-information; docs/design.md#7-privacy-by-default): staff or the subject
/// itself read the full profile; every read is an inquiry with its purpose, stored before the answer, and visible to
/// the subject and to auditors.
/// </summary>
public abstract class SubjectProfileTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string PersonProfile = $"/api/v1/subjects/{RecordBodies.PersonId}";
    private const string PersonInquiries = $"/api/v1/subjects/{RecordBodies.PersonId}/inquiries";

    private async Task<(HttpClient Recorder, Guid Record)> PersonWithACorrectedRecordAsync()
    {
        var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var id = (await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson(), recorder: recorder)).Id;
        var corrected = RecordBodies.PenaltyOnPerson().With("amount", 3).With("reason", "金额更正");
        Assert.Equal(HttpStatusCode.OK, (await recorder.PostJsonAsync($"/api/v1/records/{id}/corrections", corrected, Cancel)).StatusCode);
        return (recorder, id);
    }

    private async Task<int> InquiryCountAsync()
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        return await db.Inquiries.CountAsync(Cancel);
    }

    [Fact]
    public async Task Staff_read_the_full_profile_with_every_version_of_every_record()
    {
        var (recorder, id) = await PersonWithACorrectedRecordAsync();
        recorder.Dispose();
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Sta));

        var profile = await reviewer.GetJsonAsync($"{PersonProfile}?purpose=supervision", Cancel);

        var subject = profile.GetProperty("subject");
        Assert.Equal((RecordBodies.PersonId, "individual", "李四"),
            (subject.GetProperty("id").GetString(), subject.GetProperty("kind").GetString(), subject.GetProperty("name").GetString()));
        Assert.StartsWith("p-", subject.GetProperty("publicId").GetString(), StringComparison.Ordinal);
        var record = Assert.Single(profile.GetProperty("records").EnumerateArray());
        Assert.Equal(id, record.GetProperty("id").GetGuid());
        Assert.Equal(2, record.GetProperty("current").GetProperty("version").GetInt32());
        Assert.False(record.GetProperty("current").GetProperty("published").GetBoolean());
        Assert.Equal([12.5m, 3m], record.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("amount").GetDecimal()));
        // Filled by the designations capability; empty, never invented.
        Assert.Equal((0, 0), (profile.GetProperty("designations").GetArrayLength(), profile.GetProperty("measures").GetArrayLength()));
    }

    [Fact]
    public async Task Each_staff_read_creates_exactly_one_inquiry_that_the_subject_and_an_auditor_see_and_a_checker_does_not()
    {
        var (recorder, _) = await PersonWithACorrectedRecordAsync();
        recorder.Dispose();
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        using var person = Server.Client(await Server.SubjectTokenAsync(RecordBodies.PersonId));

        await checker.GetJsonAsync($"{PersonProfile}?purpose=public-procurement", Cancel);
        var afterOne = await InquiryCountAsync();
        var seenBySubject = await person.GetJsonAsync(PersonInquiries, Cancel);
        var seenByAuditor = await auditor.GetJsonAsync($"{PersonInquiries}?purpose=audit", Cancel);
        var checkerAsks = await checker.GetAsync(new Uri(PersonInquiries, UriKind.Relative), Cancel);

        Assert.Equal(1, afterOne);
        Assert.Equal(seenByAuditor.GetRawText(), seenBySubject.GetRawText());
        var inquiry = Assert.Single(seenBySubject.EnumerateArray());
        Assert.Equal(("mof", "checker", "public-procurement", "GET /api/v1/subjects/{subjectId}"),
            (inquiry.GetProperty("department").GetString(), inquiry.GetProperty("role").GetString(),
                inquiry.GetProperty("purpose").GetString(), inquiry.GetProperty("endpoint").GetString()));
        Assert.Equal(Server.Clock.GetUtcNow(), inquiry.GetProperty("at").GetDateTimeOffset());
        Assert.False(inquiry.TryGetProperty("actor", out _), "the subject is shown the department and role, not the key");
        await Problems.AssertAsync(checkerAsks, HttpStatusCode.Forbidden, "role-forbidden");
        Assert.Equal(2, await InquiryCountAsync()); // the checker's read, and the auditor's read of the log (ADR 0039)
    }

    [Fact]
    public async Task A_subject_reads_its_own_profile_as_self_service_and_is_refused_anothers()
    {
        var (recorder, _) = await PersonWithACorrectedRecordAsync();
        await Given.PublishedRecordAsync(body: SubjectBodies.Defaulter(), department: Departments.Spc);
        recorder.Dispose();
        using var person = Server.Client(await Server.SubjectTokenAsync(RecordBodies.PersonId));

        var own = await person.GetJsonAsync($"/api/v1/subjects/{RecordBodies.PersonId.ToLowerInvariant()}", Cancel);
        var other = await person.GetAsync(new Uri($"/api/v1/subjects/{SubjectBodies.PublicPersonId}?purpose=supervision", UriKind.Relative), Cancel);
        var otherInquiries = await person.GetAsync(new Uri($"/api/v1/subjects/{SubjectBodies.PublicPersonId}/inquiries", UriKind.Relative), Cancel);

        Assert.Equal(RecordBodies.PersonId, own.GetProperty("subject").GetProperty("id").GetString());
        await Problems.AssertAsync(other, HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(otherInquiries, HttpStatusCode.Forbidden, "subject-scope");
        var logged = Assert.Single((await person.GetJsonAsync(PersonInquiries, Cancel)).EnumerateArray());
        Assert.Equal(("subject", "self-service"), (logged.GetProperty("role").GetString(), logged.GetProperty("purpose").GetString()));
        Assert.False(logged.TryGetProperty("department", out _));
    }

    [Fact]
    public async Task Staff_without_a_purpose_are_refused_and_nothing_is_logged()
    {
        var (recorder, _) = await PersonWithACorrectedRecordAsync();
        recorder.Dispose();
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        await Problems.AssertAsync(await checker.GetAsync(new Uri(PersonProfile, UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "purpose-required");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{PersonProfile}?purpose=%20%20", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "purpose-required");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{PersonProfile}?purpose=%E6%94%BF%E5%BA%9C%E9%87%87%E8%B4%AD", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "purpose-unknown");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{PersonProfile}?purpose=public-procurement&note={new string('因', 201)}", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "note-too-long");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{PersonProfile}?purpose=public-procurement&note=a%00b", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "note-invalid");
        Assert.Equal(0, await InquiryCountAsync());
    }

    [Fact]
    public async Task Bad_identifiers_unknown_subjects_and_callers_without_a_key_are_refused_with_codes()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        using var anonymous = Server.Client();

        await Problems.AssertAsync(await checker.GetAsync(new Uri("/api/v1/subjects/110105194912310029?purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "subject-id-invalid");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{PersonProfile}?purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "subject-not-found");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"{PersonProfile}?purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/subjects/nonsense/inquiries", UriKind.Relative), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        // Asking about someone the platform holds nothing on is still a question about that person (docs/domain.md#personal-information).
        Assert.Equal(1, await InquiryCountAsync());
    }

    [Fact]
    public async Task Reading_a_record_through_its_owners_endpoint_is_an_inquiry_about_its_subject()
    {
        var (recorder, id) = await PersonWithACorrectedRecordAsync();
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var withoutPurpose = await recorder.GetAsync(new Uri($"/api/v1/records/{id}", UriKind.Relative), Cancel);
        var read = await recorder.GetAsync(new Uri($"/api/v1/records/{id}?purpose=law-enforcement&note=核对更正结果", UriKind.Relative), Cancel);

        await Problems.AssertAsync(withoutPurpose, HttpStatusCode.UnprocessableEntity, "purpose-required");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var inquiry = Assert.Single((await auditor.GetJsonAsync($"{PersonInquiries}?purpose=audit", Cancel)).EnumerateArray());
        Assert.Equal(("samr", "recorder", "law-enforcement", "核对更正结果", "GET /api/v1/records/{id}"),
            (inquiry.GetProperty("department").GetString(), inquiry.GetProperty("role").GetString(),
                inquiry.GetProperty("purpose").GetString(), inquiry.GetProperty("note").GetString(), inquiry.GetProperty("endpoint").GetString()));
        recorder.Dispose();
    }

    [Fact]
    public async Task Inquiries_are_listed_newest_first_up_to_a_limit()
    {
        var (recorder, _) = await PersonWithACorrectedRecordAsync();
        recorder.Dispose();
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        foreach (var note in new[] { "第一次", "第二次", "第三次" })
        {
            await auditor.GetJsonAsync($"{PersonProfile}?purpose=audit&note={note}", Cancel);
            Server.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var two = await auditor.GetJsonAsync($"{PersonInquiries}?limit=2&purpose=audit", Cancel);

        Assert.Equal(["第三次", "第二次"], two.EnumerateArray().Select(i => i.GetProperty("note").GetString()));
        await Problems.AssertAsync(await auditor.GetAsync(new Uri($"{PersonInquiries}?limit=0", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "limit-out-of-range");
    }
}

public sealed class SubjectProfileTests_on_SQLite() : SubjectProfileTests(new SqliteTestDatabases());

public sealed class SubjectProfileTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubjectProfileTests(new PostgresTestDatabases(cluster));
