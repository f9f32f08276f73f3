using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// The objection, end to end in the browser (docs/web.md#what-each-page-shows; docs/domain.md#objections-and-restoration): the subject objects in /me, the designating
/// department's reviewer finds it in the console queue with its review deadline, rejects it with reasons, and the list
/// entry is public again. Its own world, because the objection changes what other tests expect.
/// </summary>
public sealed class ObjectionQueueTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private const string Decision = "国市监信决〔2026〕7号";

    [Fact]
    public async Task The_reviewer_finds_the_subjects_objection_in_the_queue_rejects_it_with_reasons_and_the_entry_is_public_again()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_reviewer_finds_the_subjects_objection_in_the_queue_rejects_it_with_reasons_and_the_entry_is_public_again), async () =>
        {
            await page.GotoAsync("/me");
            await page.GetByLabel("自助令牌").FillAsync(world.OrganisationToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByText("对此名单认定提出异议").ClickAsync();
            await page.Locator("details[open]").GetByLabel("异议理由").FillAsync("违法事实认定有误。");
            await page.Locator("details[open]").GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(Decision)).ToHaveCountAsync(0);

            await page.GotoAsync("/console");
            await page.GetByLabel("API 密钥").FillAsync(world.ReviewerKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "异议审查" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "待审查的异议", Level = 1 })).ToContainTextAsync("1");
            // Filed Mon 2026-11-23: ten working days → Mon 2026-12-07 (catalog objections.reviewWorkingDays).
            await Expect(page.GetByText("2026-12-07")).ToBeVisibleAsync();
            await Expect(page.GetByText("违法事实认定有误。")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "console-objection-queue");

            await page.GetByLabel("异议不成立（恢复执行和公示）").CheckAsync();
            await page.GetByLabel("理由（将告知当事人）").FillAsync("经复核，当事人未提供新的事实和证据，异议不成立。");
            await page.GetByRole(AriaRole.Button, new() { Name = "作出决定" }).ClickAsync();
            await Expect(page.GetByText("本部门目前没有待审查的异议。")).ToBeVisibleAsync();

            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(Decision)).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_recorder_is_sent_to_sign_in_with_a_reviewers_key_instead_of_seeing_the_queue()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_recorder_is_sent_to_sign_in_with_a_reviewers_key_instead_of_seeing_the_queue), async () =>
        {
            await page.GotoAsync("/console");
            await page.GetByLabel("API 密钥").FillAsync(world.RecorderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "异议审查" })).ToHaveCountAsync(0);

            await page.GotoAsync("/console/objections");
            await Expect(page.GetByLabel("API 密钥")).ToBeVisibleAsync();
            await Expect(page.GetByText("违法事实认定有误。")).ToHaveCountAsync(0);
        });
    }
}
