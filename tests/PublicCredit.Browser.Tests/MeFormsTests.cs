using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// The forms of /me (docs/web.md#what-each-page-shows; ADR 0021): a subject in its notice period states its case (docs/domain.md#lists), a subject
/// objects to one of its records and the public profile drops it at once (docs/design.md#4-an-objection-suspends-at-once), and a refused form comes
/// back open with what was typed and the error next to its field. Each journey leaves the others' targets alone, so
/// they share one world in any order.
/// </summary>
public sealed partial class MeFormsTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    public const string NoticedOrganisation = "91110108551385082Q";
    public const string NoticedOrganisationName = "北京示例科技有限公司";

    [GeneratedRegex(@"还剩 \d+ 个工作日")]
    private static partial Regex WorkingDaysLeft();

    /// <summary>SAMR serves a notice on a second organisation (through the API, as its system would); the subject redeems the activation code printed in it for its own token.</summary>
    internal static async Task<(string Designation, string Token, string Deadline)> NoticeAsync(PortalWorld world)
    {
        var notice = await world.PostAsync(world.RecorderKey, "/api/v1/designations", new JsonObject
        {
            ["listType"] = "serious-untrustworthy-market",
            ["subject"] = new JsonObject { ["id"] = NoticedOrganisation, ["name"] = NoticedOrganisationName },
            ["facts"] = "在食品生产许可申请中提供虚假材料。",
            ["legalBasis"] = "《市场监督管理严重违法失信名单管理办法》第十条",
            ["noticeDocument"] = "国市监信告〔2026〕21号",
        });
        return (notice.GetProperty("id").GetString()!, await world.ActivateAsync(notice), notice.GetProperty("objectionDeadline").GetString()!);
    }

    internal static async Task SignInAsync(IPage page, string token)
    {
        await page.GotoAsync("/me");
        await page.Locator("main input[type=password]").FillAsync(token);
        await page.Locator("main form.panel button[type=submit]").ClickAsync();
    }

    [Fact]
    public async Task A_subject_in_its_notice_period_sees_the_working_days_left_states_its_case_and_the_statement_is_listed_with_its_time()
    {
        var (designation, token, deadline) = await NoticeAsync(world);
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_subject_in_its_notice_period_sees_the_working_days_left_states_its_case_and_the_statement_is_listed_with_its_time), async () =>
        {
            await SignInAsync(page, token);
            var entry = page.Locator("#designation-" + Guid.Parse(designation).ToString("N"));
            await Expect(entry).ToContainTextAsync("已告知");
            await Expect(entry).ToContainTextAsync(deadline);
            await Expect(entry).ToContainTextAsync(WorkingDaysLeft());
            await Expect(entry).ToContainTextAsync("在食品生产许可申请中提供虚假材料。");

            // Refused first (nothing stated): the evidence typed stays, the error sits under the statement box.
            var form = page.Locator("#statement-" + Guid.Parse(designation).ToString("N"));
            await form.Locator("summary").ClickAsync();
            await form.GetByLabel("证据材料（可选）").FillAsync("许可申请材料原件");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交陈述申辩" }).ClickAsync();
            await Expect(form.GetByLabel("陈述申辩意见")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(form.Locator(".error")).ToContainTextAsync("请填写陈述申辩意见。");
            await Expect(form.GetByLabel("证据材料（可选）")).ToHaveValueAsync("许可申请材料原件");

            await form.GetByLabel("陈述申辩意见").FillAsync("我公司提交的材料真实，系经办人员笔误，请求不予列入。");
            await Screenshots.SaveAsync(page, "me-statement-form");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交陈述申辩" }).ClickAsync();

            await Expect(entry.GetByRole(AriaRole.Heading, new() { Name = "已提交的陈述申辩" })).ToBeVisibleAsync();
            await Expect(entry).ToContainTextAsync("我公司提交的材料真实，系经办人员笔误，请求不予列入。");
            await Expect(entry).ToContainTextAsync("提交于 2026-11-23 09:00:00 (UTC+8)");
            await Expect(entry).ToContainTextAsync("证据材料：许可申请材料原件");
            await Expect(form.GetByLabel("证据材料（可选）")).ToHaveValueAsync(""); // filed: the form is empty again
            await Screenshots.SaveAsync(page, "me-statement-filed");
        });
    }

    [Fact]
    public async Task The_subject_objects_to_a_record_it_shows_under_objection_with_its_review_deadline_and_the_public_profile_drops_it_at_once()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(The_subject_objects_to_a_record_it_shows_under_objection_with_its_review_deadline_and_the_public_profile_drops_it_at_once), async () =>
        {
            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(PortalWorld.PenaltyNumber)).ToBeVisibleAsync();

            await SignInAsync(page, world.OrganisationToken);
            var record = page.Locator("article", new() { HasText = PortalWorld.PenaltyNumber });
            await record.GetByText("对此记录提出异议").ClickAsync();
            await record.GetByLabel("异议理由").FillAsync("罚款已按复议决定变更，记录金额有误。");
            await record.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();

            await Expect(record).ToContainTextAsync("异议审查中，暂停公示");
            // Suspended, so not also called published.
            await Expect(record.Locator("h3 .tag")).ToHaveTextAsync(["异议审查中，暂停公示"]);
            await Expect(record).ToContainTextAsync("审查中");
            // Filed Mon 2026-11-23: ten working days → Mon 2026-12-07 (catalog objections.reviewWorkingDays).
            await Expect(record).ToContainTextAsync("审查期限：2026-12-07 — 还剩 10 个工作日");
            await Expect(record).ToContainTextAsync("罚款已按复议决定变更，记录金额有误。");
            await Expect(record.GetByText("对此记录提出异议")).ToHaveCountAsync(0); // one objection at a time
            await Screenshots.SaveAsync(page, "me-record-objected");

            await page.GotoAsync("/public/subjects/" + PortalWorld.Organisation);
            await Expect(page.GetByText(PortalWorld.OrganisationName).First).ToBeVisibleAsync();
            await Expect(page.GetByText(PortalWorld.PenaltyNumber)).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_refused_objection_or_restoration_comes_back_open_with_what_was_typed_and_the_error_next_to_its_field()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_refused_objection_or_restoration_comes_back_open_with_what_was_typed_and_the_error_next_to_its_field), async () =>
        {
            await SignInAsync(page, world.OrganisationToken);
            var entry = page.Locator("article", new() { HasText = "国市监信决〔2026〕7号" });

            // Grounds left blank (only spaces), evidence typed: refused, evidence kept, the error under the grounds.
            await entry.GetByText("对此名单认定提出异议").ClickAsync();
            var objection = entry.Locator("details[open]");
            await objection.GetByLabel("异议理由").FillAsync("   ");
            await objection.GetByLabel("证据材料（可选）").FillAsync("许可申请材料原件核验记录");
            await objection.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
            Assert.Contains("#object-", page.Url, StringComparison.Ordinal); // the browser comes back at the form
            var grounds = objection.GetByLabel("异议理由");
            await Expect(grounds).ToHaveAttributeAsync("aria-invalid", "true");
            var errorId = (await grounds.GetAttributeAsync("aria-describedby"))!.Split(' ').Single(id => id.EndsWith("-error", StringComparison.Ordinal));
            await Expect(page.Locator("#" + errorId)).ToHaveTextAsync("请填写异议理由：记录或认定哪里有误。");
            await Expect(objection.GetByLabel("证据材料（可选）")).ToHaveValueAsync("许可申请材料原件核验记录");
            await Expect(entry.Locator("h3")).ToContainTextAsync("生效"); // nothing was filed: still in force
            await Screenshots.SaveAsync(page, "me-objection-refused");

            // Too early for restoration: the day it becomes possible at the form, the commitment and evidence kept.
            await entry.GetByText("申请信用修复").ClickAsync();
            var restoration = entry.Locator("details[open]", new() { HasText = "提交修复申请" });
            // Without the commitment: the error is at the box it is about, before the evidence.
            await restoration.GetByLabel("履行义务、完成整改的证明材料").FillAsync("罚款缴纳凭证");
            await restoration.GetByRole(AriaRole.Button, new() { Name = "提交修复申请" }).ClickAsync();
            restoration = entry.Locator("details[open]", new() { HasText = "提交修复申请" });
            var commitment = restoration.GetByLabel("我已签署信用承诺书，承诺依法诚信经营");
            await Expect(commitment).ToHaveAttributeAsync("aria-invalid", "true");
            var commitmentError = page.Locator("#" + await commitment.GetAttributeAsync("aria-describedby"));
            await Expect(commitmentError).ToHaveAttributeAsync("role", "alert");
            Assert.True((await commitmentError.BoundingBoxAsync())!.Y < (await restoration.GetByLabel("履行义务、完成整改的证明材料").BoundingBoxAsync())!.Y,
                "the commitment's error is above the evidence box");
            await restoration.GetByLabel("我已签署信用承诺书，承诺依法诚信经营").CheckAsync();
            await restoration.GetByLabel("履行义务、完成整改的证明材料").FillAsync("罚款缴纳凭证及整改报告");
            await restoration.GetByRole(AriaRole.Button, new() { Name = "提交修复申请" }).ClickAsync();
            restoration = entry.Locator("details[open]", new() { HasText = "提交修复申请" });
            await Expect(restoration.GetByRole(AriaRole.Alert)).ToContainTextAsync("自 2027-11-23 起可以申请信用修复");
            await Expect(restoration.GetByLabel("我已签署信用承诺书，承诺依法诚信经营")).ToBeCheckedAsync();
            await Expect(restoration.GetByLabel("履行义务、完成整改的证明材料")).ToHaveValueAsync("罚款缴纳凭证及整改报告");
        });
    }
}
