using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Objections;

/// <summary>The bodies and reads of the objection journeys; the states they start from come from <see cref="Given"/>.</summary>
internal sealed class ObjectionSteps(RunningServer server, CancellationToken cancel)
{
    public const string Organisation = DesignationBodies.Organisation;
    public const string OtherOrganisation = DesignationBodies.OtherOrganisation;

    public async Task<HttpClient> ClientAsync(Role role, string department) => server.Client(await server.KeyAsync(role, department));

    public static JsonObject Objection(Guid id, bool record = false, string grounds = "决定所依据的事实有误：涉案款项已于2026年10月全部履行。", string? evidence = "银行转账凭证（2026年10月12日）")
    {
        var body = new JsonObject
        {
            ["target"] = new JsonObject { [record ? "recordId" : "designationId"] = id.ToString() },
            ["grounds"] = grounds,
        };
        if (evidence is not null)
        {
            body["evidence"] = evidence;
        }

        return body;
    }

    public static JsonObject Resolution(string outcome, string reasons = "经复核，异议理由不成立，维持原决定。") =>
        new() { ["outcome"] = outcome, ["reasons"] = reasons };

    public Task<JsonElement> CheckAsync(HttpClient checker, string subject = Organisation) =>
        checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = subject, ["matter"] = "government-procurement" }, HttpStatusCode.OK, cancel);

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    public async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        var (status, body) = await GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return body;
    }

    public async Task<IReadOnlyList<JsonElement>> FeedAsync()
    {
        using var auditor = await ClientAsync(Role.Auditor, Departments.Ndrc);
        var page = await GetOkAsync(auditor, "/api/v1/changes?after=0&limit=1000");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async Task AssertLedgerVerifiesAsync()
    {
        using var auditor = await ClientAsync(Role.Auditor, Departments.Ndrc);
        var verification = await GetOkAsync(auditor, "/api/v1/ledger/verification");
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonNode body, CancellationToken cancellationToken) =>
        client.PostAsJsonAsync(path, body, cancellationToken);
}
