using System.Text;
using PublicCredit.Browser.Tests.Infrastructure;
using PublicCredit.Catalog;
using PublicCredit.Demo;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// The console's record upload end to end in Chromium (docs/web.md#what-each-page-shows; ADR 0019): a recorder uploads a file of a few
/// thousand generated rows with three of its own good and three bad ones, watches the progress page reload itself to
/// the end, reads the exact counts and the first rejected rows, downloads the rejection report, and finds the good
/// records on the public profile. Its own world, because the records change what other tests expect.
/// </summary>
public sealed class RecordUploadTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    private const string Company = "91110108551385082Q";
    private const string CompanyName = "北京上传示例科技有限公司";
    private const string Header = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil,department";

    private static string Row(string documentNumber, string subjectId = Company, string decisionDate = "2026-11-20", string category = "administrative-penalty") =>
        $"{category},{subjectId},{CompanyName},{documentNumber},{decisionDate},general,《中华人民共和国广告法》第五十五条,发布虚假广告,罚款,3.00,王五,,samr";

    /// <summary>The market regulator's generated rows (or none), then three good rows of our own and three bad ones; returns the generated count.</summary>
    private static (byte[] File, int Generated) GoodAndBad(string prefix, bool generate = true)
    {
        var catalog = CatalogLoader.Load(Path.Combine(Screenshots.FindRoot(), "catalog")).GetCatalogOrThrow();
        var data = new SyntheticDataSet(catalog, new SyntheticDataOptions(800, 8000, Seed: 11, AsOf: new DateOnly(2026, 11, 20)));
        var generated = generate ? data.Records().Where(r => r.Department == "samr").ToList() : [];
        using var text = new StringWriter();
        SyntheticRecordWriter.WriteCsv(generated, text);
        text.Write(string.Join('\n',
            Row(prefix + "1号"),
            Row(prefix + "2号", category: "no-such-category"),
            Row(prefix + "3号"),
            Row(prefix + "4号", subjectId: "91110108551385082R"),
            Row(prefix + "5号", decisionDate: "2027-01-01"),
            Row(prefix + "6号"),
            string.Empty));
        return (new UTF8Encoding(false).GetBytes(text.ToString()), generated.Count);
    }

    [Fact]
    public async Task A_recorder_uploads_good_and_bad_rows_watches_the_run_to_the_end_downloads_the_rejections_and_the_good_records_are_public()
    {
        var (file, generated) = GoodAndBad("京市监上传罚〔2026〕");
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_recorder_uploads_good_and_bad_rows_watches_the_run_to_the_end_downloads_the_rejections_and_the_good_records_are_public), async () =>
        {
            await page.GotoAsync("/console");
            await page.GetByLabel("API 密钥").FillAsync(world.RecorderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "批量导入" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "上传导入信用记录", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText("文件不超过 64 MB")).ToBeVisibleAsync();
            await page.GetByLabel("导入文件（CSV 或 NDJSON）").SetInputFilesAsync(new FilePayload { Name = "市场监管处罚.csv", MimeType = "text/csv", Buffer = file });
            await Screenshots.SaveAsync(page, "console-upload-form-1280");
            await page.SetViewportSizeAsync(390, 900);
            await Screenshots.SaveAsync(page, "console-upload-form-390");
            await page.SetViewportSizeAsync(1280, 900);
            await page.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/records/upload/[0-9a-f-]{36}$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入进度", Level = 1 })).ToBeVisibleAsync();
            if (await page.GetByText("正在导入").CountAsync() > 0)
            {
                await Screenshots.SaveAsync(page, "console-upload-progress-1280");
            }

            // The page reloads itself (meta refresh) until the run is finished.
            await Expect(page.GetByText("导入已完成，以下为准确数量。")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Expect(page.Locator("[data-count=rows]")).ToHaveTextAsync((generated + 6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("[data-count=created]")).ToHaveTextAsync((generated + 3).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("[data-count=unchanged]")).ToHaveTextAsync("0");
            await Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("3");
            await Expect(page.Locator("progress")).ToHaveAttributeAsync("value", "100");
            var table = page.Locator("table.upload-rejections");
            await Expect(table.GetByText("record-unknown-category")).ToBeVisibleAsync();
            await Expect(table.GetByText("record-decision-date-in-future")).ToBeVisibleAsync();
            await Expect(table.GetByText("京市监上传罚〔2026〕4号")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "console-upload-done-1280");
            await page.SetViewportSizeAsync(390, 900);
            await Screenshots.SaveAsync(page, "console-upload-done-390");
            await page.SetViewportSizeAsync(1280, 900);

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载拒收报告（CSV）" }).ClickAsync());
            Assert.Equal("市场监管处罚.csv.rejected.csv", download.SuggestedFilename);
            var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToList();
            Assert.Equal("row,documentNumber,field,code,message", lines[0]);
            Assert.Equal(4, lines.Count);
            Assert.StartsWith($"{generated + 3},京市监上传罚〔2026〕2号,category,record-unknown-category,", lines[1], StringComparison.Ordinal);
            Assert.StartsWith($"{generated + 5},京市监上传罚〔2026〕4号,subject.id,", lines[2], StringComparison.Ordinal);
            Assert.StartsWith($"{generated + 6},京市监上传罚〔2026〕5号,decisionDate,record-decision-date-in-future,", lines[3], StringComparison.Ordinal);

            await page.GotoAsync("/public/subjects/" + Company);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = CompanyName })).ToBeVisibleAsync();
            await Expect(page.GetByText("京市监上传罚〔2026〕1号")).ToBeVisibleAsync();
            await Expect(page.GetByText("京市监上传罚〔2026〕6号")).ToBeVisibleAsync();
            await Expect(page.GetByText("京市监上传罚〔2026〕2号")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task In_English_a_wrong_header_is_refused_next_to_the_file_input_and_the_run_reads_in_English()
    {
        var (file, _) = GoodAndBad("京市监上传罚〔2026〕E", generate: false);
        await using var context = await chromium.ContextAsync(world.BaseAddress, locale: "en");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(In_English_a_wrong_header_is_refused_next_to_the_file_input_and_the_run_reads_in_English), async () =>
        {
            await page.GotoAsync("/console/records/upload");
            await page.GetByLabel("API key").FillAsync(world.RecorderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var input = page.GetByLabel("Import file (CSV or NDJSON)");
            await input.SetInputFilesAsync(new FilePayload { Name = "wrong.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("company,licence,documentNumber\nA,B,C\n") });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

            await Expect(page.Locator("#file-error")).ToContainTextAsync("import-header-invalid");
            await Expect(page.Locator("#file-error")).ToContainTextAsync("company: not a known column");
            await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
            await Screenshots.SaveAsync(page, "console-upload-refused-en-1280");
            await page.SetViewportSizeAsync(390, 900);
            await Screenshots.SaveAsync(page, "console-upload-refused-en-390");
            await page.SetViewportSizeAsync(1280, 900);

            await input.SetInputFilesAsync(new FilePayload { Name = "penalties.csv", MimeType = "text/csv", Buffer = file });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
            await Expect(page.GetByText("The import has finished; these are the exact counts.")).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Expect(page.Locator("[data-count=rejected]")).ToHaveTextAsync("3");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the rejection report (CSV)" })).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "console-upload-done-en-1280");
            await page.SetViewportSizeAsync(390, 900);
            await Screenshots.SaveAsync(page, "console-upload-done-en-390");
        });
    }
}
