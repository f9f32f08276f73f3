using PublicCredit.Browser.Tests.Infrastructure;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// On English pages of /me and the console, Chinese data — subject names, notice and decision documents, record
/// contents, statements — sit in an element marked <c>lang="zh-CN"</c>, as on the public pages, so a screen reader
/// reads them with a Chinese voice (docs/web.md#lists-catalog-and-home, "Language of data").
/// </summary>
public sealed class ChineseDataLanguageTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    /// <summary>Text in the main region that holds Chinese characters but is not inside an element whose language is zh-CN.</summary>
    private const string UnmarkedChinese = """
        () => {
            const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
            const found = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (/[\u3400-\u9fff]/.test(node.data) && node.parentElement.closest('[lang]')?.getAttribute('lang') !== 'zh-CN') {
                    found.push(node.parentElement.tagName.toLowerCase() + ': ' + node.data.trim());
                }
            }
            return found;
        }
        """;

    [Fact]
    public async Task On_the_english_me_page_the_subject_s_name_documents_and_record_contents_are_marked_chinese()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, 1280, "en");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, "chinese-data-me", async () =>
        {
            await Tour.SignInAsync(page, "/me/signin", world.OrganisationToken);
            await page.GotoAsync("/me");
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

            await AssertMarkedAsync(page, PortalWorld.OrganisationName);
            await AssertMarkedAsync(page, PortalWorld.PenaltyNumber);
            await AssertMarkedAsync(page, "国市监信决〔2026〕7号");
            await AssertMarkedAsync(page, "我公司已整改，请求不予列入。");
            Assert.Empty(await page.EvaluateAsync<string[]>(UnmarkedChinese));
        });
    }

    [Fact]
    public async Task On_english_console_pages_the_subject_s_name_and_the_designation_s_documents_are_marked_chinese()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, 1280, "en");
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, "chinese-data-console", async () =>
        {
            await Tour.SignInAsync(page, "/console/signin", world.ReviewerKey);
            await page.GotoAsync("/console/designations");
            await AssertMarkedAsync(page, PortalWorld.OrganisationName);
            Assert.Empty(await page.EvaluateAsync<string[]>(UnmarkedChinese));

            await page.Locator("main table a").First.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/console/designations/", StringComparison.Ordinal));
            await AssertMarkedAsync(page, PortalWorld.OrganisationName);
            await AssertMarkedAsync(page, "国市监信告〔2026〕7号");
            await AssertMarkedAsync(page, "国市监信决〔2026〕7号");
            Assert.Empty(await page.EvaluateAsync<string[]>(UnmarkedChinese));
        });
    }

    /// <summary>The text is on the page, and the nearest element with a language around it says zh-CN.</summary>
    private static async Task AssertMarkedAsync(IPage page, string text)
    {
        var language = await page.EvaluateAsync<string?>("""
            text => {
                const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (node.data.includes(text)) {
                        return node.parentElement.closest('[lang]')?.getAttribute('lang') ?? '';
                    }
                }
                return null;
            }
            """, text);
        Assert.True(language is not null, $"'{text}' is not on {page.Url}");
        Assert.True(language == "zh-CN", $"'{text}' on {page.Url} is read as '{language}', not zh-CN");
    }
}
