using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// /me restoration (docs/web.md#what-each-page-shows; docs/domain.md#publicity-periods, docs/domain.md#objections-and-restoration): applying before the minimum publicity period is refused next to the form
/// with the first possible day; a year on the application is taken, free, with its working-day deadlines shown.
/// Its own world, because it moves the host's clock.
/// </summary>
public sealed class RestorationInMeTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task Applying_too_early_says_from_which_day_and_a_year_on_the_application_is_taken_with_its_deadlines()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(Applying_too_early_says_from_which_day_and_a_year_on_the_application_is_taken_with_its_deadlines), async () =>
        {
            await SignInAndApplyAsync(page, world.OrganisationToken);
            // Serious information: at least one year of publicity from the decision's effect on 2026-11-23.
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("自 2027-11-23 起可以申请信用修复");
            await Screenshots.SaveAsync(page, "me-restoration-too-early");

            // Wed 2027-11-24: tokens expire, so the subject asks for a new one and applies again.
            world.Clock.Advance(new DateTimeOffset(2027, 11, 24, 10, 0, 0, TimeSpan.FromHours(8)) - world.Clock.GetUtcNow());
            await context.ClearCookiesAsync();
            await SignInAndApplyAsync(page, await world.SubjectTokenAsync(PortalWorld.Organisation));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2027-11-29");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2027-12-08");
            await Screenshots.SaveAsync(page, "me-restoration-submitted");
            // The penalty's publicity ended on 2027-11-19: even the subject's own page no longer calls it public.
            await Expect(page.Locator("article", new() { HasText = PortalWorld.PenaltyNumber })).ToContainTextAsync("公示期已满");
        });
    }

    private static async Task SignInAndApplyAsync(IPage page, string token)
    {
        await page.GotoAsync("/me");
        await page.GetByLabel("自助令牌").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // The list entry's form: a public record has its own restoration form with the same labels (ADR 0021).
        var entry = page.Locator("article", new() { HasText = "国市监信决〔2026〕7号" });
        await entry.GetByText("申请信用修复").ClickAsync();
        await entry.GetByLabel("我已签署信用承诺书，承诺依法诚信经营").CheckAsync();
        await entry.GetByLabel("履行义务、完成整改的证明材料").FillAsync("罚款缴纳凭证及整改报告");
        await entry.GetByRole(AriaRole.Button, new() { Name = "提交修复申请" }).ClickAsync();
    }
}
