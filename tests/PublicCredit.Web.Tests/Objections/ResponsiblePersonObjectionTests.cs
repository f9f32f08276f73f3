using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Objections;

/// <summary>
/// A responsible person reached by an organisation's designation objects for that reach with its own credential
/// (docs/objections.md#responsible-persons): its objection suspends the reach to it at once and the owning department decides it; a
/// person the designation does not name cannot object, and a named person cannot touch the organisation's own entry.
/// </summary>
public abstract class ResponsiblePersonObjectionTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;
    private const string Person = DesignationBodies.LegalRepresentative;
    private const string Grounds = "本人已于2025年辞去法定代表人职务，不应被列为负责人。";

    private ObjectionSteps Steps => new(Server, Cancel);

    /// <summary>SPC lists the organisation as a judgment defaulter, naming its legal representative.</summary>
    private async Task<GivenDesignation> DefaulterNamingItsLegalRepresentativeAsync()
    {
        var body = DesignationBodies.DefaulterDesignation(subject: Organisation, name: Given.OrganisationName);
        body["responsiblePersons"] = new JsonArray
        {
            new JsonObject { ["id"] = Person, ["name"] = "张三", ["role"] = "legal-representative" },
        };
        return await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList, body: body);
    }

    private async Task<HttpClient> PersonAsync(string person = Person) => Server.Client(await Server.SubjectTokenAsync(person));

    private async Task<(JsonElement Organisation, JsonElement Person)> ChecksAsync()
    {
        using var checker = await Steps.ClientAsync(Role.Checker, Departments.Mof);
        var onOrganisation = await Steps.CheckAsync(checker, Organisation);
        var onPerson = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Person, ["matter"] = "air-ticket" }, HttpStatusCode.OK, Cancel);
        return (onOrganisation, onPerson);
    }

    private async Task<Guid> ObjectAsPersonAsync(Guid designation)
    {
        using var person = await PersonAsync();
        var filed = await person.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation, grounds: Grounds), HttpStatusCode.Created, Cancel);
        return filed.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_named_person_objects_for_its_reach_with_its_own_token_and_is_no_longer_reached_while_the_organisation_stays_listed()
    {
        var designation = await DefaulterNamingItsLegalRepresentativeAsync();
        var before = await ChecksAsync();
        Assert.Equal(("measures", "measures"), (before.Organisation.GetProperty("outcome").GetString(), before.Person.GetProperty("outcome").GetString()));

        var objection = await ObjectAsPersonAsync(designation.Id);

        var after = await ChecksAsync();
        Assert.Equal("clear", after.Person.GetProperty("outcome").GetString());
        Assert.Equal("measures", after.Organisation.GetProperty("outcome").GetString());
        using var person = await PersonAsync();
        var read = await Steps.GetOkAsync(person, $"/api/v1/objections/{objection}");
        Assert.Equal((Person, true), (read.GetProperty("reachOf").GetString(), read.GetProperty("suspended").GetBoolean()));
        var mine = await Steps.GetOkAsync(person, "/api/v1/objections");
        Assert.Equal(objection, Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        // The organisation's entry is as it was: effective, no objection of its own open.
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);
        var entry = await Steps.GetOkAsync(reviewer, designation.Path);
        Assert.Equal("effective", entry.GetProperty("status").GetString());
        // The person's grounds are the person's: the organisation's token neither reads nor lists them.
        using var organisation = Server.Client(designation.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await Steps.GetAsync(organisation, $"/api/v1/objections/{objection}")).Status);
        Assert.Empty((await Steps.GetOkAsync(organisation, "/api/v1/objections")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_person_the_designation_does_not_name_cannot_object_to_it()
    {
        var designation = await DefaulterNamingItsLegalRepresentativeAsync();
        using var stranger = await PersonAsync(DesignationBodies.DirectlyResponsible);

        using var response = await stranger.PostJsonAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id, grounds: Grounds), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "subject-scope");
        Assert.Equal("measures", (await ChecksAsync()).Person.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_named_person_cannot_touch_the_organisations_own_entry_or_records()
    {
        var designation = await DefaulterNamingItsLegalRepresentativeAsync();
        var record = await Given.PublishedRecordAsync();
        await ObjectAsPersonAsync(designation.Id);
        using var person = await PersonAsync();

        using var onRecord = await person.PostJsonAsync("/api/v1/objections", ObjectionSteps.Objection(record.Id, record: true, grounds: Grounds), Cancel);
        using var again = await person.PostJsonAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id, grounds: "另一理由：任职期间未参与相关经营。"), Cancel);

        await Problems.AssertAsync(onRecord, HttpStatusCode.Forbidden, "subject-scope");
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "objection-already-open");
        // The organisation's own objection is its own: the person's open one neither blocks nor replaces it.
        using var organisation = Server.Client(designation.Token);
        var own = await organisation.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id), HttpStatusCode.Created, Cancel);
        Assert.True(own.GetProperty("suspended").GetBoolean());
        Assert.Equal("clear", (await ChecksAsync()).Organisation.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_department_decides_the_reach_alone_upheld_ends_it_for_good_and_rejected_puts_it_back()
    {
        var designation = await DefaulterNamingItsLegalRepresentativeAsync();
        var objection = await ObjectAsPersonAsync(designation.Id);
        using var reviewer = await Steps.ClientAsync(Role.Reviewer, Departments.Spc);

        await reviewer.PostExpectAsync($"/api/v1/objections/{objection}/resolve", ObjectionSteps.Resolution("rejected"), HttpStatusCode.OK, Cancel);
        Assert.Equal(("measures", "measures"), await OutcomesAsync());

        var second = await ObjectAsPersonAsync(designation.Id);
        await reviewer.PostExpectAsync($"/api/v1/objections/{second}/resolve", ObjectionSteps.Resolution("upheld", "经核实，张三已于2025年卸任。"), HttpStatusCode.OK, Cancel);
        Assert.Equal(("measures", "clear"), await OutcomesAsync());
        using var person = await PersonAsync();
        using var third = await person.PostJsonAsync("/api/v1/objections", ObjectionSteps.Objection(designation.Id, grounds: Grounds), Cancel);
        await Problems.AssertAsync(third, HttpStatusCode.Conflict, "objection-reach-ended");

        // A restarted node rebuilds the index without the ended reach, and the ledger still proves every table.
        await using var restarted = await RunningServer.RestartAsync(Server.Database, Cancel);
        using var checker = restarted.Client(await restarted.KeyAsync(Role.Checker, Departments.Mof));
        var onPerson = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Person, ["matter"] = "air-ticket" }, HttpStatusCode.OK, Cancel);
        Assert.Equal("clear", onPerson.GetProperty("outcome").GetString());
        using var auditor = restarted.Client(await restarted.KeyAsync(Role.Auditor, Departments.Ndrc));
        Assert.True((await auditor.GetJsonAsync("/api/v1/ledger/verification", Cancel)).GetProperty("ok").GetBoolean());
    }

    private async Task<(string?, string?)> OutcomesAsync()
    {
        var (organisation, person) = await ChecksAsync();
        return (organisation.GetProperty("outcome").GetString(), person.GetProperty("outcome").GetString());
    }
}

public sealed class ResponsiblePersonObjectionTests_on_SQLite() : ResponsiblePersonObjectionTests(new SqliteTestDatabases());

public sealed class ResponsiblePersonObjectionTests_on_PostgreSQL(PostgresClusterFixture cluster) : ResponsiblePersonObjectionTests(new PostgresTestDatabases(cluster));
