using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using PublicCredit.Browser.Tests.Infrastructure;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// Every page of docs/web.md, as each user reaches it (<see cref="Tour"/>), in both languages at 1280 and 390 px ("Done means": every page
/// works in both languages and reads well at both widths; no page leaks an unmasked ID). A page must answer 200, be
/// in the asked language, show no untranslated resource key, never scroll sideways, and show no whole resident ID.
/// Screenshots `tour-<lang>-<width>-<page>.png` are for people to look at.
/// </summary>
public sealed partial class EveryPageTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Theory]
    [InlineData("zh-CN", 1280)]
    [InlineData("zh-CN", 390)]
    [InlineData("en", 1280)]
    [InlineData("en", 390)]
    public async Task Every_page_answers_in_the_language_asked_without_sideways_scrolling_or_an_unmasked_id(string language, int width)
    {
        var visited = new List<string>();
        var violations = new List<string>();

        await Tour.WalkAsync(chromium, world, language, width, "tour", async (page, visit, _) =>
        {
            var pageName = visit.Name;
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));

            var text = await page.Locator("body").InnerTextAsync();
            Assert.Empty(Pages.UnmaskedResidentIds(await page.ContentAsync()));
            var keys = ResourceKey().Matches(text).Select(m => m.Value).ToList();
            Assert.True(keys.Count == 0, $"{pageName}: untranslated {string.Join(", ", keys)}");
            if (language == "en")
            {
                // English pages may quote Chinese names, documents and laws, but their labels, buttons and column heads are English.
                foreach (var label in await page.Locator("main label, main button, main th").AllInnerTextsAsync())
                {
                    Assert.False(HanOnly().IsMatch(label.Trim()), $"{pageName}: the label '{label}' is not in English");
                }
            }

            var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
            Assert.True(scroll <= viewport, $"{pageName} at {width} px scrolls sideways: {scroll} px wide");
            // Every id a label, description or input points at is on the page (axe only asks for one of a list).
            var dangling = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('[aria-describedby],[aria-labelledby],label[for]')]
                    .flatMap(e => (e.getAttribute('aria-describedby') ?? e.getAttribute('aria-labelledby') ?? e.getAttribute('for')).split(/\s+/))
                    .filter(id => id && !document.getElementById(id))
                """);
            violations.AddRange(dangling.Select(id => $"{pageName}: a reference to the missing element #{id}"));

            // axe-core in the page as it is shown: every rule, WCAG 2.1 AA and best practices.
            var axe = await page.RunAxe();
            violations.AddRange(axe.Violations.Select(v =>
                $"{pageName}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
            await Screenshots.SaveAsync(page, $"tour-{(language == "en" ? "en" : "zh")}-{width}-{pageName}");
            visited.Add(pageName);
        });

        Assert.Equal(Tour.PageCount, visited.Count);
        Assert.True(violations.Count == 0, $"axe-core found {violations.Count} violation(s):\n" + string.Join('\n', violations));
    }

    /// <summary>What a missing resource looks like on a page: the key itself, e.g. <c>Stats.Page.removals</c>.</summary>
    [GeneratedRegex(@"\b(?:Site|Nav|Console|Task|Me|Record|Designation|Objection|Restoration|Stats|Upload|UploadRun|Error|Profile|Search|Verify|Report|SignIn|Role|Footer)[A-Za-z]*\.[A-Z][A-Za-z.\-]+\b")]
    private static partial Regex ResourceKey();

    /// <summary>A label made only of Han characters and punctuation — a Chinese label left on an English page.</summary>
    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}\p{P}\s（）：]+$")]
    private static partial Regex HanOnly();
}
