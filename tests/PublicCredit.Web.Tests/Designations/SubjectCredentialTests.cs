using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Text;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// docs/design.md#the-department-never-holds-the-subjects-credential (ADR 0029): the designating department never holds the subject's credential. The proposal answer carries
/// a one-time activation code printed in the notice, never a token; the subject redeems it for its own token; only a
/// statement filed with a credential the subject obtained itself allows an early decision; every read is logged under
/// the caller who made it. Each attack is made over HTTP.
/// </summary>
public abstract class SubjectCredentialTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Activate = "/api/v1/subject-sessions/activate";

    private async Task<HttpResponseMessage> RedeemAsync(string? code)
    {
        using var anonymous = Server.Client();
        return await anonymous.PostAsJsonAsync(Activate, new { code }, Cancel);
    }

    [Fact]
    public async Task The_proposal_answer_the_stored_notice_and_the_ledger_carry_no_subject_token()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var id = proposed.GetProperty("id").GetGuid();
        var code = proposed.GetProperty("activationCode").GetString()!;

        Assert.DoesNotContain("pcs_", proposed.GetRawText(), StringComparison.Ordinal);
        Assert.False(proposed.TryGetProperty("subjectToken", out _));
        Assert.Matches("^PCA(-[0-9A-HJKMNP-TV-Z]{4}){5}$", code);
        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        var read = await reviewer.GetAsync(new Uri($"/api/v1/designations/{id}", UriKind.Relative), Cancel);
        var stored = await read.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain("pcs_", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);

        var token = await Server.ActivateAsync(proposed);
        using var auditor = await Given.StaffAsync(Role.Auditor, Departments.Ndrc);
        var ledger = (await auditor.GetJsonAsync("/api/v1/ledger?limit=1000&purpose=audit", Cancel)).GetRawText();
        Assert.DoesNotContain(token, ledger, StringComparison.Ordinal);
        Assert.DoesNotContain(token[(token.IndexOf('_', 4) + 1)..], ledger, StringComparison.Ordinal);
        Assert.DoesNotContain(code, ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subject_redeems_the_notice_code_once_for_its_own_token_and_the_redemption_is_a_ledger_event()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var code = proposed.GetProperty("activationCode").GetString()!;

        // Typed from paper: lower case, spaces instead of hyphens, no prefix.
        var typed = code[4..].Replace('-', ' ').ToLowerInvariant();
        var response = await RedeemAsync(typed);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("activation", body.GetProperty("origin").GetString());
        using var subject = Server.Client(body.GetProperty("token").GetString()!);
        var me = await subject.GetJsonAsync("/api/v1/me", Cancel);
        Assert.Equal(DesignationBodies.Organisation, me.GetProperty("subjectId").GetString());

        await Problems.AssertAsync(await RedeemAsync(code), HttpStatusCode.Conflict, ActivationProblemCodes.Used);
        await using var db = StorageServices.CreateContext(Server.Database);
        var row = await db.SubjectTokens.SingleAsync(Cancel);
        Assert.Equal(("activation", DesignationBodies.Organisation), (row.Origin, row.SubjectId));
        var codeRow = await db.ActivationCodes.SingleAsync(Cancel);
        Assert.Equal(row.Id, codeRow.TokenId);
        Assert.NotEqual(code, codeRow.CodeHash);
        var redeemed = await db.LedgerEvents.SingleAsync(e => e.Type == SubjectActivation.RedeemedEvent, Cancel);
        Assert.Equal(DesignationBodies.Organisation, redeemed.Subject);
        Assert.Equal(codeRow.Id, JsonDocument.Parse(redeemed.Payload).RootElement.GetProperty("codeId").GetGuid());
        Assert.Equal(1, await db.LedgerEvents.CountAsync(e => e.Type == IssueSubjectToken.EventType, Cancel));
    }

    [Fact]
    public async Task A_wrong_a_malformed_and_an_expired_code_are_refused_with_their_codes()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var code = proposed.GetProperty("activationCode").GetString()!;
        var wrong = code[..^1] + (code[^1] == '0' ? '1' : '0');

        await Problems.AssertAsync(await RedeemAsync(wrong), HttpStatusCode.UnprocessableEntity, ActivationProblemCodes.Unknown);
        await Problems.AssertAsync(await RedeemAsync("PCA-1234"), HttpStatusCode.UnprocessableEntity, ActivationProblemCodes.Malformed);
        await Problems.AssertAsync(await RedeemAsync(null), HttpStatusCode.UnprocessableEntity, ActivationProblemCodes.Malformed);

        // The code lasts the statement period and at least 30 days; a day after that it is spent for good.
        Server.Clock.Advance(TimeSpan.FromDays(31));
        await Problems.AssertAsync(await RedeemAsync(code), HttpStatusCode.Conflict, ActivationProblemCodes.Expired);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal(0, await db.SubjectTokens.CountAsync(Cancel));
    }

    [Fact]
    public async Task Guessing_codes_from_one_address_is_stopped_before_the_right_code_is_even_looked_up()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var code = proposed.GetProperty("activationCode").GetString()!;

        for (var i = 0; i < 20; i++)
        {
            await Problems.AssertAsync(await RedeemAsync($"PCA-0000-0000-0000-0000-{i:D4}"), HttpStatusCode.UnprocessableEntity, ActivationProblemCodes.Unknown);
        }

        var blocked = await RedeemAsync(code);

        await Problems.AssertAsync(blocked, HttpStatusCode.TooManyRequests, ActivationProblemCodes.RateLimited);
        Assert.NotNull(blocked.Headers.RetryAfter);
        Server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Created, (await RedeemAsync(code)).StatusCode);
    }

    [Fact]
    public async Task The_department_cannot_file_the_subjects_statement_so_its_reviewer_cannot_decide_early()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var id = proposed.GetProperty("id").GetGuid();
        using var recorder = await Given.StaffAsync(Role.Recorder);
        using var reviewer = await Given.StaffAsync(Role.Reviewer);

        await Problems.AssertAsync(
            await recorder.PostAsJsonAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), Cancel),
            HttpStatusCode.Forbidden, DesignationProblemCodes.SubjectTokenRequired);
        await Problems.AssertAsync(
            await reviewer.PostAsJsonAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(), Cancel),
            HttpStatusCode.Conflict, "designation-objection-window-open");
    }

    [Fact]
    public async Task A_token_once_handed_to_the_department_neither_signs_in_nor_lets_a_statement_count()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var id = proposed.GetProperty("id").GetGuid();
        // Before docs/design.md#trust-no-single-party-gets-around-the-rules the proposal answer carried a token: one such token, as the migration marks it.
        var legacy = AccessToken.Generate(TokenKind.Subject);
        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            db.SubjectTokens.Add(new SubjectTokenRow
            {
                Id = Guid.CreateVersion7(),
                Lookup = legacy.Lookup,
                SecretHash = legacy.Hash(),
                SubjectId = DesignationBodies.Organisation,
                IssuedAt = Server.Clock.GetUtcNow(),
                ExpiresAt = Server.Clock.GetUtcNow().AddDays(90),
                IssuedBy = "key:samrrecorder",
                Origin = SubjectTokenOrigin.DesignationNotice.Code(),
            });
            await db.SaveChangesAsync(Cancel);
        }

        using var department = Server.Client(legacy.Value);
        await Problems.AssertAsync(
            await department.PostAsJsonAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), Cancel),
            HttpStatusCode.Unauthorized, "token-invalid");

        // A statement filed before origins were recorded (as the department could have) does not count either.
        using (var subject = Server.Client(await Server.ActivateAsync(proposed)))
        {
            await subject.PostExpectAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
        }

        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            await db.DesignationStatements.ExecuteUpdateAsync(s => s.SetProperty(x => x.CredentialOrigin, (string?)null), Cancel);
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        await Problems.AssertAsync(
            await reviewer.PostAsJsonAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(), Cancel),
            HttpStatusCode.Conflict, DesignationProblemCodes.StatementNotOwn);
    }

    [Fact]
    public async Task The_subjects_own_statement_lets_the_department_decide_before_the_period_ends()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var id = proposed.GetProperty("id").GetGuid();
        using (var subject = Server.Client(await Server.ActivateAsync(proposed)))
        {
            await subject.PostExpectAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, Cancel);
        }

        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        var decided = await reviewer.PostExpectAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, Cancel);

        Assert.Equal("effective", decided.GetProperty("status").GetString());
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.Equal("activation", (await db.DesignationStatements.SingleAsync(Cancel)).CredentialOrigin);
    }

    [Fact]
    public async Task Every_read_is_logged_under_the_caller_who_made_it()
    {
        var proposed = (await Given.ProposedDesignationAsync(activate: false)).Proposed;
        var token = await Server.ActivateAsync(proposed);
        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        using var subject = Server.Client(token);

        await reviewer.GetJsonAsync($"/api/v1/subjects/{DesignationBodies.Organisation}?purpose=supervision&note=复核认定材料", Cancel);
        await subject.GetJsonAsync($"/api/v1/subjects/{DesignationBodies.Organisation}", Cancel);

        await using var db = StorageServices.CreateContext(Server.Database);
        var inquiries = await db.Inquiries.Where(i => i.SubjectId == DesignationBodies.Organisation).ToListAsync(Cancel);
        var department = Assert.Single(inquiries, i => i.Purpose == "supervision" && i.Note == "复核认定材料");
        Assert.Equal((Departments.Samr, "reviewer"), (department.Department, department.Role));
        Assert.StartsWith("key:", department.Actor, StringComparison.Ordinal);
        var own = Assert.Single(inquiries, i => i.Purpose == "self-service");
        Assert.Null(own.Department);
        Assert.Equal($"subject-token:{(await db.SubjectTokens.SingleAsync(Cancel)).Lookup}", own.Actor);
        // No department read is recorded as the subject's own: every self-service inquiry is by a token the subject redeemed.
        Assert.All(inquiries.Where(i => i.Actor.StartsWith("subject-token:", StringComparison.Ordinal)), i => Assert.Equal("self-service", i.Purpose));
    }
}

public sealed class SubjectCredentialTests_on_SQLite() : SubjectCredentialTests(new SqliteTestDatabases());

public sealed class SubjectCredentialTests_on_PostgreSQL(PostgresClusterFixture cluster) : SubjectCredentialTests(new PostgresTestDatabases(cluster));
