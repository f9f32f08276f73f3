using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Restorations;

/// <summary>The steps restoration tests share: designate and decide, record a penalty, move the clock, apply.</summary>
internal sealed class RestorationScenario(RunningServer server, CancellationToken cancel)
{
    public const string Organisation = DesignationBodies.Organisation;

    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>SAMR designates the organisation on its serious list; the subject states its case and SAMR decides at
    /// once (effective Mon 2026-11-23 09:00 China time, term P3Y). Earliest restoration: 2027-11-23 (P1Y, serious).</summary>
    public async Task<Guid> EffectiveMarketDesignationAsync(string subject = Organisation, string notice = "国市监信告〔2026〕7号")
    {
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        var proposed = await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation(notice, subject), HttpStatusCode.Created, cancel);
        var id = proposed.GetProperty("id").GetGuid();
        using (var token = server.Client(await server.ActivateAsync(proposed)))
        {
            await token.PostExpectAsync($"/api/v1/designations/{id}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, cancel);
        }

        using var reviewer = server.Client(await server.KeyAsync(Role.Reviewer, Departments.Samr));
        await reviewer.PostExpectAsync($"/api/v1/designations/{id}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, cancel);
        return id;
    }

    /// <summary>SAMR records a general penalty decided 2026-11-20 (public until 2027-11-19; earliest restoration 2027-02-20).</summary>
    public async Task<Guid> PublishedPenaltyAsync(string documentNumber = "闽市监罚〔2026〕101号")
    {
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        var created = await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty(documentNumber), HttpStatusCode.Created, cancel);
        return created.GetProperty("id").GetGuid();
    }

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
