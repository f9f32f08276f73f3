using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// Reads of individuals' data in bulk (docs/design.md#edges-public-limits-and-audit-reads; ADR 0039; docs/domain.md#personal-information; docs/design.md#7-privacy-by-default): the ledger and the
/// changes feed show resident ID numbers masked to every role, and an auditor's read of the ledger or of a subject's
/// inquiry log is an inquiry with its purpose that the subject sees in "who looked at me".
/// </summary>
public abstract class AuditReadPrivacyTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string PersonMasked = "1101**********002X";

    private async Task SubmitRecordsAboutTwoIndividualsAsync()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson(), recorder: recorder);
        await Given.PublishedRecordAsync(body: SubjectBodies.Defaulter(), department: Departments.Spc);
    }

    private async Task<List<JsonElement>> InquiriesSeenByAsync(string subjectId)
    {
        using var subject = Server.Client(await Server.SubjectTokenAsync(subjectId));
        return [.. (await subject.GetJsonAsync($"/api/v1/subjects/{subjectId}/inquiries", Cancel)).EnumerateArray()];
    }

    private async Task<int> InquiriesAboutAsync(string subjectId)
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        return await db.Inquiries.CountAsync(i => i.SubjectId == subjectId, Cancel);
    }

    private static (string?, string?, string?, string?) Who(JsonElement inquiry) =>
        (inquiry.GetProperty("department").GetString(), inquiry.GetProperty("role").GetString(),
            inquiry.GetProperty("purpose").GetString(), inquiry.GetProperty("endpoint").GetString());

    [Fact]
    public async Task An_auditor_reading_the_ledger_sees_no_whole_resident_id_and_each_individual_sees_the_read_and_its_purpose()
    {
        await SubmitRecordsAboutTwoIndividualsAsync();
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var page = await auditor.GetJsonAsync("/api/v1/ledger?limit=1000&purpose=audit", Cancel);

        var body = page.GetRawText();
        Assert.DoesNotContain(RecordBodies.PersonId, body, StringComparison.Ordinal);
        Assert.DoesNotContain(SubjectBodies.PublicPersonId, body, StringComparison.Ordinal);
        Assert.Contains(PersonMasked, body, StringComparison.Ordinal);
        Assert.Contains(SubjectBodies.PublicPersonMasked, body, StringComparison.Ordinal);
        Assert.Contains(page.GetProperty("events").EnumerateArray(), e => e.TryGetProperty("subject", out var subject) && subject.GetString() == PersonMasked);
        foreach (var person in new[] { RecordBodies.PersonId, SubjectBodies.PublicPersonId })
        {
            var seen = Assert.Single(await InquiriesSeenByAsync(person));
            Assert.Equal(("ndrc", "auditor", "audit", "GET /api/v1/ledger"), Who(seen));
        }
    }

    [Fact]
    public async Task An_auditor_without_a_purpose_is_refused_the_ledger_and_nothing_about_anyone_is_returned()
    {
        await SubmitRecordsAboutTwoIndividualsAsync();
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        await Problems.AssertAsync(await auditor.GetAsync(new Uri("/api/v1/ledger?limit=1000", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "purpose-required");
        await Problems.AssertAsync(await auditor.GetAsync(new Uri("/api/v1/ledger?limit=0&purpose=audit", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "limit-out-of-range");
        await Problems.AssertAsync(await auditor.GetAsync(new Uri("/api/v1/ledger?after=x&purpose=audit", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "after-invalid");
        await Problems.AssertAsync(await checker.GetAsync(new Uri("/api/v1/ledger?purpose=audit", UriKind.Relative), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        Assert.Equal(0, await InquiriesAboutAsync(RecordBodies.PersonId));
    }

    [Fact]
    public async Task An_auditor_reading_a_subjects_inquiry_log_is_itself_an_inquiry_the_subject_sees()
    {
        await SubmitRecordsAboutTwoIndividualsAsync();
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));
        var log = $"/api/v1/subjects/{RecordBodies.PersonId}/inquiries";

        await Problems.AssertAsync(await auditor.GetAsync(new Uri(log, UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "purpose-required");
        var read = await auditor.GetJsonAsync($"{log}?purpose=audit", Cancel);

        Assert.Equal(0, read.GetArrayLength());
        var seen = Assert.Single(await InquiriesSeenByAsync(RecordBodies.PersonId));
        Assert.Equal(("ndrc", "auditor", "audit", "GET /api/v1/subjects/{subjectId}/inquiries"), Who(seen));
    }

    [Fact]
    public async Task A_checker_reading_the_changes_feed_gets_individuals_resident_ids_masked()
    {
        await SubmitRecordsAboutTwoIndividualsAsync();
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        var feed = await checker.GetJsonAsync("/api/v1/changes?after=0&limit=1000", Cancel);

        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.Equal(SubjectBodies.PublicPersonMasked, item.GetProperty("subjectId").GetString());
        Assert.DoesNotContain(SubjectBodies.PublicPersonId, feed.GetRawText(), StringComparison.Ordinal);
    }
}

public sealed class AuditReadPrivacyTests_on_SQLite() : AuditReadPrivacyTests(new SqliteTestDatabases());

public sealed class AuditReadPrivacyTests_on_PostgreSQL(PostgresClusterFixture cluster) : AuditReadPrivacyTests(new PostgresTestDatabases(cluster));
