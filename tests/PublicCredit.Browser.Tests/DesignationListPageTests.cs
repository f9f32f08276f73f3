using System.Text.Json.Nodes;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// The department's designations in the console (docs/web.md#what-each-page-shows): a list by state with the working-day deadlines that
/// matter in each (notice period end, expiry), filtered by state, in both languages and at phone width; and revoking
/// from the designation page — reasons required next to the field, then the public profile no longer shows the entry.
/// Its own world, because it revokes.
/// </summary>
public sealed class DesignationListPageTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private const string Decision = "国市监信决〔2026〕7号";
    private const string OtherOrganisation = "91110108551385082Q";

    [Fact]
    public async Task The_list_shows_each_designation_with_its_deadlines_and_revoking_one_takes_it_off_the_public_profile()
    {
        // A second designation, still in its notice period: noticed Mon 2026-11-23, 5 working days → Mon 2026-11-30.
        await world.PostAsync(world.RecorderKey, "/api/v1/designations", new JsonObject
        {
            ["listType"] = "serious-untrustworthy-market",
            ["subject"] = new JsonObject { ["id"] = OtherOrganisation, ["name"] = "北京示例科技有限公司" },
            ["facts"] = "拒不履行已生效的行政处罚决定。",
            ["legalBasis"] = "《市场监督管理严重违法失信名单管理办法》第十条",
            ["noticeDocument"] = "国市监信告〔2026〕8号",
        });

        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_list_shows_each_designation_with_its_deadlines_and_revoking_one_takes_it_off_the_public_profile), async () =>
        {
            await ConsoleSignIn.AsAsync(page, world.ReviewerKey);
            await page.GetByRole(AriaRole.Link, new() { Name = "撤销认定" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "名单认定", Level = 1 })).ToContainTextAsync("2");
            var effective = page.Locator("tbody tr", new() { HasText = PortalWorld.OrganisationName });
            var noticed = page.Locator("tbody tr", new() { HasText = "北京示例科技有限公司" });
            await Expect(effective).ToContainTextAsync("生效");
            await Expect(effective).ToContainTextAsync("有效期至 2029-11-23");
            await Expect(noticed).ToContainTextAsync("已告知");
            await Expect(noticed).ToContainTextAsync("异议期届满 2026-11-30");
            await Screenshots.SaveAsync(page, "console-designation-list");
            await ConsoleSignIn.NarrowScreenshotAsync(page, "console-designation-list");

            await page.GetByRole(AriaRole.Link, new() { Name = "已告知" }).ClickAsync();
            await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("tbody tr")).ToContainTextAsync("北京示例科技有限公司");

            await page.GetByRole(AriaRole.Link, new() { Name = "全部" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = PortalWorld.OrganisationName }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "撤销认定" })).ToBeVisibleAsync();
            await page.GetByLabel("撤销决定书文号").FillAsync("国市监信撤〔2026〕1号");
            await page.GetByRole(AriaRole.Button, new() { Name = "撤销认定" }).ClickAsync();
            // No reasons: refused, the message under the field, what was typed kept.
            var reasons = page.GetByLabel("撤销原因");
            await Expect(reasons).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#revoke-reasons-error")).ToHaveTextAsync("请说明理由。");
            await Expect(page.GetByLabel("撤销决定书文号")).ToHaveValueAsync("国市监信撤〔2026〕1号");
            await Screenshots.SaveAsync(page, "console-revoke-error");
            await ConsoleSignIn.NarrowScreenshotAsync(page, "console-revoke-error");

            await reasons.FillAsync("经复查，认定所依据的行政处罚决定已被依法撤销。");
            await page.GetByRole(AriaRole.Button, new() { Name = "撤销认定" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("撤销认定");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("已撤销");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("经复查，认定所依据的行政处罚决定已被依法撤销。");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "撤销认定" })).ToHaveCountAsync(0);

            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(Decision)).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_list_and_the_restoration_queue_read_in_English()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, locale: "en");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_list_and_the_restoration_queue_read_in_English), async () =>
        {
            await ConsoleSignIn.AsAsync(page, world.ReviewerKey, "/console/designations");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Designations", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Filter by status" })).ToContainTextAsync("Noticed");
            await Expect(page.Locator("table.designations th").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "console-designation-list-en");
            await ConsoleSignIn.NarrowScreenshotAsync(page, "console-designation-list-en");

            await page.GotoAsync("/console/restorations?status=all");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credit restoration applications", Level = 1 })).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "console-restoration-queue-en");
            await ConsoleSignIn.NarrowScreenshotAsync(page, "console-restoration-queue-en");

            await page.GotoAsync("/console/restorations?status=bogus");
            await Expect(page.Locator("#status")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#status-error")).ToBeVisibleAsync();
        });
    }
}
