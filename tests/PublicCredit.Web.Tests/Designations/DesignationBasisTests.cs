using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Ledger;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// basisRecordIds (docs/designations.md#basis-records; ADR 0043): a proposal names the records it rests on — each
/// existing, current and about the same subject, else a coded refusal per item — and they are stored, in the
/// noticed event, in the designation view, and on the public entry as links only where the record is public.
/// </summary>
public abstract class DesignationBasisTests(ITestDatabases databases) : ServerTests(databases)
{
    private static JsonObject MarketResting(params Guid[] records)
    {
        var body = DesignationBodies.MarketDesignation();
        body["basisRecordIds"] = new JsonArray([.. records.Select(r => (JsonNode)JsonValue.Create(r.ToString())!)]);
        return body;
    }

    [Fact]
    public async Task A_proposal_rests_on_current_records_of_its_subject_and_the_view_and_the_ledger_carry_them()
    {
        var first = await Given.PublishedRecordAsync();
        var second = await Given.PublishedRecordAsync("闽市监罚〔2026〕102号");
        using var recorder = await Given.StaffAsync(Role.Recorder);

        var proposed = await recorder.PostExpectAsync("/api/v1/designations", MarketResting(first.Id, second.Id), HttpStatusCode.Created, Cancel);

        var id = proposed.GetProperty("id").GetGuid();
        using var reviewer = await Given.StaffAsync(Role.Reviewer);
        var view = await reviewer.GetJsonAsync($"/api/v1/designations/{id}", Cancel);
        Assert.Equal([first.Id, second.Id], view.GetProperty("basisRecordIds").EnumerateArray().Select(e => e.GetGuid()));
        await using var db = StorageServices.CreateContext(Server.Database);
        var noticed = await db.LedgerEvents.SingleAsync(e => e.Type == "designation-noticed", Cancel);
        Assert.Contains(first.Id.ToString(), noticed.Payload, StringComparison.Ordinal);
        Assert.Contains(second.Id.ToString(), noticed.Payload, StringComparison.Ordinal);
        var verified = await new VerifyLedger(db).RunAsync(Cancel);
        Assert.True(verified.Ok, verified.ToString());
    }

    [Fact]
    public async Task A_proposal_without_basis_records_writes_the_noticed_event_as_before()
    {
        await Given.ProposedDesignationAsync();

        await using var db = StorageServices.CreateContext(Server.Database);
        var noticed = await db.LedgerEvents.SingleAsync(e => e.Type == "designation-noticed", Cancel);
        Assert.DoesNotContain("basisRecordIds", noticed.Payload, StringComparison.Ordinal);
        Assert.Empty((await db.Designations.SingleAsync(Cancel)).BasisRecordIds);
    }

    [Fact]
    public async Task Each_basis_record_that_is_unknown_of_another_subject_withdrawn_repeated_or_no_id_is_refused_with_its_own_code_and_stores_nothing()
    {
        var own = await Given.PublishedRecordAsync();
        var other = await Given.PublishedRecordAsync("闽市监罚〔2026〕201号", subject: RecordBodies.OtherOrganisationId);
        var withdrawn = await Given.PublishedRecordAsync("闽市监罚〔2026〕202号");
        await Given.ResolvedAsync(await Given.ObjectionAsync(withdrawn), upheld: true);
        var body = MarketResting(Guid.CreateVersion7(), other.Id, withdrawn.Id, own.Id, own.Id);
        ((JsonArray)body["basisRecordIds"]!).Add("not-a-record");
        using var recorder = await Given.StaffAsync(Role.Recorder);

        var problem = await Problems.AssertAsync(await recorder.PostAsJsonAsync("/api/v1/designations", body, Cancel),
            HttpStatusCode.UnprocessableEntity, "designation-basis-record-duplicate");

        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString()))
            .ToHashSet();
        Assert.Equal(
            new HashSet<(string?, string?)>
            {
                ("basisRecordIds[0]", "designation-basis-record-unknown"),
                ("basisRecordIds[1]", "designation-basis-record-other-subject"),
                ("basisRecordIds[2]", "designation-basis-record-withdrawn"),
                ("basisRecordIds[4]", "designation-basis-record-duplicate"),
                ("basisRecordIds[5]", "designation-basis-record-id-invalid"),
            },
            errors);
        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.False(await db.Designations.AnyAsync(Cancel));
    }

    [Fact]
    public async Task More_than_twenty_basis_records_are_refused()
    {
        using var recorder = await Given.StaffAsync(Role.Recorder);

        var problem = await Problems.AssertAsync(
            await recorder.PostAsJsonAsync("/api/v1/designations", MarketResting([.. Enumerable.Range(0, 21).Select(_ => Guid.CreateVersion7())]), Cancel),
            HttpStatusCode.UnprocessableEntity, "designation-basis-records-too-many");

        Assert.Equal("basisRecordIds", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_public_entry_links_the_basis_records_the_public_sees_and_only_counts_the_others()
    {
        var shown = await Given.PublishedRecordAsync();
        var objected = await Given.PublishedRecordAsync("闽市监罚〔2026〕102号");
        var designation = await Given.EffectiveDesignationAsync(body: MarketResting(shown.Id, objected.Id));
        // An open objection takes the second record out of public view (it stays current, so it may be a basis).
        await Given.ObjectionAsync(objected);
        using var anyone = Server.Client();

        var profile = await anyone.GetJsonAsync($"/api/v1/public/subjects/{DesignationBodies.Organisation}", Cancel);
        var list = await anyone.GetJsonAsync($"/api/v1/public/lists/{DesignationBodies.MarketList}", Cancel);
        var page = await anyone.GetStringAsync(new Uri($"/public/subjects/{DesignationBodies.Organisation}", UriKind.Relative), Cancel);

        foreach (var entry in new[] { Assert.Single(profile.GetProperty("designations").EnumerateArray()), Assert.Single(list.GetProperty("items").EnumerateArray()) })
        {
            Assert.Equal(designation.Id, entry.GetProperty("id").GetGuid());
            var basis = entry.GetProperty("basis");
            var link = Assert.Single(basis.GetProperty("records").EnumerateArray());
            Assert.Equal(shown.Id, link.GetProperty("id").GetGuid());
            Assert.Equal($"/public/subjects/{DesignationBodies.Organisation}#record-{shown.Id}", link.GetProperty("href").GetString());
            Assert.Equal(1, basis.GetProperty("notPublic").GetInt32());
            Assert.DoesNotContain(objected.Id.ToString(), entry.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Contains($"href=\"/public/subjects/{DesignationBodies.Organisation}#record-{shown.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"record-{shown.Id}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("闽市监罚〔2026〕102号", page, StringComparison.Ordinal);
    }
}

public sealed class DesignationBasisTests_on_SQLite() : DesignationBasisTests(new SqliteTestDatabases());

public sealed class DesignationBasisTests_on_PostgreSQL(PostgresClusterFixture cluster) : DesignationBasisTests(new PostgresTestDatabases(cluster));
