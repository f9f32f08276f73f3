using System.Globalization;
using System.Text.RegularExpressions;
using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>The public's journey (docs/web.md#tests): search → profile → credit report PDF → verification, in Chromium.</summary>
public sealed class PublicJourneyTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task A_visitor_searches_opens_the_profile_downloads_the_report_and_the_verify_page_confirms_it()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_visitor_searches_opens_the_profile_downloads_the_report_and_the_verify_page_confirms_it), async () =>
        {
            await page.GotoAsync("/");
            await page.GetByLabel("名称或代码").FillAsync("示例食品");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "共 1 条结果：“示例食品”" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = PortalWorld.OrganisationName }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = PortalWorld.OrganisationName, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText(PortalWorld.PenaltyNumber)).ToBeVisibleAsync();
            await Expect(page.GetByText("国市监信决〔2026〕7号")).ToBeVisibleAsync(); // the list entry's decision summary
            // Each record's fields read as its kind: the penalty states the facts of the violation, the licence its matter.
            var penalty = page.Locator("article.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = PortalWorld.PenaltyNumber }) });
            await Expect(penalty.Locator("dt")).ToContainTextAsync(["违法事实", "处理决定", "罚没金额"]);
            var licence = page.Locator("article.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = PortalWorld.LicenceNumber }) });
            await Expect(licence.Locator("dt")).ToContainTextAsync(["事项", "内容"]);
            await Expect(licence).Not.ToContainTextAsync("违法");
            await Screenshots.SaveAsync(page, "profile-1280");

            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "下载信用报告（PDF）" }).ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), "pcredit-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
            await download.SaveAsAsync(file);
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
            var text = await Pages.PdfTextAsync(file);
            Assert.Contains(PortalWorld.OrganisationName, text, StringComparison.Ordinal);
            Assert.Contains(PortalWorld.PenaltyNumber, text, StringComparison.Ordinal);
            Assert.Contains(PortalWorld.LicenceNumber, text, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(text, "违法事实")); // the penalty's, not the licence's

            // The report prints its own verification address; follow it as a reader would.
            var code = download.SuggestedFilename["credit-report-".Length..^".pdf".Length];
            Assert.Contains("/verify/" + code, text, StringComparison.Ordinal);
            // Every page says which of how many it is; the QR code beside the title opens the same verification address.
            var pages = Regex.Matches(text, @"第 (\d+) / (\d+) 页").Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
            Assert.NotEmpty(pages);
            Assert.Equal(Enumerable.Range(1, pages.Count).Select(n => (n, pages.Count)), pages);
            var scanned = await Pages.FirstPageQrCodeAsync(file);
            Assert.NotNull(scanned);
            Assert.EndsWith("/verify/" + code, scanned, StringComparison.Ordinal);
            Assert.StartsWith("http", scanned, StringComparison.Ordinal);
            var response = await page.GotoAsync("/verify/" + code);
            Assert.Equal(200, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "报告真实：由本平台出具" })).ToBeVisibleAsync();
            await Expect(page.GetByText(PortalWorld.OrganisationName)).ToBeVisibleAsync();

            await page.GetByLabel("报告 PDF 文件").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "比对" }).ClickAsync();
            await Expect(page.GetByText("文件与出具的报告完全一致，未被篡改。")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "verify-1280");

            // One changed byte in the file: the digest no longer matches.
            bytes[^20] ^= 0x01;
            var altered = file + ".altered.pdf";
            await File.WriteAllBytesAsync(altered, bytes);
            await page.GetByLabel("报告 PDF 文件").SetInputFilesAsync(altered);
            await page.GetByRole(AriaRole.Button, new() { Name = "比对" }).ClickAsync();
            await Expect(page.GetByText("文件与出具的报告不一致")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task A_tampered_verification_code_is_rejected()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_tampered_verification_code_is_rejected), async () =>
        {
            var download = await DownloadReportAsync(page, PortalWorld.Organisation);
            var code = download.SuggestedFilename["credit-report-".Length..^".pdf".Length];
            // Change one character to another of the alphabet: the signature must fail.
            var tampered = (code[0] == '7' ? '8' : '7') + code[1..];

            var response = await page.GotoAsync("/verify/" + tampered);

            Assert.Equal(404, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "核验未通过" })).ToBeVisibleAsync();
            await Expect(page.GetByText("这不是本平台签发的核验码")).ToBeVisibleAsync();
            await Expect(page.GetByText("报告真实")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_code_typed_on_the_verify_page_with_lower_case_and_spaces_finds_the_report()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_code_typed_on_the_verify_page_with_lower_case_and_spaces_finds_the_report), async () =>
        {
            var download = await DownloadReportAsync(page, PortalWorld.Organisation);
            var code = download.SuggestedFilename["credit-report-".Length..^".pdf".Length];

            await page.GotoAsync("/verify");
            await page.GetByLabel("核验码").FillAsync(code.Replace('-', ' ').ToLowerInvariant());
            await page.GetByRole(AriaRole.Button, new() { Name = "核验" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "报告真实：由本平台出具" })).ToBeVisibleAsync();
        });
    }

    internal static async Task<IDownload> DownloadReportAsync(IPage page, string subject)
    {
        await page.GotoAsync("/public/subjects/" + subject);
        return await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载信用报告（PDF）" }).ClickAsync());
    }
}
