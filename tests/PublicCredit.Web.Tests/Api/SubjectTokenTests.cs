using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>Self-service tokens (docs/api.md `pcredit subjects token`): one subject's access to its own data, stored hashed.</summary>
public abstract class SubjectTokenTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = "91350100M000100Y43";

    [Fact]
    public async Task An_operator_issues_a_token_whose_last_line_signs_the_subject_in()
    {
        var result = await CliRunner.RunAsync("subjects", "token", "--id", "９１３５０１００ｍ０００１００ｙ４３", "--db", Server.Database.ConnectionString);

        Assert.Equal(0, result.ExitCode);
        using var client = Server.Client(result.Lines[^1]);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Cancel);
        Assert.Equal(Organisation, me.GetProperty("subjectId").GetString());
        Assert.Equal("organisation", me.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_token_for_an_invalid_identifier_is_refused_with_the_reason()
    {
        var result = await CliRunner.RunAsync("subjects", "token", "--id", "110105194912310029", "--db", Server.Database.ConnectionString);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("subject-id-invalid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_service_token_cannot_call_staff_endpoints()
    {
        using var client = Server.Client(await Server.SubjectTokenAsync("11010519491231002X"));

        var response = await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "role-forbidden");
    }

    [Fact]
    public async Task A_staff_key_is_not_a_self_service_token()
    {
        using var client = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "subject-token-required");
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var token = await Server.SubjectTokenAsync(Organisation, validDays: 10);
        using var client = Server.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);

        Server.Clock.Advance(TimeSpan.FromDays(10));

        var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel);
        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "token-invalid");
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored_and_its_issue_is_a_ledger_event_about_the_subject()
    {
        var token = await Server.SubjectTokenAsync(Organisation);

        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.SubjectTokens.SingleAsync(Cancel);
        Assert.Equal(AccessToken.HashOf(token), row.SecretHash);
        Assert.True(AccessToken.TryParse(token, out var parsed));
        var secret = parsed.Secret;
        var issued = await db.LedgerEvents.SingleAsync(e => e.Type == IssueSubjectToken.EventType, Cancel);
        Assert.Equal(Organisation, issued.Subject);
        Assert.DoesNotContain(secret, issued.Payload, StringComparison.Ordinal);
    }
}

public sealed class SubjectTokenTests_on_SQLite() : SubjectTokenTests(new SqliteTestDatabases());

public sealed class SubjectTokenTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubjectTokenTests(new PostgresTestDatabases(cluster));
