using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>The staff console (docs/web.md#what-each-page-shows): sign in with an API key, see what the role may do, enter a record.</summary>
public sealed class ConsoleTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task A_recorder_signs_in_enters_a_record_sees_the_error_next_to_the_field_fixes_it_and_the_record_is_created()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_recorder_signs_in_enters_a_record_sees_the_error_next_to_the_field_fixes_it_and_the_record_is_created), async () =>
        {
            await page.GotoAsync("/console/records/new");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/signin"));
            await page.GetByLabel("API 密钥").FillAsync(world.RecorderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

            // Back where it was going, signed in.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "录入信用记录", Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel("信息类别").SelectOptionAsync("administrative-penalty");
            await page.GetByLabel("统一社会信用代码或身份证号码").FillAsync("91350100M000100Y44"); // wrong check character
            await page.GetByLabel("主体名称").FillAsync("福州另一示例有限公司");
            await page.GetByLabel("决定书文号", new() { Exact = true }).FillAsync("闽市监罚〔2026〕555号");
            await page.GetByLabel("决定日期").FillAsync("2026-11-20");
            await page.GetByLabel("严重程度").SelectOptionAsync("general");
            await page.GetByLabel("依据").FillAsync("《中华人民共和国食品安全法》第一百二十四条");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交记录" }).ClickAsync();

            var input = page.GetByLabel("统一社会信用代码或身份证号码");
            await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(input).ToHaveAttributeAsync("aria-describedby", "subject-id-hint subject-id-error");
            await Expect(page.Locator("#subject-id-error")).ToContainTextAsync("不是有效的统一社会信用代码或身份证号码");
            await Expect(page.GetByLabel("主体名称")).ToHaveValueAsync("福州另一示例有限公司"); // what was typed is kept
            await Screenshots.SaveAsync(page, "console-record-error-1280");
            await page.SetViewportSizeAsync(390, 900);
            await Screenshots.SaveAsync(page, "console-record-error-390");
            await page.SetViewportSizeAsync(1280, 900);

            await input.FillAsync("91350100M000100Y43");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交记录" }).ClickAsync();
            await Expect(page.GetByText("记录已创建")).ToBeVisibleAsync();
            await Expect(page.Locator("[aria-invalid=true]")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_wrong_key_is_refused_next_to_the_key_field_and_the_landing_page_lists_the_roles_tasks()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_wrong_key_is_refused_next_to_the_key_field_and_the_landing_page_lists_the_roles_tasks), async () =>
        {
            await page.GotoAsync("/console");
            await page.GetByLabel("API 密钥").FillAsync("pck_aaaaaaaaaaaa_not-a-real-key");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(page.Locator("#apiKey-error")).ToContainTextAsync("无效");

            // A self-service token is not a staff key.
            await page.GetByLabel("API 密钥").FillAsync(world.OrganisationToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(page.Locator("#apiKey-error")).ToContainTextAsync("我的信用");

            await page.GetByLabel("API 密钥").FillAsync(world.RecorderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台" })).ToBeVisibleAsync();
            await Expect(page.GetByText("当前身份：国家市场监督管理总局 · 录入员")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "录入信用记录" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await page.GotoAsync("/console");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/signin"));
        });
    }
}
