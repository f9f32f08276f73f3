using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Text;
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

    private static readonly CreditCatalog Catalog = CatalogLoader.Load(RepositoryPaths.Catalog).GetCatalogOrThrow();

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

    [Fact]
    public async Task Every_sharing_rule_of_the_default_catalog_opens_a_private_record_to_its_roles_departments_and_purposes_and_to_no_other()
    {
        var number = 0;
        var checkedRules = 0;
        var sharedReads = 0;
        // The categories whose records about individuals are kept from the public: there the sharing rules decide.
        var privateForIndividuals = Catalog.Categories.Where(c => !c.IndividualsPublic && c.Subjects.Contains(SubjectKind.Individual)).ToList();
        Assert.NotEmpty(privateForIndividuals);
        foreach (var category in privateForIndividuals)
        {
            // A record on a person that is not public (the category keeps individuals private), by one of its providers.
            var provider = Catalog.Departments.First(d => category.Scope.IsProvidedBy(d));
            var record = await Given.PublishedRecordAsync(body: PrivateRecord(category, ++number), department: provider.Code);
            foreach (var rule in category.Scope.Sharing)
            {
                checkedRules++;
                // A rule naming only the recording department adds nothing to what a department reads of its own.
                if (Catalog.Departments.FirstOrDefault(d => rule.Departments.Includes(d) && d.Code != provider.Code) is not { } reader)
                {
                    continue;
                }

                var role = rule.Roles[0];
                var shared = await ProfileAsync(role, reader.Code, rule.Purposes[0]);
                Assert.True(RecordIds(shared).Contains(record.Id), $"{role.Code()} of {reader.Code} for {rule.Purposes[0]} should read {category.Code}");
                sharedReads++;

                // The same reader for a purpose no rule of the category gives it sees the record only as a count.
                var otherPurpose = Catalog.Purposes.Select(p => p.Code).FirstOrDefault(p => !category.Scope.Sharing.Any(r => r.Allows(role, reader, p)));
                if (otherPurpose is not null)
                {
                    var refused = await ProfileAsync(role, reader.Code, otherPurpose);
                    Assert.False(RecordIds(refused).Contains(record.Id), $"{role.Code()} of {reader.Code} for {otherPurpose} must not read {category.Code}");
                    Assert.True(refused.GetProperty("outsideScope").GetInt32() >= 1);
                }
            }

            // A department no rule names (and not the provider) never reads it, whatever the purpose.
            var stranger = Catalog.Departments.FirstOrDefault(d => d.Code != provider.Code && !category.Scope.Sharing.Any(r => r.Departments.Includes(d)));
            if (stranger is not null)
            {
                foreach (var purpose in category.Scope.Sharing.SelectMany(r => r.Purposes).Distinct().Take(2))
                {
                    Assert.False(RecordIds(await ProfileAsync(Role.Checker, stranger.Code, purpose)).Contains(record.Id),
                        $"{stranger.Code} is named by no sharing rule of {category.Code}");
                }
            }
        }

        Assert.Equal(privateForIndividuals.Sum(c => c.Scope.Sharing.Count), checkedRules);
        Assert.True(sharedReads > 0, "no sharing rule was read through by another department");
    }

    [Fact]
    public async Task An_objection_about_a_record_outside_the_readers_scope_is_counted_not_shown()
    {
        var (penalty, licence) = await TwoPrivateRecordsAsync();
        using (var person = await Given.SubjectAsync(Person))
        {
            foreach (var record in new[] { penalty, licence })
            {
                await person.PostExpectAsync("/api/v1/objections", Objections.ObjectionSteps.Objection(record, record: true), HttpStatusCode.Created, Cancel);
            }
        }

        var forProcurement = await ProfileAsync(Role.Checker, Departments.Mof, "public-procurement");

        Assert.Equal([penalty], RecordIds(forProcurement));
        var objection = Assert.Single(forProcurement.GetProperty("objections").EnumerateArray());
        Assert.Equal(penalty, objection.GetProperty("target").GetProperty("recordId").GetGuid());
        Assert.Equal(2, forProcurement.GetProperty("outsideScope").GetInt32()); // the licence and the objection about it
    }

    /// <summary>A valid record of <paramref name="category"/> about the person: a grade where the category is negative.</summary>
    private static JsonObject PrivateRecord(Category category, int number)
    {
        var body = RecordBodies.PenaltyOnPerson($"闽测〔2026〕{number}号").With("category", category.Code).Without("amount");
        return category.Polarity == Polarity.Negative
            ? body.With("severity", category.Publicity.Grades.Keys.Max().Code())
            : body.Without("severity");
    }
}

public sealed class ProfileScopeTests_on_SQLite() : ProfileScopeTests(new SqliteTestDatabases());

public sealed class ProfileScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : ProfileScopeTests(new PostgresTestDatabases(cluster));
