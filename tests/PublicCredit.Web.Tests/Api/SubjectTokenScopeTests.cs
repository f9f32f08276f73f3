using System.Net;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// A self-service token sees its own subject and never anyone else's (docs/design.md#designation-life-cycle; docs/design.md#7-privacy-by-default): two subjects,
/// each with a record, a designation and an objection, and each token tried on every subject-token endpoint against
/// both — its own answers, the other's is 403 <c>subject-scope</c>, and nothing of the other leaks into its own answers.
/// </summary>
public abstract class SubjectTokenScopeTests(ITestDatabases databases) : ServerTests(databases)
{
    private sealed record Subject(string Id, string Token, Guid Record, Guid Designation, Guid Objection);

    private async Task<Subject> SetUpAsync(string id, string documentNumber, string notice)
    {
        var record = await Given.PublishedRecordAsync(documentNumber, id);
        var designation = await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList, id, notice: notice);
        var objection = await Given.ObjectionAsync(record, designation.Token);
        return new Subject(id, designation.Token!, record.Id, designation.Id, objection.Id);
    }

    [Fact]
    public async Task Two_subjects_tokens_never_see_each_others_profile_inquiries_designations_or_objections()
    {
        var steps = new ObjectionSteps(Server, Cancel);
        var a = await SetUpAsync(ObjectionSteps.Organisation, "闽市监罚〔2026〕101号", "（2026）闽01执告123号");
        var b = await SetUpAsync(ObjectionSteps.OtherOrganisation, "京市监罚〔2026〕202号", "（2026）京01执告456号");
        using (var reviewer = await steps.ClientAsync(Role.Reviewer, Departments.Samr))
        {
            // Someone looked at each, so each has inquiries of its own.
            await steps.GetOkAsync(reviewer, $"/api/v1/subjects/{a.Id}?purpose=supervision");
            await steps.GetOkAsync(reviewer, $"/api/v1/subjects/{b.Id}?purpose=supervision");
        }

        foreach (var (me, other) in new[] { (a, b), (b, a) })
        {
            using var client = Server.Client(me.Token);
            string[] reads =
            [
                $"/api/v1/subjects/{{0}}",
                $"/api/v1/subjects/{{0}}/inquiries",
            ];
            foreach (var template in reads)
            {
                var own = await HttpJson.GetTextAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, me.Id), Cancel);
                Assert.True(own.Status == HttpStatusCode.OK, $"{template} as {me.Id}: {own.Status} {own.Body}");
                Assert.DoesNotContain(other.Id, own.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(other.Record.ToString(), own.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(other.Objection.ToString(), own.Body, StringComparison.Ordinal);
                await Problems.AssertAsync(await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, other.Id), UriKind.Relative), Cancel),
                    HttpStatusCode.Forbidden, "subject-scope");
            }

            foreach (var (own, others) in new[]
                     {
                         ($"/api/v1/designations/{me.Designation}", $"/api/v1/designations/{other.Designation}"),
                         ($"/api/v1/designations/{me.Designation}/decision", $"/api/v1/designations/{other.Designation}/decision"),
                         ($"/api/v1/objections/{me.Objection}", $"/api/v1/objections/{other.Objection}"),
                     })
            {
                var mine = await HttpJson.GetTextAsync(client, own, Cancel);
                Assert.True(mine.Status == HttpStatusCode.OK, $"{own}: {mine.Status} {mine.Body}");
                Assert.DoesNotContain(other.Id, mine.Body, StringComparison.Ordinal);
                await Problems.AssertAsync(await client.GetAsync(new Uri(others, UriKind.Relative), Cancel), HttpStatusCode.Forbidden, "subject-scope");
            }

            var list = await HttpJson.GetTextAsync(client, "/api/v1/objections", Cancel);
            Assert.Equal(HttpStatusCode.OK, list.Status);
            Assert.Contains(me.Objection.ToString(), list.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Objection.ToString(), list.Body, StringComparison.Ordinal);
            Assert.Contains(me.Id, (await HttpJson.GetTextAsync(client, "/api/v1/me", Cancel)).Body, StringComparison.Ordinal);

            // Acting on the other's data: a statement, an objection to its record or designation.
            await Problems.AssertAsync(await ObjectionSteps.PostAsync(client, $"/api/v1/designations/{other.Designation}/statements", DesignationBodies.Statement(), Cancel),
                HttpStatusCode.Forbidden, "subject-scope");
            await Problems.AssertAsync(await ObjectionSteps.PostAsync(client, "/api/v1/objections", ObjectionSteps.Objection(other.Designation), Cancel),
                HttpStatusCode.Forbidden, "subject-scope");
            await Problems.AssertAsync(await ObjectionSteps.PostAsync(client, "/api/v1/objections", ObjectionSteps.Objection(other.Record, record: true), Cancel),
                HttpStatusCode.Forbidden, "subject-scope");
            await Problems.AssertAsync(await ObjectionSteps.PostAsync(client, $"/api/v1/objections/{other.Objection}/resolve", ObjectionSteps.Resolution("upheld"), Cancel),
                HttpStatusCode.Forbidden, "role-forbidden");
        }

        // The other's attempts changed nothing: each designation is still in force, each objection still open.
        using var checker = await steps.ClientAsync(Role.Checker, Departments.Mof);
        Assert.Equal("measures", (await steps.CheckAsync(checker, a.Id)).GetProperty("outcome").GetString());
        Assert.Equal("measures", (await steps.CheckAsync(checker, b.Id)).GetProperty("outcome").GetString());
    }
}

public sealed class SubjectTokenScopeTests_on_SQLite() : SubjectTokenScopeTests(new SqliteTestDatabases());

public sealed class SubjectTokenScopeTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubjectTokenScopeTests(new PostgresTestDatabases(cluster));
