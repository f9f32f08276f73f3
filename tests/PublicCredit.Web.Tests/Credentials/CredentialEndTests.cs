using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Credentials;

/// <summary>
/// docs/design.md#credentials-end (ADR 0030): keys and self-service tokens end — revoked at once (the node's cache included), expired
/// after a year unless the issuer says otherwise, rotated — and each end is a ledger event naming who did it.
/// </summary>
public abstract class CredentialEndTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Noticed = "/api/v1/designations?status=noticed";

    [Fact]
    public async Task A_revoked_key_is_refused_on_its_very_next_request_though_it_was_just_cached()
    {
        var recorderKey = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        using var recorder = Server.Client(recorderKey);
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));
        Assert.Equal(HttpStatusCode.OK, (await recorder.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode); // cached now

        var revoked = await admin.DeleteAsync(new Uri($"/api/v1/keys/{await IdOfAsync(recorderKey)}", UriKind.Relative), Cancel);
        var after = await recorder.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await revoked.JsonAsync(Cancel)).GetProperty("status").GetString());
        await Problems.AssertAsync(after, HttpStatusCode.Unauthorized, "token-invalid");
        var again = await admin.DeleteAsync(new Uri($"/api/v1/keys/{await IdOfAsync(recorderKey)}", UriKind.Relative), Cancel);
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "key-already-revoked");
    }

    [Fact]
    public async Task Revoking_a_key_is_a_ledger_event_naming_who_revoked_it()
    {
        var recorderKey = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        var adminKey = await Server.KeyAsync(Role.Admin, Departments.Samr);
        using var admin = Server.Client(adminKey);

        await admin.DeleteAsync(new Uri($"/api/v1/keys/{await IdOfAsync(recorderKey)}", UriKind.Relative), Cancel);

        await using var db = StorageServices.CreateContext(Server.Database);
        var evt = await db.LedgerEvents.SingleAsync(e => e.Type == RevokeApiKey.EventType, Cancel);
        Assert.True(AccessToken.TryParse(adminKey, out var admins));
        Assert.Equal($"key:{admins.Lookup}", evt.Actor);
        Assert.Equal(Departments.Samr, evt.Department);
        Assert.Contains((await IdOfAsync(recorderKey)).ToString(), evt.Payload, StringComparison.Ordinal);
        var row = await db.ApiKeys.SingleAsync(k => k.Id == IdOf(recorderKey, db), Cancel);
        Assert.Equal($"key:{admins.Lookup}", row.RevokedBy);
    }

    [Fact]
    public async Task A_rotated_key_is_replaced_by_a_new_key_of_the_same_role_and_stops_working_at_once()
    {
        var oldKey = await Server.KeyAsync(Role.Recorder, Departments.Samr);
        using var old = Server.Client(oldKey);
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode);

        var rotated = await admin.PostExpectAsync($"/api/v1/keys/{await IdOfAsync(oldKey)}/rotation",
            new JsonObject { ["expires"] = "2027-05-31" }, HttpStatusCode.Created, Cancel);

        using var fresh = Server.Client(rotated.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal("recorder", rotated.GetProperty("role").GetString());
        Assert.Equal(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)), rotated.GetProperty("expiresAt").GetDateTimeOffset());
        await Problems.AssertAsync(await old.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel), HttpStatusCode.Unauthorized, "token-invalid");
        await using var db = StorageServices.CreateContext(Server.Database);
        var revocation = await db.LedgerEvents.SingleAsync(e => e.Type == RevokeApiKey.EventType, Cancel);
        Assert.Contains(rotated.GetProperty("id").GetGuid().ToString(), revocation.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_expires_a_year_after_issue_by_default_and_at_the_end_of_its_chosen_last_day()
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.PlatformAdmin, Departments.Ndrc));
        // Issued without an expiry, as a department's admin would (the test server's own keys last three years).
        var yearly = (await admin.PostExpectAsync("/api/v1/keys",
            new JsonObject { ["role"] = "recorder", ["department"] = Departments.Samr }, HttpStatusCode.Created, Cancel)).GetProperty("key").GetString();
        var shortLived = await admin.PostExpectAsync("/api/v1/keys",
            new JsonObject { ["role"] = "recorder", ["department"] = Departments.Samr, ["expires"] = "2026-11-30" }, HttpStatusCode.Created, Cancel);
        using var year = Server.Client(yearly);
        using var week = Server.Client(shortLived.GetProperty("key").GetString());

        Server.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(15)); // Mon 12-01 00:00 China time, week's key just ended
        var weekAfter = await week.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel);
        var yearAfterWeek = await year.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel);
        Server.Clock.Advance(TimeSpan.FromDays(366));
        var yearAfterYear = await year.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel);

        await Problems.AssertAsync(weekAfter, HttpStatusCode.Unauthorized, "token-invalid");
        Assert.Equal(HttpStatusCode.OK, yearAfterWeek.StatusCode);
        await Problems.AssertAsync(yearAfterYear, HttpStatusCode.Unauthorized, "token-invalid");
    }

    [Theory]
    [InlineData("2026-11-22", "key-expiry-out-of-range")]
    [InlineData("2030-01-01", "key-expiry-out-of-range")]
    [InlineData("9999-12-31", "key-expiry-out-of-range")]
    [InlineData("0001-01-01", "key-expiry-out-of-range")]
    [InlineData("next year", "key-expiry-invalid")]
    public async Task An_expiry_in_the_past_too_far_ahead_or_not_a_date_is_refused_naming_the_field(string expires, string code)
    {
        using var admin = Server.Client(await Server.KeyAsync(Role.Admin, Departments.Samr));

        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { role = "recorder", department = Departments.Samr, expires }, Cancel);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal([("expires", code)], problem.FieldCodes());
    }

    [Fact]
    public async Task A_subject_lists_its_own_tokens_and_revokes_one_which_then_stops_working()
    {
        var first = await Server.SubjectTokenAsync(RecordBodies.OrganisationId);
        var second = await Server.SubjectTokenAsync(RecordBodies.OrganisationId);
        await Server.SubjectTokenAsync(RecordBodies.OtherOrganisationId);
        using var one = Server.Client(first);
        using var two = Server.Client(second);

        var listed = await one.GetJsonAsync("/api/v1/me/tokens", Cancel);
        Assert.Equal(2, listed.GetArrayLength());
        var secondId = listed.EnumerateArray().Single(t => !t.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);
        var revoked = await one.DeleteAsync(new Uri($"/api/v1/me/tokens/{secondId}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await Problems.AssertAsync(await two.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel), HttpStatusCode.Unauthorized, "token-invalid");
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);
        await using var db = StorageServices.CreateContext(Server.Database);
        var evt = await db.LedgerEvents.SingleAsync(e => e.Type == RevokeSubjectToken.EventType, Cancel);
        Assert.Equal(RecordBodies.OrganisationId, evt.Subject);
        Assert.StartsWith("subject-token:", evt.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_cannot_revoke_another_subjects_token_nor_a_department_any_subjects()
    {
        var mine = await Server.SubjectTokenAsync(RecordBodies.OrganisationId);
        var theirs = await Server.SubjectTokenAsync(RecordBodies.OtherOrganisationId);
        using var me = Server.Client(mine);
        using var them = Server.Client(theirs);
        using var reviewer = Server.Client(await Server.KeyAsync(Role.Reviewer, Departments.Samr));
        var theirId = (await them.GetJsonAsync("/api/v1/me/tokens", Cancel))[0].GetProperty("id").GetGuid();

        var bySubject = await me.DeleteAsync(new Uri($"/api/v1/me/tokens/{theirId}", UriKind.Relative), Cancel);
        var byStaff = await reviewer.DeleteAsync(new Uri($"/api/v1/me/tokens/{theirId}", UriKind.Relative), Cancel);
        var listByStaff = await reviewer.GetAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), Cancel);

        await Problems.AssertAsync(bySubject, HttpStatusCode.NotFound, "token-unknown");
        await Problems.AssertAsync(byStaff, HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(listByStaff, HttpStatusCode.Forbidden, "subject-token-required");
        Assert.Equal(HttpStatusCode.OK, (await them.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_random_tokens_costs_no_database_lookups_after_the_first_few_and_each_is_a_coded_401()
    {
        var checkerKey = await Server.KeyAsync(Role.Reviewer, Departments.Samr);
        using var valid = Server.Client(checkerKey);
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode);
        var bearer = Server.Services.GetRequiredService<AuthenticateBearer>();
        var before = bearer.DatabaseLookups;

        var codes = new List<string?>();
        for (var i = 0; i < 300; i++)
        {
            using var random = Server.Client(AccessToken.Generate(i % 2 == 0 ? TokenKind.ApiKey : TokenKind.Subject).Value);
            var response = await random.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            codes.Add((await response.JsonAsync(Cancel)).GetProperty("code").GetString());
        }

        Assert.InRange(bearer.DatabaseLookups - before, 1, AuthenticateBearer.FailuresPerMinute);
        Assert.All(codes, c => Assert.Contains(c, new[] { "token-invalid", "token-attempts-limited" }));
        Assert.Equal("token-attempts-limited", codes[^1]);
        // A known key keeps working during the flood (it is answered from memory).
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel)).StatusCode);
        // The limit is per minute.
        Server.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = Server.Client(AccessToken.Generate(TokenKind.ApiKey).Value);
        await Problems.AssertAsync(await later.GetAsync(new Uri(Noticed, UriKind.Relative), Cancel), HttpStatusCode.Unauthorized, "token-invalid");
    }

    private async Task<Guid> IdOfAsync(string key)
    {
        await using var db = StorageServices.CreateContext(Server.Database);
        return IdOf(key, db);
    }

    private static Guid IdOf(string key, PublicCredit.Storage.PublicCreditDbContext db)
    {
        Assert.True(AccessToken.TryParse(key, out var parsed));
        return db.ApiKeys.Single(k => k.Lookup == parsed.Lookup).Id;
    }
}

public sealed class CredentialEndTests_on_SQLite() : CredentialEndTests(new SqliteTestDatabases());

public sealed class CredentialEndTests_on_PostgreSQL(PostgresClusterFixture cluster) : CredentialEndTests(new PostgresTestDatabases(cluster));
