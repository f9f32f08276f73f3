using System.Net;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// Who reads (docs/catalog.md#providers-and-sharing): a staff profile shows what is public, what the caller's department
/// recorded, and what the category's sharing gives the caller's role and department for the purpose it names; the rest
/// is counted in <c>outsideScope</c>, not shown. The subject itself sees everything.
/// </summary>
public abstract class ProfileScopeTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Person = RecordBodies.PersonId;

    /// <summary>Two records on a person that are not public (the categories keep individuals private): SAMR's penalty and MEE's licence.</summary>
    private async Task<(Guid Penalty, Guid Licence)> TwoPrivateRecordsAsync()
    {
        var penalty = await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson());
        var licence = await Given.PublishedRecordAsync(
            body: SubjectBodies.Licence("闽环许〔2026〕7号", "2027-11-19", subjectId: Person, name: "李四"), department: "mee");
        return (penalty.Id, licence.Id);
    }

    private async Task<JsonElement> ProfileAsync(Role role, string department, string purpose)
    {
        using var staff = await Given.StaffAsync(role, department);
        return await staff.GetJsonAsync($"/api/v1/subjects/{Person}?purpose={Uri.EscapeDataString(purpose)}", Cancel);
    }

    private static List<Guid> RecordIds(JsonElement profile) =>
        [.. profile.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];

    [Fact]
    public async Task A_checker_of_another_government_department_sees_only_what_the_catalog_shares_for_its_purpose_and_a_count_of_the_rest()
    {
        var (penalty, _) = await TwoPrivateRecordsAsync();

        var forProcurement = await ProfileAsync(Role.Checker, Departments.Mof, "public-procurement");

        Assert.Equal([penalty], RecordIds(forProcurement));
        Assert.Equal(1, forProcurement.GetProperty("outsideScope").GetInt32());
    }

    [Fact]
    public async Task A_checker_of_a_non_government_body_sees_no_private_record_and_is_told_how_many_there_are()
    {
        await TwoPrivateRecordsAsync();

        var profile = await ProfileAsync(Role.Checker, "china-banking-association", "administrative-approval");

        Assert.Empty(RecordIds(profile));
        Assert.Equal(2, profile.GetProperty("outsideScope").GetInt32());
    }

    [Fact]
    public async Task A_purpose_outside_the_catalogs_purposes_is_refused_and_one_no_rule_shares_for_opens_only_the_callers_own_records()
    {
        var (penalty, _) = await TwoPrivateRecordsAsync();
        using var checker = await Given.StaffAsync(Role.Checker, Departments.Mof);

        var freeText = await checker.GetAsync(new Uri($"/api/v1/subjects/{Person}?purpose=%E6%A0%B8%E6%9F%A5", UriKind.Relative), Cancel);
        var other = await ProfileAsync(Role.Checker, Departments.Mof, "judicial-enforcement");
        var own = await ProfileAsync(Role.Reviewer, Departments.Samr, "judicial-enforcement");

        var problem = await Problems.AssertAsync(freeText, HttpStatusCode.UnprocessableEntity, "purpose-unknown");
        Assert.Contains("judicial-enforcement", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 2), (RecordIds(other).Count, other.GetProperty("outsideScope").GetInt32()));
        Assert.Equal(penalty, Assert.Single(RecordIds(own)));
        Assert.Equal(1, own.GetProperty("outsideScope").GetInt32());
    }

    [Fact]
    public async Task The_subject_sees_all_its_records_and_nothing_is_outside_its_scope()
    {
        var (penalty, licence) = await TwoPrivateRecordsAsync();
        using var person = await Given.SubjectAsync(Person);

        var profile = await person.GetJsonAsync($"/api/v1/subjects/{Person}", Cancel);

        Assert.Equal(new[] { licence, penalty }.Order(), RecordIds(profile).Order());
        Assert.Equal(0, profile.GetProperty("outsideScope").GetInt32());
    }

    [Fact]
    public async Task A_designation_still_in_notice_is_shown_to_its_department_and_the_lists_sharing_and_counted_for_others()
    {
        var noticed = await Given.ProposedDesignationAsync();
        using var association = await Given.StaffAsync(Role.Checker, "china-banking-association");
        using var mof = await Given.StaffAsync(Role.Checker, Departments.Mof);

        var outside = await association.GetJsonAsync($"/api/v1/subjects/{Given.Organisation}?purpose=supervision", Cancel);
        var shared = await mof.GetJsonAsync($"/api/v1/subjects/{Given.Organisation}?purpose=supervision", Cancel);

        Assert.Empty(outside.GetProperty("designations").EnumerateArray());
        Assert.Equal(1, outside.GetProperty("outsideScope").GetInt32());
        Assert.Equal(noticed.Id, Assert.Single(shared.GetProperty("designations").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0, shared.GetProperty("outsideScope").GetInt32());
    }
}

public sealed class ProfileScopeTests_on_SQLite() : ProfileScopeTests(new SqliteTestDatabases());

public sealed class ProfileScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : ProfileScopeTests(new PostgresTestDatabases(cluster));
