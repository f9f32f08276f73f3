using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicCredit.Access;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// The auditor's statistics page (docs/web.md#what-each-page-shows; ADR 0020), end to end: checks with feedback, an on-time and a late
/// penalty, an objection left past its review deadline; the auditor signs in, finds the three charts and tables
/// with exactly the numbers of <c>GET /api/v1/stats/*</c>, narrows the period, is told when the period is reversed,
/// and reads it all in English. Other roles are sent to sign in. Its own world: the clock moves.
/// </summary>
public sealed class StatisticsTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task An_auditor_sees_charts_and_tables_with_the_numbers_of_the_api_for_all_time_and_for_a_period()
    {
        var auditor = await SeedAsync();
        var catalog = await GetAsync(auditor, "/api/v1/catalog");
        var publicity = await GetAsync(auditor, "/api/v1/stats/publicity");
        var november = await GetAsync(auditor, "/api/v1/stats/publicity?from=2026-11-01");
        var implementation = await GetAsync(auditor, "/api/v1/stats/implementation");
        var deadlines = await GetAsync(auditor, "/api/v1/stats/deadlines");
        // The seeded world, so the comparison below is about something: one of each.
        Assert.True(publicity.GetProperty("late").GetInt32() >= 1 && publicity.GetProperty("onTime").GetInt32() >= 1);
        Assert.True(november.GetProperty("submitted").GetInt32() < publicity.GetProperty("submitted").GetInt32());
        Assert.Equal(1, deadlines.GetProperty("bySource").GetProperty("objections").GetInt32());

        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(An_auditor_sees_charts_and_tables_with_the_numbers_of_the_api_for_all_time_and_for_a_period), async () =>
        {
            await page.GotoAsync("/console");
            await page.GetByLabel("API 密钥").FillAsync(auditor);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "统计", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "统计", Level = 1 })).ToBeVisibleAsync();

            // Three charts, each an image named by its title, each followed by its table.
            foreach (var (chart, title) in new[] { ("implementation", "联合奖惩措施落实情况"), ("publicity", "“双公示”及时性"), ("deadlines", "逾期未办事项") })
            {
                var svg = page.Locator($"svg[role=img][aria-labelledby='chart-{chart}-title chart-{chart}-desc']");
                await Expect(svg).ToHaveCountAsync(1);
                await Expect(page.Locator($"#chart-{chart}-title")).ToHaveTextAsync(title);
                await Expect(page.Locator($"#{chart}-table")).ToBeVisibleAsync();
            }

            await ExpectPublicityAsync(page, catalog, publicity);
            var row = implementation.GetProperty("items").EnumerateArray()
                .Single(r => r.GetProperty("measure").GetString() == "restrict-government-procurement" && r.GetProperty("department").GetString() == "mof");
            var rate = (double)(row.GetProperty("applied").GetInt32() + row.GetProperty("notApplied").GetInt32()) / row.GetProperty("hits").GetInt32();
            await Expect(page.Locator("#implementation-table tbody tr").Filter(new() { HasText = Name(catalog, "measures", "restrict-government-procurement") })
                    .Filter(new() { HasText = Name(catalog, "departments", "mof") }).Locator("td.num"))
                .ToHaveTextAsync([Count(row, "checks"), Count(row, "hits"), Count(row, "applied"), Count(row, "notApplied"), rate.ToString("P1", Chinese)]);
            // The chart says the same: the bar values and the rate after the label.
            // (the row's title holds the whole label where the line shows it cut)
            var bars = page.Locator("svg[aria-labelledby^='chart-implementation'] g")
                .Filter(new() { HasText = Name(catalog, "measures", "restrict-government-procurement") }).Filter(new() { HasText = Name(catalog, "departments", "mof") });
            await Expect(bars).ToContainTextAsync("反馈率 " + rate.ToString("P1", Chinese));

            var objections = page.Locator("#deadlines-table tbody tr").Filter(new() { HasText = "异议审查" });
            await Expect(objections.Locator("td.num")).ToHaveTextAsync("1");
            await Expect(objections.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/console/objections");
            await Expect(page.Locator("#deadline-items").GetByRole(AriaRole.Link, new() { Name = "名单认定" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/console/designations/[0-9a-f-]{36}$"));
            await SaveBothWidthsAsync(page, "console-stats-zh");

            // A period: only November's decisions, as the API answers for the same period.
            await page.GetByLabel("起始日期").FillAsync("2026-11-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "查看", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=2026-11-01"));
            await Expect(page.Locator(".period-note")).ToContainTextAsync("2026-11-01");
            await ExpectPublicityAsync(page, catalog, november);

            // Reversed: refused next to the field, what was typed kept, no figures.
            await page.GetByLabel("截止日期").FillAsync("2026-10-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "查看", Exact = true }).ClickAsync();
            await Expect(page.Locator("#to-error")).ToHaveTextAsync("截止日期不能早于起始日期。");
            await Expect(page.GetByLabel("截止日期")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.GetByLabel("起始日期")).ToHaveValueAsync("2026-11-01");
            await Expect(page.Locator("svg[role=img]")).ToHaveCountAsync(0);

            await page.GotoAsync("/console/stats");
            await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistics", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("#chart-publicity-title")).ToHaveTextAsync("Double publicity on time");
            await Expect(page.Locator("#publicity-table tfoot td.num").Last).ToHaveTextAsync(publicity.GetProperty("onTimeRate").GetDouble().ToString("P1", CultureInfo.GetCultureInfo("en")));
            await SaveBothWidthsAsync(page, "console-stats-en");
        });
    }

    [Fact]
    public async Task A_recorder_or_a_reviewer_is_sent_to_sign_in_instead_of_seeing_the_statistics()
    {
        foreach (var key in new[] { world.RecorderKey, world.ReviewerKey })
        {
            await using var context = await chromium.ContextAsync(world.BaseAddress);
            var page = await context.NewPageAsync();
            await Screenshots.OnFailureAsync(page, nameof(A_recorder_or_a_reviewer_is_sent_to_sign_in_instead_of_seeing_the_statistics), async () =>
            {
                await page.GotoAsync("/console");
                await page.GetByLabel("API 密钥").FillAsync(key);
                await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "统计", Exact = true })).ToHaveCountAsync(0);

                await page.GotoAsync("/console/stats");
                await Expect(page.GetByLabel("API 密钥")).ToBeVisibleAsync();
                await Expect(page.Locator("svg[role=img]")).ToHaveCountAsync(0);
            });
        }
    }

    /// <summary>
    /// Two checks by the finance ministry that return the procurement restriction, one applied and one not; a penalty
    /// decided 1 Sep and submitted 23 Nov (late); an objection to the list entry, left until three weeks later, past its
    /// 10-working-day review deadline (Mon 7 Dec). Returns the auditor's key.
    /// </summary>
    private async Task<string> SeedAsync()
    {
        var checker = await world.KeyAsync(Role.Checker, "mof");
        foreach (var applied in new[] { true, false })
        {
            var check = await world.PostAsync(checker, "/api/v1/checks", new JsonObject { ["subject"] = PortalWorld.Organisation, ["matter"] = "government-procurement" });
            await world.PostAsync(checker, $"/api/v1/checks/{check.GetProperty("checkId").GetGuid()}/feedback", new JsonObject
            {
                ["measure"] = "restrict-government-procurement",
                ["applied"] = applied,
                ["note"] = applied ? null : "合同已于核查前签订。",
            });
        }

        await world.PostAsync(world.RecorderKey, "/api/v1/records", new JsonObject
        {
            ["category"] = "administrative-penalty",
            ["subject"] = new JsonObject { ["id"] = PortalWorld.Organisation, ["name"] = PortalWorld.OrganisationName },
            ["documentNumber"] = "闽市监罚〔2026〕88号",
            ["decisionDate"] = "2026-09-01",
            ["severity"] = "general",
            ["legalBasis"] = "《中华人民共和国食品安全法》第一百二十四条",
        });

        var profile = await GetAsync(world.OrganisationToken, $"/api/v1/subjects/{PortalWorld.Organisation}");
        var designation = profile.GetProperty("designations")[0].GetProperty("id").GetGuid();
        await world.PostAsync(world.OrganisationToken, "/api/v1/objections", new JsonObject
        {
            ["target"] = new JsonObject { ["designationId"] = designation },
            ["grounds"] = "违法事实认定有误。",
        });
        world.Clock.Advance(TimeSpan.FromDays(21));
        return await world.KeyAsync(Role.Auditor, "ndrc");
    }

    private static async Task ExpectPublicityAsync(IPage page, JsonElement catalog, JsonElement stats)
    {
        foreach (var department in stats.GetProperty("departments").EnumerateArray())
        {
            var name = Name(catalog, "departments", department.GetProperty("department").GetString()!);
            var rate = department.TryGetProperty("onTimeRate", out var r) ? r.GetDouble().ToString("P1", Chinese) : "—";
            await Expect(page.Locator("#publicity-table tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) }).Locator("td.num"))
                .ToHaveTextAsync([Count(department, "submitted"), Count(department, "onTime"), Count(department, "late"), Count(department, "unknown"), rate]);
            await Expect(page.Locator("svg[aria-labelledby^='chart-publicity'] g").Filter(new() { HasText = name })).ToContainTextAsync("按时率 " + rate);
        }

        await Expect(page.Locator("#publicity-table tfoot td.num").First).ToHaveTextAsync(Count(stats, "submitted"));
    }

    private static async Task SaveBothWidthsAsync(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, name + "-1280");
        await page.SetViewportSizeAsync(390, 900);
        await Screenshots.SaveAsync(page, name + "-390");
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static string Count(JsonElement element, string property) => element.GetProperty(property).GetInt32().ToString("N0", Chinese);

    private static string Name(JsonElement catalog, string collection, string code) =>
        catalog.GetProperty(collection).EnumerateArray().Single(e => e.GetProperty("code").GetString() == code).GetProperty("name").GetProperty("zh").GetString()!;

    private async Task<JsonElement> GetAsync(string bearer, string path)
    {
        using var client = new HttpClient { BaseAddress = world.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var text = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
