using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// A record or a designation read by its id is scoped like a profile (ADR 0045): the owning department, what is public
/// now, and what the category's or list type's sharing gives the caller's role and department for the purpose it names.
/// Anything else is answered as if it did not exist (404) and nothing is logged about the subject.
/// </summary>
public abstract class RecordAndDesignationScopeTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<int> InquiriesAboutAsync(string subject)
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        return await db.Inquiries.CountAsync(i => i.SubjectId == subject, Cancel);
    }

    [Fact]
    public async Task A_recorder_of_another_department_reads_a_public_record_but_a_private_one_is_unknown_to_it()
    {
        var hidden = await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson());
        var shown = await Given.PublishedRecordAsync();
        using var other = await Given.StaffAsync(Role.Recorder, Departments.Sta);
        using var owner = await Given.StaffAsync(Role.Recorder, Departments.Samr);

        var outside = await other.GetAsync(new Uri($"/api/v1/records/{hidden.Id}?purpose=supervision", UriKind.Relative), Cancel);
        var inquiriesAfterRefusal = await InquiriesAboutAsync(RecordBodies.PersonId);
        var own = await owner.GetAsync(new Uri($"/api/v1/records/{hidden.Id}?purpose=supervision", UriKind.Relative), Cancel);
        var published = await other.GetAsync(new Uri($"/api/v1/records/{shown.Id}?purpose=supervision", UriKind.Relative), Cancel);

        await Problems.AssertAsync(outside, HttpStatusCode.NotFound, "record-not-found");
        Assert.Equal(0, inquiriesAfterRefusal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (own.StatusCode, published.StatusCode));
    }

    [Fact]
    public async Task A_designation_in_notice_is_read_by_its_department_and_for_a_shared_purpose_and_unknown_to_anyone_else()
    {
        var noticed = await Given.ProposedDesignationAsync();
        var path = $"/api/v1/designations/{noticed.Id}";
        using var owner = await Given.StaffAsync(Role.Reviewer, Departments.Samr);
        using var mof = await Given.StaffAsync(Role.Checker, Departments.Mof);
        using var association = await Given.StaffAsync(Role.Checker, "china-banking-association");
        using var auditor = await Given.StaffAsync(Role.Auditor, Departments.Ndrc);

        var own = await owner.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        var shared = await mof.GetAsync(new Uri($"{path}?purpose=supervision&note=%E5%B9%B4%E5%BA%A6%E6%8A%BD%E6%9F%A5", UriKind.Relative), Cancel);
        var noPurpose = await mof.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        var wrongPurpose = await mof.GetAsync(new Uri($"{path}?purpose=judicial-enforcement", UriKind.Relative), Cancel);
        var freeText = await mof.GetAsync(new Uri($"{path}?purpose=%E6%A0%B8%E6%9F%A5", UriKind.Relative), Cancel);
        var nonGovernment = await association.GetAsync(new Uri($"{path}?purpose=supervision", UriKind.Relative), Cancel);
        var notSharedWithAuditors = await auditor.GetAsync(new Uri($"{path}/decision?purpose=supervision", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (own.StatusCode, shared.StatusCode));
        await Problems.AssertAsync(noPurpose, HttpStatusCode.NotFound, "designation-not-found");
        await Problems.AssertAsync(wrongPurpose, HttpStatusCode.NotFound, "designation-not-found");
        await Problems.AssertAsync(freeText, HttpStatusCode.UnprocessableEntity, "purpose-unknown");
        await Problems.AssertAsync(nonGovernment, HttpStatusCode.NotFound, "designation-not-found");
        await Problems.AssertAsync(notSharedWithAuditors, HttpStatusCode.NotFound, "designation-not-found");
        await using var db = StorageServices.CreateContext(Server.Database);
        var logged = await db.Inquiries.Where(i => i.SubjectId == Given.Organisation && i.Endpoint == "GET /api/v1/designations/{id}")
            .Select(i => new { i.Department, i.Purpose, i.Note }).ToListAsync(Cancel);
        Assert.Equal(
            [(Departments.Mof, "supervision", "年度抽查"), (Departments.Samr, "designation", null)],
            logged.Select(i => (i.Department, i.Purpose, i.Note)).OrderBy(i => i.Department, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_designation_in_force_is_public_and_read_by_any_staff_member()
    {
        var effective = await Given.EffectiveDesignationAsync();
        using var association = await Given.StaffAsync(Role.Checker, "china-banking-association");

        var read = await association.GetAsync(new Uri($"/api/v1/designations/{effective.Id}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}

public sealed class RecordAndDesignationScopeTests_on_SQLite() : RecordAndDesignationScopeTests(new SqliteTestDatabases());

public sealed class RecordAndDesignationScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : RecordAndDesignationScopeTests(new PostgresTestDatabases(cluster));
