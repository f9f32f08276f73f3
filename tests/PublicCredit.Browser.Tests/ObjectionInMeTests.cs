using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// docs/web.md's second journey, the subject's part (docs/design.md#4-an-objection-suspends-at-once): the designated organisation signs in to /me,
/// objects to its list entry, and at once sees it suspended with no measure in force — and the public profile no
/// longer shows it. Its own world, because the objection changes what other tests expect.
/// </summary>
public sealed class ObjectionInMeTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private const string Decision = "国市监信决〔2026〕7号";

    [Fact]
    public async Task The_subject_objects_in_me_the_entry_is_suspended_at_once_and_the_public_profile_drops_it()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_subject_objects_in_me_the_entry_is_suspended_at_once_and_the_public_profile_drops_it), async () =>
        {
            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(Decision)).ToBeVisibleAsync();

            await page.GotoAsync("/me");
            await page.GetByLabel("自助令牌").FillAsync(world.OrganisationToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByText("对此名单认定提出异议").ClickAsync();
            // The form just unfolded: records have objection forms with the same labels (ADR 0021).
            var form = page.Locator("details[open]");
            await form.GetByLabel("异议理由").FillAsync("违法事实认定有误，涉案许可材料真实有效。");
            await form.GetByLabel("证据材料（可选）").FillAsync("许可申请材料原件核验记录");
            await Screenshots.SaveAsync(page, "me-objection-form");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();

            await Expect(page.GetByText("中止（异议审查中）")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "正在对您实施的措施" })).ToContainTextAsync("（0）");
            await Expect(page.GetByText("对此名单认定提出异议")).ToHaveCountAsync(0); // no second objection while one is open
            await Screenshots.SaveAsync(page, "me-objection-filed");

            // The copy of all its data now carries the objection (docs/domain.md#personal-information: free, its own token's session only).
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载本人全部数据副本（JSON，免费）" }).ClickAsync());
            var copy = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Contains("\"objections\":[{", copy.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(PortalWorld.PenaltyNumber)).ToBeVisibleAsync();
            await Expect(page.GetByText(Decision)).ToHaveCountAsync(0);
        });
    }
}
