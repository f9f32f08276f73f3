using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>Propose → notice → decide in the console (docs/web.md#what-each-page-shows), with the working-day deadline shown and enforced.</summary>
public sealed partial class DesignationWorkflowTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private const string Subject = "91110108551385082Q";
    private const string SubjectName = "北京另一示例科技有限公司";

    [Fact]
    public async Task A_recorder_proposes_the_reviewer_cannot_decide_inside_the_window_until_the_subject_states_its_case_then_the_public_sees_it()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_recorder_proposes_the_reviewer_cannot_decide_inside_the_window_until_the_subject_states_its_case_then_the_public_sees_it), async () =>
        {
            await SignInAsync(page, world.RecorderKey);
            await page.GetByRole(AriaRole.Link, new() { Name = "提出名单认定" }).ClickAsync();
            await page.GetByLabel("名单类型").SelectOptionAsync("serious-untrustworthy-market");
            await page.GetByLabel("统一社会信用代码或身份证号码").FillAsync(Subject);
            await page.GetByLabel("主体名称").FillAsync(SubjectName);
            await page.GetByLabel("告知书文号").FillAsync("国市监信告〔2026〕8号");
            await page.GetByLabel("事实").FillAsync("提供虚假材料取得许可。");
            await page.GetByLabel("依据", new() { Exact = true }).FillAsync("《市场监督管理严重违法失信名单管理办法》第十条");
            await page.GetByRole(AriaRole.Button, new() { Name = "送达告知" }).ClickAsync();

            // Mon 2026-11-23 + the list's window in working days, on the catalog calendar.
            await Expect(page.GetByText(new Regex("异议期限：2026-\\d\\d-\\d\\d（\\d+ 个工作日"))).ToBeVisibleAsync();
            // The department sees the activation code to print in the notice, never a credential of the subject (ADR 0029).
            var code = (await page.Locator("dd.code").InnerTextAsync()).Trim();
            Assert.Matches("^PCA(-[0-9A-Z]{4}){5}$", code);
            Assert.DoesNotContain("pcs_", await page.ContentAsync(), StringComparison.Ordinal);
            var token = await ActivateAtMeAsync(code);
            await page.GetByRole(AriaRole.Link, new() { Name = "打开这项认定" }).ClickAsync();
            var id = IdInAddress().Match(page.Url).Value;
            await Expect(page.GetByText("还剩")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "作出认定决定" })).ToHaveCountAsync(0); // a recorder does not decide

            await context.ClearCookiesAsync();
            await SignInAsync(page, world.ReviewerKey);
            await page.GetByRole(AriaRole.Link, new() { Name = "作出认定决定" }).ClickAsync();
            await page.GetByLabel("认定编号").FillAsync(id);
            await page.GetByRole(AriaRole.Button, new() { Name = "打开" }).ClickAsync();
            await Decide(page);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("异议期尚未届满");
            await Screenshots.SaveAsync(page, "designation-refused-1280");

            // The subject states its case (its own system, with the token it redeemed); now the reviewer may decide.
            await world.PostAsync(token, $"/api/v1/designations/{id}/statements", new JsonObject { ["statement"] = "已整改。" });
            await page.GotoAsync(page.Url); // a GET: reloading would post the refused form again
            await Expect(page.GetByText("主体已陈述申辩", new() { Exact = true })).ToBeVisibleAsync();
            await Decide(page);
            await Expect(page.GetByText("已作出决定：自 2026-11-23 起生效")).ToBeVisibleAsync();

            await page.GotoAsync("/public/subjects/" + Subject);
            await Expect(page.GetByText("国市监信决〔2026〕8号")).ToBeVisibleAsync();
        });
    }

    /// <summary>The subject redeems the code from its notice at /me/signin, is signed in, sees its page, and keeps the token shown once.</summary>
    private async Task<string> ActivateAtMeAsync(string code)
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/me/signin");
        await page.GetByLabel("激活码").FillAsync(code.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "激活" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您的自助令牌" })).ToBeVisibleAsync();
        var token = (await page.Locator("#activated-token").InnerTextAsync()).Trim();
        Assert.StartsWith("pcs_", token, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "进入我的信用" }).ClickAsync();
        await Expect(page.GetByText(SubjectName).First).ToBeVisibleAsync();
        Assert.EndsWith("/me", page.Url, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "me-activated-1280");

        // The code works once.
        await page.GotoAsync("/me/signin");
        await page.GetByLabel("激活码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "激活" }).ClickAsync();
        await Expect(page.Locator("#code-error")).ToContainTextAsync("已被使用");
        return token;
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/console");
        await page.GetByLabel("API 密钥").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台" })).ToBeVisibleAsync();
    }

    private static async Task Decide(IPage page)
    {
        await page.GetByLabel("认定决定书文号").FillAsync("国市监信决〔2026〕8号");
        await page.GetByLabel("理由").FillAsync("事实清楚，证据确凿。");
        await page.GetByRole(AriaRole.Button, new() { Name = "作出决定" }).ClickAsync();
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex IdInAddress();
}
