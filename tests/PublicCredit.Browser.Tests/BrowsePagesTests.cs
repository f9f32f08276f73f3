using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// Browsing the rules and lists (docs/web.md#lists-catalog-and-home): the home page says who runs the platform and what it
/// holds, the list pages state each list's rules and its entries in force (filtered, downloadable), the catalog page
/// states the rules, every page has its footer; in both languages at 1280 and 390 px, with Chinese data marked
/// lang="zh-CN" on English pages; and every console page shows who is signed in and signs out.
/// </summary>
public sealed class BrowsePagesTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Theory]
    [InlineData("zh-CN", 1280)]
    [InlineData("zh-CN", 390)]
    [InlineData("en", 1280)]
    [InlineData("en", 390)]
    public async Task The_home_page_says_who_runs_it_what_it_holds_and_the_latest_licences_and_penalties(string language, int width)
    {
        var en = language == "en";
        await using var context = await chromium.ContextAsync(world.BaseAddress, width, language);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, $"home-{language}-{width}", async () =>
        {
            await page.GotoAsync("/");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = en ? "About the platform" : "平台概况" })).ToBeVisibleAsync();
            await Expect(page.Locator(".about")).ToContainTextAsync(en ? "lead department for the social credit system" : "社会信用体系建设牵头部门");
            // One organisation is on the market list; its entry is counted beside the list's link.
            var market = page.Locator("ul.stats li", new() { Has = page.Locator("a[href='/lists/serious-untrustworthy-market']") });
            await Expect(market.Locator("strong")).ToHaveTextAsync("1");
            var penalties = page.Locator(".recent .columns > div", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = en ? "Administrative penalties" : "行政处罚" }) });
            await Expect(penalties).ToContainTextAsync(PortalWorld.PenaltyNumber);
            var licences = page.Locator(".recent .columns > div", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = en ? "Administrative licences" : "行政许可" }) });
            await Expect(licences).ToContainTextAsync(PortalWorld.LicenceNumber);
            var subject = penalties.GetByRole(AriaRole.Link, new() { Name = PortalWorld.OrganisationName });
            if (en)
            {
                await Expect(subject).ToHaveAttributeAsync("lang", "zh-CN");
            }
            else
            {
                Assert.Null(await subject.GetAttributeAsync("lang"));
            }

            // Head and footer of every page: description, favicon, the objection route, contact and the privacy notice.
            Assert.False(string.IsNullOrWhiteSpace(await page.Locator("meta[name=description]").GetAttributeAsync("content")));
            Assert.Equal("/assets/favicon.svg", await page.Locator("link[rel=icon]").GetAttributeAsync("href"));
            var favicon = await page.APIRequest.GetAsync("/assets/favicon.svg");
            Assert.Equal("image/svg+xml", favicon.Headers["content-type"]);
            var footer = page.Locator("footer.site");
            await Expect(footer.Locator("a[href='/me']")).ToBeVisibleAsync();
            await Expect(footer.GetByRole(AriaRole.Heading, new() { Name = en ? "Contact" : "联系方式" })).ToBeVisibleAsync();
            await footer.GetByRole(AriaRole.Link, new() { Name = en ? "Privacy notice" : "隐私说明" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = en ? "Privacy notice" : "隐私说明", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(en ? "identity number is always masked" : "身份证号码一律隐去中间位");
            await AssertNoSidewaysScrollAsync(page);
        });
    }

    [Theory]
    [InlineData("zh-CN", 1280)]
    [InlineData("zh-CN", 390)]
    [InlineData("en", 1280)]
    [InlineData("en", 390)]
    public async Task The_lists_state_their_rules_and_a_list_shows_its_entries_in_force_filtered_and_downloadable(string language, int width)
    {
        var en = language == "en";
        await using var context = await chromium.ContextAsync(world.BaseAddress, width, language);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, $"lists-{language}-{width}", async () =>
        {
            await page.GotoAsync("/lists");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = en ? "Red and black lists" : "信用红黑名单", Level = 1 })).ToBeVisibleAsync();
            var market = page.Locator("section.card", new() { Has = page.Locator("h2#list-serious-untrustworthy-market") });
            await Expect(market).ToContainTextAsync("市场监督管理严重违法失信名单管理办法");
            await Expect(market).ToContainTextAsync(en ? "open for comment 30 days" : "公开征求意见 30 天");
            await Expect(market).ToContainTextAsync(en ? "normally 3 years, at most 3 years" : "一般 3年，最长 3年");
            await Expect(market.Locator("a[href='/me']")).ToBeVisibleAsync(); // restoration through the single window
            await Expect(market.Locator("p.count")).ToContainTextAsync("1");
            var defaulters = page.Locator("section.card", new() { Has = page.Locator("h2#list-judgment-defaulters") });
            await Expect(defaulters).ToContainTextAsync(en ? "Removed automatically within" : "个工作日内自动移出");
            await Screenshots.SaveAsync(page, $"lists-{language}-{width}");
            await AssertNoSidewaysScrollAsync(page);

            await market.Locator("h2 a").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/lists/serious-untrustworthy-market$"));
            var entry = page.Locator("article.entry");
            await Expect(entry).ToHaveCountAsync(1);
            await Expect(entry.GetByRole(AriaRole.Link, new() { Name = PortalWorld.OrganisationName })).ToBeVisibleAsync();
            await Expect(entry).ToContainTextAsync("国市监信决〔2026〕7号");
            await Expect(entry).ToContainTextAsync(PortalWorld.Organisation);
            if (en)
            {
                await Expect(entry.GetByRole(AriaRole.Link, new() { Name = PortalWorld.OrganisationName })).ToHaveAttributeAsync("lang", "zh-CN");
                await Expect(entry.Locator("dd[lang=zh-CN]")).ToHaveTextAsync("国市监信决〔2026〕7号");
            }

            await Screenshots.SaveAsync(page, $"list-{language}-{width}");
            await AssertNoSidewaysScrollAsync(page);

            // Fuzhou (3501…) keeps the Fuzhou organisation; Beijing (1101) has nobody on this list.
            await page.GetByLabel(en ? "Region code" : "地区代码").FillAsync("1101");
            await page.GetByRole(AriaRole.Button, new() { Name = en ? "Apply filter" : "筛选" }).ClickAsync();
            await Expect(page.Locator("article.entry")).ToHaveCountAsync(0);
            await Expect(page.GetByText(en ? "No published entry matches." : "没有符合条件的公示条目。")).ToBeVisibleAsync();
            await page.GetByLabel(en ? "Region code" : "地区代码").FillAsync("3501");
            await page.GetByRole(AriaRole.Button, new() { Name = en ? "Apply filter" : "筛选" }).ClickAsync();
            await Expect(page.Locator("article.entry")).ToHaveCountAsync(1);

            // A bad region is refused at its field, and the reader keeps what was typed.
            await page.GetByLabel(en ? "Region code" : "地区代码").FillAsync("35x");
            await page.GetByRole(AriaRole.Button, new() { Name = en ? "Apply filter" : "筛选" }).ClickAsync();
            await Expect(page.Locator("#filter-region-error")).ToContainTextAsync(en ? "2, 4 or 6 digits" : "2、4 或 6 位数字");
            await Expect(page.GetByLabel(en ? "Region code" : "地区代码")).ToHaveAttributeAsync("aria-invalid", "true");
            await page.GetByLabel(en ? "Region code" : "地区代码").FillAsync("3501");
            await page.GetByRole(AriaRole.Button, new() { Name = en ? "Apply filter" : "筛选" }).ClickAsync();

            // The download is the same selection.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
            Assert.StartsWith("serious-untrustworthy-market-", download.SuggestedFilename, StringComparison.Ordinal);
            var file = Path.Combine(Path.GetTempPath(), "pcredit-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
            await download.SaveAsAsync(file);
            var csv = await File.ReadAllTextAsync(file);
            Assert.Contains(PortalWorld.OrganisationName, csv, StringComparison.Ordinal);
            Assert.Empty(Pages.UnmaskedResidentIds(csv));
        });
    }

    [Theory]
    [InlineData("zh-CN", 1280)]
    [InlineData("zh-CN", 390)]
    [InlineData("en", 1280)]
    [InlineData("en", 390)]
    public async Task The_catalog_page_states_publicity_periods_list_standards_measures_and_memoranda(string language, int width)
    {
        var en = language == "en";
        await using var context = await chromium.ContextAsync(world.BaseAddress, width, language);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, $"catalog-{language}-{width}", async () =>
        {
            await page.GotoAsync("/catalog");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = en ? "The catalog and its rules" : "信息目录与规则", Level = 1 })).ToBeVisibleAsync();

            var penalty = page.Locator("#category-administrative-penalty");
            await Expect(penalty).ToContainTextAsync(en ? "General: normally 1 year (at least 3 months, at most 1 year)" : "一般：通常 1年（最短 3个月，最长 1年）");
            await Expect(penalty).ToContainTextAsync(en ? "Minor: not published" : "轻微：不公示");
            await Expect(page.Locator("#list-serious-untrustworthy-market")).ToContainTextAsync(en ? "30 days" : "30 天");
            var procurement = page.Locator("#measure-restrict-government-procurement");
            await Expect(procurement).ToContainTextAsync(en ? "Government Procurement Law, art. 22" : "《中华人民共和国政府采购法》第二十二条");
            await Expect(procurement).ToContainTextAsync(en ? "Mandatory" : "必须实施");
            var memorandum = page.Locator("#memorandum-judgment-defaulters-2016");
            await Expect(memorandum).ToContainTextAsync(en ? "Supreme People's Court" : "最高人民法院");
            await Expect(memorandum).ToContainTextAsync("发改财金〔2016〕141号");
            if (en)
            {
                await Expect(memorandum.Locator("span[lang=zh-CN]")).ToContainTextAsync("发改财金〔2016〕141号");
            }

            await page.GetByRole(AriaRole.Link, new() { Name = en ? "Memoranda of cooperation" : "联合奖惩备忘录" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalog#memoranda$"));
            await Screenshots.SaveAsync(page, $"catalog-{language}-{width}");
            await AssertNoSidewaysScrollAsync(page);
        });
    }

    [Fact]
    public async Task Every_console_page_shows_who_is_signed_in_and_signs_out_from_where_it_is()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(Every_console_page_shows_who_is_signed_in_and_signs_out_from_where_it_is), async () =>
        {
            await page.GotoAsync("/console/signin");
            await page.GetByLabel("API 密钥").FillAsync(world.RecorderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

            foreach (var path in new[] { "/console", "/console/records/new", "/console/designations", "/console/records/upload" })
            {
                await page.GotoAsync(path);
                var bar = page.Locator("header .session");
                await Expect(bar).ToContainTextAsync("当前身份：国家市场监督管理总局 · 录入员");
                await Expect(bar).ToContainTextAsync("recorder@samr");
                await Expect(bar.GetByRole(AriaRole.Button, new() { Name = "退出登录" })).ToBeVisibleAsync();
            }

            // Not on public pages, even with the console cookie (it is scoped to /console).
            await page.GotoAsync("/lists");
            await Expect(page.Locator("header .session")).ToHaveCountAsync(0);

            await page.GotoAsync("/console/records/new");
            await page.Locator("header .session").GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/signin"));
            await Expect(page.Locator("header .session")).ToHaveCountAsync(0);
            await page.GotoAsync("/console/records/new");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/signin"));
        });
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{page.Url} scrolls sideways: {scroll} px wide in {viewport}");
    }
}
