using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>/me (docs/web.md#what-each-page-shows): a subject signs in with its token and sees its data, the measures and why, and who looked.</summary>
public sealed class SelfServiceTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task The_designated_organisation_signs_in_and_sees_its_list_entry_the_measures_in_force_and_who_looked()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_designated_organisation_signs_in_and_sees_its_list_entry_the_measures_in_force_and_who_looked), async () =>
        {
            await page.GotoAsync("/me");
            await page.GetByLabel("自助令牌").FillAsync(world.OrganisationToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的信用", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText(PortalWorld.OrganisationName)).ToBeVisibleAsync();
            await Expect(page.Locator("#me-lists + article").GetByText("国市监信决〔2026〕7号")).ToBeVisibleAsync();
            // Each measure names the entry it follows from, its memorandum and the matters it applies to (brief me-forms §4).
            var because = page.Locator("#me-measures ~ .because").First;
            await Expect(because.GetByRole(AriaRole.Heading)).ToContainTextAsync("因名单认定：市场监督管理严重违法失信名单（国市监信决〔2026〕7号）");
            await Expect(because).ToContainTextAsync("依据联合奖惩备忘录：");
            await Expect(because.Locator("li").First).ToContainTextAsync("法律依据");
            await Expect(because.Locator("li").First).ToContainTextAsync("适用事项");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "正在对您实施的措施" })).Not.ToContainTextAsync("（0）");
            await Expect(page.GetByText(PortalWorld.PenaltyNumber)).ToBeVisibleAsync();
            // Its own reads are logged and shown, like anyone else's (docs/domain.md#personal-information).
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "本人查询" }).First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "me-1280");
            await page.SetViewportSizeAsync(390, 900);
            await Screenshots.SaveAsync(page, "me-390");

            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await Expect(page.GetByLabel("自助令牌")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_subject_the_platform_holds_nothing_about_is_told_so()
    {
        var token = await world.SubjectTokenAsync("350102197506150023");
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_subject_the_platform_holds_nothing_about_is_told_so), async () =>
        {
            await page.GotoAsync("/me/signin");
            await page.GetByLabel("自助令牌").FillAsync(token);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

            await Expect(page.GetByText("平台没有保存关于您的信用信息。")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "谁查询过我" })).ToBeVisibleAsync();
        });
    }
}
