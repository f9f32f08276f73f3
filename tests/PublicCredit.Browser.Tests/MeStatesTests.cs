using System.Text.Json.Nodes;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// Every state of /me a subject can be in — nothing on a list, a designation in its notice period, in force, suspended
/// by an objection, a restoration application submitted — at 1280 and 390 px, in Chinese and English (docs/web.md "Done
/// means"; brief me-forms §5). Screenshots <c>me-state-*</c> are for people to look at; the test itself asserts that no
/// state scrolls sideways at 390 px and that every state has its headings in the page's language. Its own world,
/// because it moves the clock a year on.
/// </summary>
public sealed class MeStatesTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task Every_state_of_me_reads_at_1280_and_390_px_in_both_languages_without_scrolling_sideways()
    {
        var (designation, noticedToken, _) = await MeFormsTests.NoticeAsync(world);
        await world.PostAsync(noticedToken, $"/api/v1/designations/{designation}/statements",
            new JsonObject { ["statement"] = "我公司提交的材料真实，系经办人员笔误，请求不予列入。", ["evidence"] = "许可申请材料原件" });

        await ShootAsync("none", await world.SubjectTokenAsync(PortalWorld.Person));
        await ShootAsync("notice", noticedToken);
        await ShootAsync("effective", world.OrganisationToken);

        await world.PostAsync(noticedToken, "/api/v1/objections", new JsonObject
        {
            ["target"] = new JsonObject { ["designationId"] = designation },
            ["grounds"] = "违法事实认定有误，涉案许可材料真实有效。",
        });
        await ShootAsync("suspended", noticedToken);

        // Wed 2027-11-24, a year after the decision: the application is taken (tokens expire, so a new one).
        world.Clock.Advance(new DateTimeOffset(2027, 11, 24, 10, 0, 0, TimeSpan.FromHours(8)) - world.Clock.GetUtcNow());
        var token = await world.SubjectTokenAsync(PortalWorld.Organisation);
        await using (var context = await chromium.ContextAsync(world.BaseAddress))
        {
            var page = await context.NewPageAsync();
            await Screenshots.OnFailureAsync(page, "me-state-restoration-submitted", async () =>
            {
                await MeFormsTests.SignInAsync(page, token);
                var entry = page.Locator("article", new() { HasText = "国市监信决〔2026〕7号" });
                await entry.GetByText("申请信用修复").ClickAsync();
                await entry.GetByLabel("我已签署信用承诺书，承诺依法诚信经营").CheckAsync();
                await entry.GetByLabel("履行义务、完成整改的证明材料").FillAsync("罚款缴纳凭证及整改报告");
                await entry.GetByRole(AriaRole.Button, new() { Name = "提交修复申请" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2027-11-29");
                // After a reload the application is still there, with its deadlines, and no second form is offered.
                await page.GotoAsync("/me");
                await Expect(entry).ToContainTextAsync("已提交，待受理");
                await Expect(entry).ToContainTextAsync("2027-12-08");
                await Expect(entry.GetByText("申请信用修复")).ToHaveCountAsync(0);
            });
        }

        await ShootAsync("restoration-submitted", token);
    }

    private async Task ShootAsync(string state, string token)
    {
        foreach (var (locale, measures) in new[] { ("zh-CN", "正在对您实施的措施"), ("en", "Measures in force on you") })
        {
            await using var context = await chromium.ContextAsync(world.BaseAddress, 1280, locale);
            var page = await context.NewPageAsync();
            var name = $"me-state-{state}-{(locale == "en" ? "en" : "zh")}";
            await Screenshots.OnFailureAsync(page, name, async () =>
            {
                await MeFormsTests.SignInAsync(page, token);
                if (state != "none")
                {
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = measures })).ToBeVisibleAsync();
                }

                await Screenshots.SaveAsync(page, name + "-1280");
                await page.SetViewportSizeAsync(390, 900);
                await Screenshots.SaveAsync(page, name + "-390");
                var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
                Assert.True(scroll <= client, $"/me ({state}, {locale}) is {scroll} px wide at a 390 px window: it scrolls sideways");
            });
        }
    }
}
