using System.Net;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Profiles;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>GET /api/v1/public/subjects?q=&amp;page= (docs/api.md#subjects-and-public-views): name substring or exact code, 20 per page.</summary>
public abstract class PublicSearchTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<HttpClient> RecorderAsync() => Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

    [Fact]
    public async Task A_name_substring_finds_a_subject_whatever_the_case_and_width()
    {
        using var recorder = await RecorderAsync();
        await Given.PublishedRecordAsync(subjectName: "Fuzhou ACME Foods 福州示例食品有限公司", recorder: recorder);
        using var anonymous = Server.Client();

        foreach (var q in new[] { "acme", "ACME foods", "ａｃｍｅ", "示例食品" })
        {
            var page = await anonymous.GetJsonAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString(q)}", Cancel);
            var item = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal((RecordBodies.OrganisationId, "organisation"), (item.GetProperty("id").GetString(), item.GetProperty("kind").GetString()));
        }

        var none = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=acne", Cancel);
        Assert.Equal((0, 1), (none.GetProperty("total").GetInt32(), none.GetProperty("page").GetInt32()));
    }

    [Fact]
    public async Task An_exact_code_finds_the_subject_in_any_case_or_width_and_a_part_of_a_code_finds_nothing()
    {
        using var recorder = await RecorderAsync();
        await Given.PublishedRecordAsync(recorder: recorder);
        using var anonymous = Server.Client();

        var exact = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=91350100m000100y43", Cancel);
        var wide = await anonymous.GetJsonAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString("９１３５０１００Ｍ０００１００Ｙ４３")}", Cancel);
        var part = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=91350100M", Cancel);

        Assert.Equal(RecordBodies.OrganisationId, Assert.Single(exact.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, wide.GetProperty("total").GetInt32());
        Assert.Equal(0, part.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Results_come_twenty_to_a_page_with_the_total_and_the_page_number()
    {
        using var recorder = await RecorderAsync();
        var batch = new JsonArray([.. Enumerable.Range(1, 25).Select(n =>
            (JsonNode)SubjectBodies.Honour(SubjectBodies.PersonNumber(n), $"诚信个人{n:00}", $"闽表彰〔2026〕{n}号"))]);
        var outcome = await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel);
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        using var anonymous = Server.Client();

        var first = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=诚信个人", Cancel);
        var second = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=诚信个人&page=2", Cancel);
        var third = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=诚信个人&page=3", Cancel);

        Assert.Equal((25, 1, 20), (first.GetProperty("total").GetInt32(), first.GetProperty("page").GetInt32(), first.GetProperty("items").GetArrayLength()));
        Assert.Equal((25, 2, 5), (second.GetProperty("total").GetInt32(), second.GetProperty("page").GetInt32(), second.GetProperty("items").GetArrayLength()));
        Assert.Equal(0, third.GetProperty("items").GetArrayLength());
        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 25).Select(n => $"诚信个人{n:00}"), names);
        Assert.All(first.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("p-", i.GetProperty("id").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Name_matches_are_counted_up_to_ten_pages_and_a_page_beyond_says_at_least_as_many_as_it_shows()
    {
        using var recorder = await RecorderAsync();
        const int Shown = SearchPublicSubjects.TotalCap + SearchPublicSubjects.PageSize + 5;
        // Shown public honours, and ten people whose only record (a penalty of an individual) is never public.
        var batch = new JsonArray([.. Enumerable.Range(1, Shown).Select(n =>
            (JsonNode)SubjectBodies.Honour(SubjectBodies.PersonNumber(n), $"计数样本{n:000}", $"闽表彰〔2026〕{n}号"))]);
        foreach (var n in Enumerable.Range(Shown + 1, 10))
        {
            var hidden = RecordBodies.Penalty($"闽市监罚〔2026〕{n}号");
            hidden["subject"] = new JsonObject { ["id"] = SubjectBodies.PersonNumber(n), ["name"] = $"计数样本{n:000}" };
            batch.Add(hidden);
        }

        var outcome = await recorder.PostJsonAsync("/api/v1/records/batch", batch, Cancel);
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        using var anonymous = Server.Client();

        async Task<(int Total, bool AtLeast, int Items)> PageAsync(int page)
        {
            var found = await anonymous.GetJsonAsync($"/api/v1/public/subjects?q=计数样本&page={page}", Cancel);
            return (found.GetProperty("total").GetInt32(), found.GetProperty("totalIsLowerBound").GetBoolean(), found.GetProperty("items").GetArrayLength());
        }

        const int PageSize = SearchPublicSubjects.PageSize;
        const int LastFull = SearchPublicSubjects.TotalCap / PageSize;
        Assert.Equal((SearchPublicSubjects.TotalCap, true, PageSize), await PageAsync(1));
        Assert.Equal((SearchPublicSubjects.TotalCap, true, PageSize), await PageAsync(LastFull));
        // A full page past the cap counts to its own last match, and says "at least" that many.
        Assert.Equal((SearchPublicSubjects.TotalCap + PageSize, true, PageSize), await PageAsync(LastFull + 1));
        // The short last page counts exactly: the ten never-public subjects are not among them.
        Assert.Equal((Shown, false, 5), await PageAsync(LastFull + 2));
        Assert.Equal((Shown, false, 0), await PageAsync(LastFull + 3));
    }

    [Fact]
    public async Task A_subject_known_only_by_its_list_entry_is_found_exactly_while_its_public_profile_shows_the_entry()
    {
        var steps = new ObjectionSteps(Server, Cancel);
        using var anonymous = Server.Client();
        async Task<(int ByName, int ByCode, HttpStatusCode Profile)> LookAsync()
        {
            var byName = await anonymous.GetJsonAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString("示例食品")}", Cancel);
            var byCode = await anonymous.GetJsonAsync($"/api/v1/public/subjects?q={ObjectionSteps.Organisation}", Cancel);
            using var profile = await anonymous.GetAsync(new Uri($"/api/v1/public/subjects/{ObjectionSteps.Organisation}", UriKind.Relative), Cancel);
            return (byName.GetProperty("total").GetInt32(), byCode.GetProperty("total").GetInt32(), profile.StatusCode);
        }

        var noticed = await Given.ProposedDesignationAsync(DesignationBodies.DefaultersList, statement: true);
        Assert.Equal((0, 0, HttpStatusCode.NotFound), await LookAsync());

        using (var reviewer = await steps.ClientAsync(Role.Reviewer, Departments.Spc))
        {
            await reviewer.PostExpectAsync($"/api/v1/designations/{noticed.Id}/decide", DesignationBodies.Decision(document: "（2026）闽01执决9号"),
                HttpStatusCode.OK, Cancel);
        }

        Assert.Equal((1, 1, HttpStatusCode.OK), await LookAsync());

        using (var subject = Server.Client(noticed.Token))
        {
            await subject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(noticed.Id), HttpStatusCode.Created, Cancel);
        }

        Assert.Equal((0, 0, HttpStatusCode.NotFound), await LookAsync());
    }

    [Fact]
    public async Task A_list_entry_whose_term_has_ended_no_longer_makes_its_subject_findable()
    {
        await Given.EffectiveDesignationAsync(DesignationBodies.DefaultersList);
        using var anonymous = Server.Client();
        var path = $"/api/v1/public/subjects?q={Uri.EscapeDataString("示例食品")}";
        Assert.Equal(1, (await anonymous.GetJsonAsync(path, Cancel)).GetProperty("total").GetInt32());

        // judgment-defaulters' default term is P2Y (catalog/list-types.yaml)
        Server.Clock.Advance(TimeSpan.FromDays((2 * 366) + 1));

        Assert.Equal(0, (await anonymous.GetJsonAsync(path, Cancel)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_empty_query_or_a_bad_page_is_refused_with_a_code()
    {
        using var anonymous = Server.Client();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/public/subjects", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "query-missing");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/public/subjects?q=%20", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "query-missing");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/subjects?q={new string('名', 201)}", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "query-too-long");
        foreach (var page in new[] { "0", "-1", "two", "1.5", "501" })
        {
            await Problems.AssertAsync(await anonymous.GetAsync(new Uri($"/api/v1/public/subjects?q=a&page={page}", UriKind.Relative), Cancel),
                HttpStatusCode.UnprocessableEntity, "page-invalid");
        }
    }
}

public sealed class PublicSearchTests_on_SQLite() : PublicSearchTests(new SqliteTestDatabases());

public sealed class PublicSearchTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicSearchTests(new PostgresTestDatabases(cluster));
