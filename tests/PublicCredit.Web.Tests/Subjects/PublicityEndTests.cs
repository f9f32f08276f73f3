using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Changes;
using PublicCredit.Data;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// Publicity end (docs/domain.md#publicity-periods; ADR 0008): publication stops at 00:00 China time after publicUntil in every
/// public view at once, computed from the request time; the background service then puts record-withdrawn on the
/// changes feed; staff can look at what was public at a past moment, the public cannot.
/// </summary>
public abstract class PublicityEndTests(ITestDatabases databases) : ServerTests(databases)
{
    /// <summary>The last public day of the licence the tests submit.</summary>
    private const string LastDay = "2026-11-24";

    private static readonly DateTimeOffset LastMomentOfLastDay = new(2026, 11, 24, 23, 59, 59, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset PublicationEnds = new(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8));

    private const string ProfilePath = $"/api/v1/public/subjects/{RecordBodies.OrganisationId}";
    private const string OtherProfilePath = $"/api/v1/public/subjects/{RecordBodies.OtherOrganisationId}";

    private async Task<(Guid Licence, Guid Penalty)> SubmitAsync()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var licence = (await Given.PublishedRecordAsync(body: SubjectBodies.Licence("闽食许〔2026〕7号", LastDay), recorder: recorder)).Id;
        var penalty = (await Given.PublishedRecordAsync(recorder: recorder)).Id;
        // A second organisation whose only public record is a licence ending on the same day.
        await Given.PublishedRecordAsync(body: SubjectBodies.Licence("闽食许〔2026〕8号", LastDay, RecordBodies.OtherOrganisationId, "厦门样例贸易有限公司"), recorder: recorder);
        return (licence, penalty);
    }

    private void AdvanceTo(DateTimeOffset instant) => Server.Clock.Advance(instant - Server.Clock.GetUtcNow());

    private static List<Guid> RecordIds(JsonElement profile) =>
        [.. profile.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];

    private async Task<List<JsonElement>> FeedAsync()
    {
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        return [.. (await checker.GetJsonAsync("/api/v1/changes?after=0&limit=1000", Cancel)).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task A_record_is_public_through_its_last_day_and_gone_from_profile_and_search_at_midnight_china_time()
    {
        var (licence, penalty) = await SubmitAsync();
        using var anonymous = Server.Client();

        AdvanceTo(LastMomentOfLastDay);
        var before = await anonymous.GetJsonAsync(ProfilePath, Cancel);
        var searchBefore = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=厦门样例", Cancel);
        Server.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await anonymous.GetJsonAsync(ProfilePath, Cancel);
        var searchAfter = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=厦门样例", Cancel);
        var otherAfter = await anonymous.GetAsync(new Uri(OtherProfilePath, UriKind.Relative), Cancel);

        Assert.Equal(PublicationEnds, Server.Clock.GetUtcNow());
        Assert.Equal(new[] { penalty, licence }.Order(), RecordIds(before).Order());
        Assert.Equal([penalty], RecordIds(after));
        Assert.Equal(1, searchBefore.GetProperty("total").GetInt32());
        Assert.Equal(0, searchAfter.GetProperty("total").GetInt32());
        // Nothing public any more: not found, exactly like a subject the platform never heard of.
        await Problems.AssertAsync(otherAfter, HttpStatusCode.NotFound, "subject-not-found");
    }

    [Fact]
    public async Task The_publicity_end_job_puts_record_withdrawn_on_the_changes_feed_once()
    {
        var (licence, _) = await SubmitAsync();
        AdvanceTo(PublicationEnds);
        var announcer = Server.Services.GetRequiredService<WithdrawalAnnouncer>();

        await announcer.RunOnceAsync(Cancel);
        await announcer.RunOnceAsync(Cancel);

        var withdrawn = (await FeedAsync()).Where(i => i.GetProperty("type").GetString() == ChangeTypes.RecordWithdrawn).ToList();
        Assert.Equal(2, withdrawn.Count);
        Assert.Contains(licence, withdrawn.Select(i => i.GetProperty("recordId").GetGuid()));
        Assert.All(withdrawn, i => Assert.True(i.GetProperty("occurredAt").GetDateTimeOffset() >= PublicationEnds));
        Assert.Equal([RecordBodies.OtherOrganisationId, RecordBodies.OrganisationId],
            withdrawn.Select(i => i.GetProperty("subjectId").GetString()).Order(StringComparer.Ordinal));
        await using var db = StorageServices.CreateContext(Server.Database);
        var events = await db.LedgerEvents.Where(e => e.Type.EndsWith("-withdrawn")).ToListAsync(Cancel);
        var chunk = Assert.Single(events);
        Assert.Equal((AnnounceWithdrawals.ChunkWithdrawnEvent, AnnounceWithdrawals.Actor), (chunk.Type, chunk.Actor));
        Assert.True((await new PublicCredit.Ledger.VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task The_background_service_announces_an_end_within_its_interval_on_its_own()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        var licence = (await Given.PublishedRecordAsync(body: SubjectBodies.Licence("闽食许〔2026〕7号", LastDay), recorder: recorder)).Id;

        AdvanceTo(PublicationEnds);
        Server.Clock.Advance(WithdrawalAnnouncer.DefaultInterval);
        var waited = System.Diagnostics.Stopwatch.StartNew(); // real time, only to bound the wait for the background task
        List<JsonElement> items;
        do
        {
            await Task.Delay(50, Cancel);
            items = await FeedAsync();
        }
        while (items.All(i => i.GetProperty("type").GetString() != ChangeTypes.RecordWithdrawn) && waited.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal([(ChangeTypes.RecordPublished, licence), (ChangeTypes.RecordWithdrawn, licence)],
            items.Select(i => (i.GetProperty("type").GetString(), i.GetProperty("recordId").GetGuid())));
    }

    [Fact]
    public async Task Staff_asking_as_of_a_past_day_see_what_was_public_then_and_it_is_logged_as_an_inquiry()
    {
        var (licence, penalty) = await SubmitAsync();
        AdvanceTo(PublicationEnds.AddDays(3));
        using var auditor = Server.Client(await Server.KeyAsync(Role.Auditor, Departments.Ndrc));

        var onLastDay = await auditor.GetJsonAsync($"{ProfilePath}?asOf={LastDay}&purpose=audit", Cancel);
        var lastInstant = await auditor.GetJsonAsync($"{ProfilePath}?asOf=2026-11-24T23:59:59%2B08:00&purpose=audit", Cancel);
        var atEnd = await auditor.GetJsonAsync($"{ProfilePath}?asOf=2026-11-24T16:00:00Z&purpose=audit", Cancel);
        var search = await auditor.GetJsonAsync($"/api/v1/public/subjects?q=厦门样例&asOf={LastDay}&purpose=audit", Cancel);
        var beforeSubmission = await auditor.GetAsync(new Uri($"{OtherProfilePath}?asOf=2026-11-22&purpose=audit", UriKind.Relative), Cancel);

        Assert.Equal(new[] { penalty, licence }.Order(), RecordIds(onLastDay).Order());
        Assert.Equal(new[] { penalty, licence }.Order(), RecordIds(lastInstant).Order());
        Assert.Equal([penalty], RecordIds(atEnd));
        Assert.Equal(1, search.GetProperty("total").GetInt32());
        await Problems.AssertAsync(beforeSubmission, HttpStatusCode.NotFound, "subject-not-found");
        var inquiries = await auditor.GetJsonAsync($"/api/v1/subjects/{RecordBodies.OrganisationId}/inquiries?purpose=audit", Cancel);
        Assert.Equal(3, inquiries.GetArrayLength());
        Assert.All(inquiries.EnumerateArray(), i => Assert.Equal("audit", i.GetProperty("purpose").GetString()));
    }

    [Fact]
    public async Task Only_staff_may_ask_as_of_another_moment_and_only_with_a_readable_past_moment_and_a_purpose()
    {
        await SubmitAsync();
        using var anonymous = Server.Client();
        using var subject = Server.Client(await Server.SubjectTokenAsync(RecordBodies.OrganisationId));
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"{ProfilePath}?asOf={LastDay}", UriKind.Relative), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/subjects?q=福州&asOf={LastDay}", UriKind.Relative), Cancel),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertAsync(await subject.GetAsync(new Uri($"{ProfilePath}?asOf={LastDay}", UriKind.Relative), Cancel),
            HttpStatusCode.Forbidden, "role-forbidden");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{ProfilePath}?asOf=2026-11-23", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "purpose-required");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{ProfilePath}?asOf=yesterday&purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "as-of-invalid");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{ProfilePath}?asOf=2026-11-23T09:00:00&purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "as-of-invalid");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{ProfilePath}?asOf=2026-11-24&purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "as-of-in-future");
        await Problems.AssertAsync(await checker.GetAsync(new Uri($"{ProfilePath}?asOf=2026-11-23T09:00:01%2B08:00&purpose=supervision", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "as-of-in-future");
    }

    [Fact]
    public async Task A_record_whose_period_ended_before_it_was_submitted_is_never_announced_published_or_withdrawn()
    {
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        await Given.PublishedRecordAsync(body: SubjectBodies.Licence("闽食许〔2026〕3号", "2026-11-21"), recorder: recorder);
        var announcer = Server.Services.GetRequiredService<WithdrawalAnnouncer>();

        var announced = await announcer.RunOnceAsync(Cancel);

        Assert.Equal(0, announced);
        Assert.Empty(await FeedAsync());
        using var anonymous = Server.Client();
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri(ProfilePath, UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "subject-not-found");
    }
}

public sealed class PublicityEndTests_on_SQLite() : PublicityEndTests(new SqliteTestDatabases());

public sealed class PublicityEndTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicityEndTests(new PostgresTestDatabases(cluster));
