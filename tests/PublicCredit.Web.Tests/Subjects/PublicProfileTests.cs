using System.Net;
using System.Text.Json;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// GET /api/v1/public/subjects/{subjectId} (docs/api.md#subjects-and-public-views; ADR 0008): only what is public at the time of the request,
/// individuals by an opaque id with the number masked, and "not found" for a subject with nothing public.
/// </summary>
public abstract class PublicProfileTests(ITestDatabases databases) : ServerTests(databases)
{
    private async Task<HttpClient> RecorderAsync() => Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));

    [Fact]
    public async Task The_public_profile_shows_a_published_record_and_hides_a_minor_one()
    {
        using var recorder = await RecorderAsync();
        var general = (await Given.PublishedRecordAsync(recorder: recorder)).Id;
        var minor = (await Given.PublishedRecordAsync(body: RecordBodies.Penalty("闽市监罚〔2026〕102号").With("severity", "minor"), recorder: recorder)).Id;
        using var anonymous = Server.Client();

        var profile = await anonymous.GetJsonAsync($"/api/v1/public/subjects/{RecordBodies.OrganisationId}", Cancel);

        var records = profile.GetProperty("records").EnumerateArray().ToList();
        var shown = Assert.Single(records);
        Assert.Equal(general, shown.GetProperty("id").GetGuid());
        Assert.NotEqual(minor, general);
        Assert.Equal("2027-11-19", shown.GetProperty("publicUntil").GetString());
        Assert.Equal("samr", shown.GetProperty("department").GetString());
        Assert.Equal("张三", shown.GetProperty("legalRepresentative").GetString());
        Assert.Equal("行政处罚信息", shown.GetProperty("categoryName").GetProperty("zh").GetString());
        var subject = profile.GetProperty("subject");
        Assert.Equal((RecordBodies.OrganisationId, "organisation", "福州示例食品有限公司", RecordBodies.OrganisationId),
            (subject.GetProperty("id").GetString(), subject.GetProperty("kind").GetString(), subject.GetProperty("name").GetString(),
                subject.GetProperty("code").GetString()));
        Assert.Equal(0, profile.GetProperty("designations").GetArrayLength());
        // What only the department and staff see is not published: who typed it, hashes, history, the late flag.
        foreach (var hidden in new[] { "recordedBy", "contentHash", "versions", "late", "published" })
        {
            Assert.False(shown.TryGetProperty(hidden, out _), $"public record shows {hidden}");
        }
    }

    [Fact]
    public async Task An_individuals_record_in_a_category_that_keeps_individuals_private_is_not_public()
    {
        using var recorder = await RecorderAsync();
        await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson(), recorder: recorder);
        using var anonymous = Server.Client();

        var byNumber = await anonymous.GetAsync(new Uri($"/api/v1/public/subjects/{RecordBodies.PersonId}", UriKind.Relative), Cancel);
        var search = await anonymous.GetJsonAsync("/api/v1/public/subjects?q=李四", Cancel);

        await Problems.AssertAsync(byNumber, HttpStatusCode.NotFound, "subject-not-found");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_subject_with_nothing_public_gets_the_same_answer_as_one_that_does_not_exist()
    {
        using var recorder = await RecorderAsync();
        await Given.PublishedRecordAsync(body: RecordBodies.PenaltyOnPerson(), recorder: recorder);
        using var anonymous = Server.Client();

        var held = await anonymous.GetTextAsync($"/api/v1/public/subjects/{RecordBodies.PersonId}", Cancel);
        var unknown = await anonymous.GetTextAsync($"/api/v1/public/subjects/{SubjectBodies.PersonNumber(7)}", Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (held.Status, unknown.Status));
        Assert.Equal(Comparable(unknown.Body), Comparable(held.Body));
    }

    /// <summary>A problem without its per-request trace id.</summary>
    private static string Comparable(string problem)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    [Fact]
    public async Task An_individual_is_shown_by_an_opaque_id_with_the_number_masked_and_the_number_is_in_no_public_body()
    {
        var record = (await Given.PublishedRecordAsync(body: SubjectBodies.Defaulter(), department: Departments.Spc)).Id;
        using var anonymous = Server.Client();

        var search = await anonymous.GetTextAsync($"/api/v1/public/subjects?q={SubjectBodies.PublicPersonName}", Cancel);
        var item = JsonDocument.Parse(search.Body).RootElement.GetProperty("items")[0];
        var publicId = item.GetProperty("id").GetString()!;
        var bodies = new List<(HttpStatusCode Status, string Body)>
        {
            search,
            await anonymous.GetTextAsync($"/api/v1/public/subjects?q={SubjectBodies.PublicPersonId}", Cancel),
            await anonymous.GetTextAsync($"/api/v1/public/subjects?q={SubjectBodies.PublicPersonId.ToLowerInvariant()}&page=1", Cancel),
            await anonymous.GetTextAsync($"/api/v1/public/subjects/{publicId}", Cancel),
            await anonymous.GetTextAsync($"/api/v1/public/subjects/{publicId.ToUpperInvariant()}", Cancel),
            await anonymous.GetTextAsync($"/api/v1/public/subjects/{SubjectBodies.PublicPersonId}", Cancel),
            await anonymous.GetTextAsync($"/api/v1/public/subjects/{Uri.EscapeDataString("３６" + SubjectBodies.PublicPersonId[2..])}", Cancel),
        };

        Assert.StartsWith("p-", publicId, StringComparison.Ordinal);
        Assert.Equal(("individual", SubjectBodies.PublicPersonName, SubjectBodies.PublicPersonMasked),
            (item.GetProperty("kind").GetString(), item.GetProperty("name").GetString(), item.GetProperty("code").GetString()));
        Assert.All(bodies, b => Assert.Equal(HttpStatusCode.OK, b.Status));
        Assert.All(bodies, b => Assert.DoesNotContain(SubjectBodies.PublicPersonId, b.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(bodies, b => Assert.Contains(SubjectBodies.PublicPersonMasked, b.Body, StringComparison.Ordinal));
        var profile = JsonDocument.Parse(bodies[3].Body).RootElement;
        Assert.Equal(publicId, profile.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(record, profile.GetProperty("records")[0].GetProperty("id").GetGuid());
        Assert.Equal(bodies[3].Body, bodies[5].Body);
        // Also the refusals of public endpoints never echo a number.
        var refused = await anonymous.GetTextAsync($"/api/v1/public/subjects/{RecordBodies.PersonId}", Cancel);
        Assert.DoesNotContain(RecordBodies.PersonId, refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_id_is_random_not_derived_from_the_number()
    {
        // The same person on two platforms (two databases) gets unrelated public ids: nothing computes one from the number.
        await Given.PublishedRecordAsync(body: SubjectBodies.Defaulter(), department: Departments.Spc);
        await using var other = await RunningServer.StartAsync(new SqliteTestDatabases(), Cancel);
        using var otherRecorder = other.Client(await other.KeyAsync(Role.Recorder, Departments.Spc));
        await Given.PublishedRecordAsync(body: SubjectBodies.Defaulter(), recorder: otherRecorder);
        using var here = Server.Client();
        using var there = other.Client();

        var first = await here.GetJsonAsync($"/api/v1/public/subjects/{SubjectBodies.PublicPersonId}", Cancel);
        var second = await there.GetJsonAsync($"/api/v1/public/subjects/{SubjectBodies.PublicPersonId}", Cancel);

        Assert.NotEqual(first.GetProperty("subject").GetProperty("id").GetString(), second.GetProperty("subject").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unknown_public_id_is_not_found_and_an_invalid_identifier_is_422()
    {
        using var anonymous = Server.Client();

        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/public/subjects/p-000000000000000000000000", UriKind.Relative), Cancel),
            HttpStatusCode.NotFound, "subject-not-found");
        await Problems.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/public/subjects/110105194912310029", UriKind.Relative), Cancel),
            HttpStatusCode.UnprocessableEntity, "subject-id-invalid");
    }

    [Fact]
    public async Task After_a_correction_the_public_sees_only_the_current_version()
    {
        using var recorder = await RecorderAsync();
        var id = (await Given.PublishedRecordAsync(recorder: recorder)).Id;
        var corrected = RecordBodies.Penalty().With("amount", 15).With("facts", "更正后的违法事实").With("reason", "罚款金额录入错误");
        Assert.Equal(HttpStatusCode.OK, (await recorder.PostJsonAsync($"/api/v1/records/{id}/corrections", corrected, Cancel)).StatusCode);
        using var anonymous = Server.Client();

        var (status, body) = await anonymous.GetTextAsync($"/api/v1/public/subjects/{RecordBodies.OrganisationId}", Cancel);

        Assert.Equal(HttpStatusCode.OK, status);
        var shown = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal(15m, shown.GetProperty("amount").GetDecimal());
        Assert.DoesNotContain("生产经营超范围使用食品添加剂的食品", body, StringComparison.Ordinal);
        Assert.DoesNotContain("罚款金额录入错误", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_token_on_a_public_endpoint_is_still_refused()
    {
        using var client = Server.Client("pck_abcdefghijkm_" + new string('x', 43));

        var response = await client.GetAsync(new Uri($"/api/v1/public/subjects/{RecordBodies.OrganisationId}", UriKind.Relative), Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "token-invalid");
    }
}

public sealed class PublicProfileTests_on_SQLite() : PublicProfileTests(new SqliteTestDatabases());

public sealed class PublicProfileTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicProfileTests(new PostgresTestDatabases(cluster));
