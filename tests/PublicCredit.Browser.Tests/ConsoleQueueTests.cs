using System.Text.Json.Nodes;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>Signing in to the console with a key, in whatever language the page is in (the key field is the only input).</summary>
internal static class ConsoleSignIn
{
    public static async Task AsAsync(IPage page, string key, string path = "/console")
    {
        await page.GotoAsync(path);
        await page.Locator("main input[type=password]").FillAsync(key);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    /// <summary>The world's one effective designation, as its department's list API names it.</summary>
    public static async Task<string> EffectiveDesignationAsync(PortalWorld world)
    {
        using var client = new HttpClient { BaseAddress = world.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", world.ReviewerKey);
        using var list = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/designations?status=effective", UriKind.Relative)));
        return list.RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    /// <summary>The same page at 390 px (the phone width of docs/web.md's "done"), then back at 1280.</summary>
    public static async Task NarrowScreenshotAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(390, 900);
        await Screenshots.SaveAsync(page, name + "-390");
        await page.SetViewportSizeAsync(1280, 900);
    }
}

/// <summary>
/// The restoration queue in the console (docs/web.md#what-each-page-shows; docs/domain.md#objections-and-restoration: accept within 3, decide within 10 working days): the
/// subject applied a year after the listing; the department's reviewer, a day late, finds the application marked
/// overdue at the top of its queue, is told next to the form what is missing, accepts it, then grants it — and the
/// public profile no longer shows the list entry. Its own world, because it moves the clock and restores.
/// </summary>
public sealed class RestorationQueueTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private const string Decision = "国市监信决〔2026〕7号";

    [Fact]
    public async Task The_reviewer_sees_the_late_application_marked_overdue_accepts_it_and_grants_it_and_the_entry_leaves_the_public_profile()
    {
        // Wed 2027-11-24: a year of publicity has passed; the subject applies through the API (the /me form is tested elsewhere).
        world.Clock.Advance(new DateTimeOffset(2027, 11, 24, 10, 0, 0, TimeSpan.FromHours(8)) - world.Clock.GetUtcNow());
        var token = await world.SubjectTokenAsync(PortalWorld.Organisation);
        var designation = await ConsoleSignIn.EffectiveDesignationAsync(world);
        await world.PostAsync(token, "/api/v1/restorations", new JsonObject
        {
            ["target"] = new JsonObject { ["designationId"] = designation },
            ["commitment"] = true,
            ["evidence"] = "已履行行政处罚决定并完成整改，附整改报告。",
        });
        // Tue 2027-11-30: the accept-by day, Mon 2027-11-29, has passed.
        world.Clock.Advance(new DateTimeOffset(2027, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)) - world.Clock.GetUtcNow());

        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_reviewer_sees_the_late_application_marked_overdue_accepts_it_and_grants_it_and_the_entry_leaves_the_public_profile), async () =>
        {
            await ConsoleSignIn.AsAsync(page, world.ReviewerKey);
            await page.GetByRole(AriaRole.Link, new() { Name = "信用修复申请" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "信用修复申请", Level = 1 })).ToContainTextAsync("1");
            var card = page.Locator("article.card");
            await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("overdue"));
            await Expect(card.GetByText("已逾期")).ToBeVisibleAsync();
            await Expect(card.Locator("dd strong")).ToHaveTextAsync("2027-11-29");
            await Expect(card.GetByText("已履行行政处罚决定并完成整改，附整改报告。")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "console-restoration-queue");
            await ConsoleSignIn.NarrowScreenshotAsync(page, "console-restoration-queue");

            // Submitted without an answer: the reason is next to the choice, and nothing changed.
            await page.GetByRole(AriaRole.Button, new() { Name = "提交受理决定" }).ClickAsync();
            await Expect(card.Locator(".error")).ToHaveTextAsync("请选择一项。");
            await Expect(card.Locator("fieldset")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("-outcome-error$"));
            // Refusing without reasons: the error is under the reasons box, and the choice made is kept.
            await page.GetByLabel("不予受理").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "提交受理决定" }).ClickAsync();
            await Expect(page.GetByLabel("理由")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(card.Locator(".error")).ToHaveTextAsync("不予受理或不予修复时须说明理由。");
            await Expect(page.GetByLabel("不予受理")).ToBeCheckedAsync();
            await Screenshots.SaveAsync(page, "console-restoration-error");

            await page.GetByLabel("受理", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "提交受理决定" }).ClickAsync();
            // Accepted: now due by the decide-by day, Wed 2027-12-08, not yet late.
            await Expect(card.GetByText("已受理，待决定")).ToBeVisibleAsync();
            await Expect(card.Locator("dd strong")).ToHaveTextAsync("2027-12-08");
            await Expect(card.GetByText("已逾期")).ToHaveCountAsync(0);

            await page.GetByLabel("予以修复（立即停止公示和惩戒措施）").CheckAsync();
            await page.GetByLabel("理由").FillAsync("已履行义务、完成整改并作出信用承诺，准予修复。");
            await page.GetByRole(AriaRole.Button, new() { Name = "作出修复决定" }).ClickAsync();
            await Expect(page.GetByText("没有符合条件的修复申请。")).ToBeVisibleAsync();
            await page.GetByLabel("显示").SelectOptionAsync("granted");
            await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
            await Expect(page.Locator("article.card").GetByText("已修复")).ToBeVisibleAsync();

            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(Decision)).ToHaveCountAsync(0);
        });

        // The granted application, read in English.
        await using var english = await chromium.ContextAsync(world.BaseAddress, locale: "en");
        var en = await english.NewPageAsync();
        await Screenshots.OnFailureAsync(en, "RestorationQueue_in_English", async () =>
        {
            await ConsoleSignIn.AsAsync(en, world.ReviewerKey, "/console/restorations?status=all");
            await Expect(en.Locator("article.card")).ToContainTextAsync("Granted");
            await Expect(en.Locator("article.card")).ToContainTextAsync("2027-12-08");
            await Screenshots.SaveAsync(en, "console-restoration-granted-en");
            await ConsoleSignIn.NarrowScreenshotAsync(en, "console-restoration-granted-en");
        });
    }

    [Fact]
    public async Task A_recorder_is_sent_to_sign_in_with_a_reviewers_key_instead_of_seeing_the_restoration_queue()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_recorder_is_sent_to_sign_in_with_a_reviewers_key_instead_of_seeing_the_restoration_queue), async () =>
        {
            await ConsoleSignIn.AsAsync(page, world.RecorderKey);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "信用修复申请" })).ToHaveCountAsync(0);

            await page.GotoAsync("/console/restorations");
            await Expect(page.GetByLabel("API 密钥")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "信用修复申请" })).ToHaveCountAsync(0);
        });
    }
}
