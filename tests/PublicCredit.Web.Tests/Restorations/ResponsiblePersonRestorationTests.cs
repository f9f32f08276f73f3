using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Designations;
using PublicCredit.Restorations;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using static PublicCredit.Web.Tests.Restorations.RestorationScenario;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>
/// A responsible person reached by an organisation's designation applies for credit restoration for that reach with
/// its own credential (docs/restorations.md#responsible-persons): granted, the designation no longer reaches the person
/// while the organisation stays listed; the application is the person's — the organisation neither reads nor lists it,
/// and one open application of each neither blocks nor replaces the other.
/// </summary>
public abstract class ResponsiblePersonRestorationTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Person = DesignationBodies.LegalRepresentative;

    private RestorationScenario Scenario => new(Server, Cancel);

    /// <summary>SAMR lists the organisation on the serious illegal and untrustworthy list, naming its legal representative.</summary>
    private async Task<GivenDesignation> MarketEntryNamingItsLegalRepresentativeAsync()
    {
        var body = DesignationBodies.MarketDesignation();
        body["responsiblePersons"] = new JsonArray
        {
            new JsonObject { ["id"] = Person, ["name"] = "张三", ["role"] = "legal-representative" },
        };
        var designation = await Given.EffectiveDesignationAsync(body: body);
        // Wed 2027-11-24: the year of minimum publicity for serious information has passed (earliest 2027-11-23).
        Scenario.MoveTo(new DateTimeOffset(2027, 11, 24, 10, 0, 0, China));
        return designation;
    }

    /// <summary>Market access: the entry's restriction reaches the persons it names (catalog <c>reachesResponsiblePersons</c>).</summary>
    private async Task<string?> OutcomeAsync(string subject)
    {
        using var checker = await Scenario.StaffAsync(Role.Checker, Departments.Mof);
        var check = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = subject, ["matter"] = "market-access" }, HttpStatusCode.OK, Cancel);
        return check.GetProperty("outcome").GetString();
    }

    private async Task<(string? Organisation, string? Person)> OutcomesAsync() => (await OutcomeAsync(Organisation), await OutcomeAsync(Person));

    private async Task<Guid> ApplyAsPersonAsync(Guid designation)
    {
        using var person = await Scenario.SubjectAsync(Person);
        var submitted = await person.PostExpectAsync("/api/v1/restorations", Application(designation), HttpStatusCode.Created, Cancel);
        return submitted.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_granted_application_of_a_named_person_ends_the_reach_to_it_while_the_organisation_stays_listed()
    {
        var designation = await MarketEntryNamingItsLegalRepresentativeAsync();
        Assert.Equal(("measures", "measures"), await OutcomesAsync());

        var id = await ApplyAsPersonAsync(designation.Id);
        using var reviewer = await Scenario.StaffAsync(Role.Reviewer);
        await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/accept", Accept(), HttpStatusCode.OK, Cancel);
        Assert.Equal(("measures", "measures"), await OutcomesAsync()); // accepting changes nothing yet
        var decided = await reviewer.PostExpectAsync($"/api/v1/restorations/{id}/decide", Decide(), HttpStatusCode.OK, Cancel);

        Assert.Equal("granted", decided.GetProperty("status").GetString());
        Assert.Equal(("measures", "clear"), await OutcomesAsync());
        var entry = await reviewer.ReadJsonAsync(designation.Path, Cancel);
        Assert.Equal("effective", entry.GetProperty("status").GetString());
        using var person = await Scenario.SubjectAsync(Person);
        var application = await person.ReadJsonAsync($"/api/v1/restorations/{id}", Cancel);
        Assert.Equal(("granted", Person), (application.GetProperty("status").GetString(), application.GetProperty("reachOf").GetString()));
        // Nothing left to restore: the designation no longer reaches the person.
        await Problems.AssertAsync(await person.PostAsJsonAsync("/api/v1/restorations", Application(designation.Id), Cancel),
            HttpStatusCode.Conflict, RestorationProblemCodes.TargetNotInForce);

        // The ledger holds the grant as the person's reach ending, never the resident ID; a restarted node agrees.
        await using (var db = StorageServices.CreateContext(Server.Database))
        {
            var granted = await db.LedgerEvents.SingleAsync(e => e.Type == DesignationEvents.ReachRestored, Cancel);
            Assert.Contains(id.ToString(), granted.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(Person, granted.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(Person, (await db.LedgerEvents.SingleAsync(e => e.Type == RestorationEvents.Submitted, Cancel)).Payload, StringComparison.Ordinal);
        }

        await using var restarted = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var checker = restarted.Client(await restarted.KeyAsync(Role.Checker, Departments.Mof));
        var again = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Person, ["matter"] = "market-access" }, HttpStatusCode.OK, Cancel);
        Assert.Equal("clear", again.GetProperty("outcome").GetString());
        using var auditor = restarted.Client(await restarted.KeyAsync(Role.Auditor, Departments.Ndrc));
        Assert.True((await auditor.GetJsonAsync("/api/v1/ledger/verification", Cancel)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task The_persons_application_is_its_own_the_organisation_neither_reads_nor_lists_it_and_neither_blocks_the_other()
    {
        var designation = await MarketEntryNamingItsLegalRepresentativeAsync();
        var mine = await ApplyAsPersonAsync(designation.Id);
        using var organisation = await Scenario.SubjectAsync();

        await Problems.AssertAsync(await organisation.GetAsync($"/api/v1/restorations/{mine}", Cancel), HttpStatusCode.Forbidden, "subject-scope");
        var profile = await organisation.ReadJsonAsync($"/api/v1/subjects/{Organisation}", Cancel);
        Assert.DoesNotContain(profile.GetProperty("restorations").EnumerateArray(), r => r.GetProperty("id").GetGuid() == mine);
        var own = await organisation.PostExpectAsync("/api/v1/restorations", Application(designation.Id), HttpStatusCode.Created, Cancel);

        using var person = await Scenario.SubjectAsync(Person);
        var personal = await person.ReadJsonAsync($"/api/v1/subjects/{Person}", Cancel);
        Assert.Equal([mine], personal.GetProperty("restorations").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        await Problems.AssertAsync(await person.GetAsync($"/api/v1/restorations/{own.GetProperty("id").GetGuid()}", Cancel), HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(await person.PostAsJsonAsync("/api/v1/restorations", Application(designation.Id), Cancel),
            HttpStatusCode.Conflict, RestorationProblemCodes.AlreadyOpen);
    }

    [Fact]
    public async Task A_person_the_designation_does_not_name_or_whose_reach_is_under_its_objection_cannot_apply_for_it()
    {
        var designation = await MarketEntryNamingItsLegalRepresentativeAsync();
        using var stranger = await Scenario.SubjectAsync(DesignationBodies.DirectlyResponsible);
        await Problems.AssertAsync(await stranger.PostAsJsonAsync("/api/v1/restorations", Application(designation.Id), Cancel),
            HttpStatusCode.Forbidden, "subject-scope");

        using var person = await Scenario.SubjectAsync(Person);
        await person.PostExpectAsync("/api/v1/objections",
            Objections.ObjectionSteps.Objection(designation.Id, grounds: "本人已于2025年辞去法定代表人职务，不应被列为负责人。"), HttpStatusCode.Created, Cancel);
        await Problems.AssertAsync(await person.PostAsJsonAsync("/api/v1/restorations", Application(designation.Id), Cancel),
            HttpStatusCode.Conflict, RestorationProblemCodes.TargetNotInForce);
    }
}

public sealed class ResponsiblePersonRestorationTests_on_SQLite() : ResponsiblePersonRestorationTests(new SqliteTestDatabases());

public sealed class ResponsiblePersonRestorationTests_on_PostgreSQL(PostgresClusterFixture cluster) : ResponsiblePersonRestorationTests(new PostgresTestDatabases(cluster));
