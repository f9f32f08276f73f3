using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>zh-CN by default, English by the page's switch (kept in a cookie) or by Accept-Language (docs/api.md#web-pages).</summary>
public sealed class LanguageTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task The_switch_turns_the_portal_to_English_and_the_choice_is_kept_on_the_next_page()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, locale: "zh-CN");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_switch_turns_the_portal_to_English_and_the_choice_is_kept_on_the_next_page), async () =>
        {
            await page.GotoAsync("/?q=" + Uri.EscapeDataString("示例"));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "查询企业和个人的公开信用信息" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();

            // Back on the same search, now in English.
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search public credit information about organisations and individuals" })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Name or code")).ToHaveValueAsync("示例");
            await page.GetByRole(AriaRole.Link, new() { Name = PortalWorld.OrganisationName }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registration data" })).ToBeVisibleAsync();
            await Expect(page.GetByText("Serious untrustworthiness list (market regulation)").Or(page.GetByText("Black list")).First).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "中文", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记信息" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_browser_that_prefers_English_gets_English_without_choosing()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, locale: "en-US");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_browser_that_prefers_English_gets_English_without_choosing), async () =>
        {
            await page.GotoAsync("/verify");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verify a credit report" })).ToBeVisibleAsync();
            // The switch is named by what it shows (in its own language), and says what it does in its title.
            var languageSwitch = page.GetByRole(AriaRole.Button, new() { Name = "中文", Exact = true });
            await Expect(languageSwitch).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(languageSwitch).ToHaveAttributeAsync("title", "切换语言 / Switch language");
        });
    }

    [Fact]
    public async Task The_report_is_printed_in_the_language_of_the_page()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, locale: "en-US");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_report_is_printed_in_the_language_of_the_page), async () =>
        {
            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "Download credit report (PDF)" }).ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), "pcredit-en-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
            await download.SaveAsAsync(file);

            var text = await Pages.PdfTextAsync(file);

            Assert.Contains("Public credit information report", text, StringComparison.Ordinal);
            Assert.Contains(PortalWorld.OrganisationName, text, StringComparison.Ordinal);
        });
    }
}
