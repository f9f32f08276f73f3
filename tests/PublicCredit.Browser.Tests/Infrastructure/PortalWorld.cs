using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Text;
using PublicCredit.Web.Hosting;

namespace PublicCredit.Browser.Tests.Infrastructure;

/// <summary>
/// The real host on Kestrel at a free loopback port over a fresh SQLite file, with a small known world put in through
/// the public API as departments would: a penalty on an organisation, a judgment defaulter record on an individual
/// (published, number masked), and the organisation designated on the market black list (notice → statement →
/// decision). The clock stands at Mon 2026-11-23 09:00 China time, like the HTTP tests'.
/// </summary>
public sealed class PortalWorld : IAsyncLifetime
{
    public const string Organisation = "91350100M000100Y43";
    public const string OrganisationName = "福州示例食品有限公司";
    public const string Person = "11010519491231002X";
    public const string PersonName = "李四";
    public const string LicenceNumber = "JY13501000012345";

    public const string PenaltyNumber = "闽市监罚〔2026〕101号";

    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public string RecorderKey { get; private set; } = null!;

    public string OrganisationToken { get; private set; } = null!;

    public string ReviewerKey { get; private set; } = null!;

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The host's clock: a test may move it (e.g. past a minimum publicity period).</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public async ValueTask InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcredit-browser-" + Guid.NewGuid().ToString("N")[..12]);
        var database = DatabaseTarget.Parse(Path.Combine(folder, "pcredit.db"));
        app = await PublicCreditApp.StartAsync(new HostSettings
        {
            Database = database,
            CatalogDirectory = Path.Combine(Screenshots.FindRoot(), "catalog"),
            Urls = ["http://127.0.0.1:0"],
            Clock = Clock,
            MinimumLogLevel = LogLevel.Warning,
        });
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        RecorderKey = await KeyAsync(Role.Recorder, "samr");
        var reviewer = ReviewerKey = await KeyAsync(Role.Reviewer, "samr");
        var court = await KeyAsync(Role.Recorder, "spc");

        await PostAsync(RecorderKey, "/api/v1/records", new JsonObject
        {
            ["category"] = "administrative-penalty",
            ["subject"] = new JsonObject { ["id"] = Organisation, ["name"] = OrganisationName },
            ["documentNumber"] = PenaltyNumber,
            ["decisionDate"] = "2026-11-20",
            ["severity"] = "general",
            ["legalBasis"] = "《中华人民共和国食品安全法》第一百二十四条",
            ["facts"] = "生产经营超范围使用食品添加剂的食品",
            ["content"] = "罚款",
            ["amount"] = 12.5m,
            ["legalRepresentative"] = "张三",
        });
        // A licence beside the penalty: its fields read as a licence's, not as a violation's.
        await PostAsync(RecorderKey, "/api/v1/records", new JsonObject
        {
            ["category"] = "administrative-licensing",
            ["subject"] = new JsonObject { ["id"] = Organisation, ["name"] = OrganisationName },
            ["documentNumber"] = LicenceNumber,
            ["decisionDate"] = "2026-11-02",
            ["legalBasis"] = "《中华人民共和国食品安全法》第三十五条",
            ["facts"] = "食品经营许可",
            ["content"] = "经营项目：预包装食品销售",
            ["publicUntil"] = "2031-11-01",
        });
        await PostAsync(court, "/api/v1/records", new JsonObject
        {
            ["category"] = "court-enforcement",
            ["subject"] = new JsonObject { ["id"] = Person, ["name"] = PersonName },
            ["documentNumber"] = "（2026）闽01执123号",
            ["decisionDate"] = "2026-11-20",
            ["severity"] = "serious",
            ["legalBasis"] = "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
            ["content"] = "有履行能力而拒不履行生效法律文书确定的义务",
        });

        var notice = await PostAsync(RecorderKey, "/api/v1/designations", new JsonObject
        {
            ["listType"] = "serious-untrustworthy-market",
            ["subject"] = new JsonObject { ["id"] = Organisation, ["name"] = OrganisationName },
            ["facts"] = "因提供虚假材料取得许可被吊销许可证，三年内再次实施同类违法行为。",
            ["legalBasis"] = "《市场监督管理严重违法失信名单管理办法》第十条",
            ["noticeDocument"] = "国市监信告〔2026〕7号",
        });
        var designation = notice.GetProperty("id").GetString()!;
        OrganisationToken = await ActivateAsync(notice);
        await PostAsync(OrganisationToken, $"/api/v1/designations/{designation}/statements",
            new JsonObject { ["statement"] = "我公司已整改，请求不予列入。" });
        await PostAsync(reviewer, $"/api/v1/designations/{designation}/decide", new JsonObject
        {
            ["decisionDocument"] = "国市监信决〔2026〕7号",
            ["reasons"] = "经核查，当事人提供虚假材料的事实清楚、证据确凿，陈述申辩理由不成立。",
        });
    }

    /// <summary>Issues a self-service token the way an operator does (`pcredit subjects token`).</summary>
    public async Task<string> SubjectTokenAsync(string subjectId)
    {
        using var scope = app!.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<IssueSubjectToken>()
            .RunAsync(Caller.Operator, new IssueSubjectTokenRequest(subjectId, 30));
        return issued.Token;
    }

    public async Task<string> KeyAsync(Role role, string department)
    {
        using var scope = app!.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateApiKey>()
            .RunAsync(Caller.Operator, new CreateApiKeyRequest(role.Code(), department, null,
                // Tests move the clock a year or more ahead; their keys last as long as a key may.
                CreateApiKey.LongestExpiry(Clock)));
        return created.Key;
    }

    /// <summary>What a department's or a subject's system does over the API.</summary>
    /// <summary>The subject redeems the activation code of its notice for its own token, as at /me (ADR 0029).</summary>
    public async Task<string> ActivateAsync(JsonElement notice) =>
        (await PostAsync(null, "/api/v1/subject-sessions/activate",
            new JsonObject { ["code"] = notice.GetProperty("activationCode").GetString() })).GetProperty("token").GetString()!;

    public async Task<JsonElement> PostAsync(string? bearer, string path, JsonObject body)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {path} failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
