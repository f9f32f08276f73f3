using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>The bodies and reads restoration tests share; the states they start from come from <see cref="Given"/>.</summary>
internal sealed class RestorationScenario(RunningServer server, CancellationToken cancel)
{
    public const string Organisation = DesignationBodies.Organisation;

    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public void MoveTo(DateTimeOffset instant) => server.Clock.Advance(instant - server.Clock.GetUtcNow());

    public async Task<HttpClient> SubjectAsync(string subject = Organisation) => server.Client(await server.SubjectTokenAsync(subject));

    public async Task<HttpClient> StaffAsync(Role role, string department = Departments.Samr) => server.Client(await server.KeyAsync(role, department));

    public static JsonObject Application(Guid? designationId = null, Guid? recordId = null, JsonNode? commitment = null, bool withCommitment = true)
    {
        var target = new JsonObject();
        if (designationId is { } d)
        {
            target["designationId"] = d.ToString();
        }

        if (recordId is { } r)
        {
            target["recordId"] = r.ToString();
        }

        var body = new JsonObject { ["target"] = target, ["evidence"] = "已履行行政处罚决定并完成整改，附整改报告。" };
        if (withCommitment)
        {
            body["commitment"] = commitment ?? true;
        }

        return body;
    }

    public static JsonObject Accept(bool accepted = true, string? reasons = "材料齐全，予以受理。") =>
        new() { ["accepted"] = accepted, ["reasons"] = reasons };

    public static JsonObject Decide(bool granted = true, string? reasons = "已履行义务、完成整改并作出信用承诺，准予修复。") =>
        new() { ["granted"] = granted, ["reasons"] = reasons };

    public async Task<JsonElement> ChangesAsync()
    {
        using var auditor = await StaffAsync(Role.Auditor);
        return await auditor.ReadJsonAsync("/api/v1/changes?limit=1000", cancel);
    }

    public async Task<JsonElement> CheckAsync(string subject = Organisation)
    {
        using var checker = await StaffAsync(Role.Checker, Departments.Mof);
        return await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = subject, ["matter"] = "government-procurement" }, HttpStatusCode.OK, cancel);
    }
}

internal static class RestorationHttp
{
    /// <summary>GET that asserts success and returns the JSON body.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpClient client, string path, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
