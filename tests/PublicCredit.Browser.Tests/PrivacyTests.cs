using PublicCredit.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PublicCredit.Browser.Tests;

/// <summary>docs/design.md#7-privacy-by-default through the browser: no page, and no report, shows a resident ID number unmasked.</summary>
public sealed class PrivacyTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task No_page_about_a_published_individual_shows_the_identity_number_unmasked()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress, width: 390);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(No_page_about_a_published_individual_shows_the_identity_number_unmasked), async () =>
        {
            var seen = new List<string>();
            async Task ScanAsync(string name)
            {
                var text = await page.Locator("html").InnerTextAsync() + await page.ContentAsync();
                Assert.Empty(Pages.UnmaskedResidentIds(text));
                Assert.DoesNotContain(PortalWorld.Person, text, StringComparison.Ordinal);
                seen.Add(name);
            }

            // Searching by the full number finds the person, but shows it masked.
            await page.GotoAsync("/?q=" + PortalWorld.Person);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = PortalWorld.PersonName })).ToBeVisibleAsync();
            await Expect(page.GetByText("1101**********002X", new() { Exact = true })).ToBeVisibleAsync();
            await ScanAsync("search");
            await Screenshots.SaveAsync(page, "search-individual-390");

            await page.GetByRole(AriaRole.Link, new() { Name = PortalWorld.PersonName }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = PortalWorld.PersonName, Level = 1 })).ToBeVisibleAsync();
            Assert.DoesNotContain(PortalWorld.Person, page.Url, StringComparison.Ordinal); // an opaque public id in the address
            await ScanAsync("profile");
            await Screenshots.SaveAsync(page, "profile-individual-390");

            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Link, new() { Name = "下载信用报告（PDF）" }).ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), "pcredit-person-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
            await download.SaveAsAsync(file);
            var pdf = await Pages.PdfTextAsync(file);
            Assert.Contains(PortalWorld.PersonName, pdf, StringComparison.Ordinal);
            Assert.Empty(Pages.UnmaskedResidentIds(pdf));

            await page.GotoAsync("/verify/" + download.SuggestedFilename["credit-report-".Length..^".pdf".Length]);
            await Expect(page.GetByText("1101**********002X", new() { Exact = true })).ToBeVisibleAsync();
            await ScanAsync("verify");
            await Screenshots.SaveAsync(page, "verify-individual-390");

            // Asking for the person's profile by the number itself lands on the public id; the page shows the masked form only.
            await page.GotoAsync("/public/subjects/" + PortalWorld.Person);
            Assert.DoesNotContain(PortalWorld.Person, page.Url, StringComparison.Ordinal);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = PortalWorld.PersonName, Level = 1 })).ToBeVisibleAsync();
            await ScanAsync("profile by number");
            Assert.Equal(4, seen.Count);
        });
    }

    [Fact]
    public async Task A_private_record_about_an_individual_is_not_found_by_the_public()
    {
        await using var context = await chromium.ContextAsync(world.BaseAddress);
        var page = await context.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(A_private_record_about_an_individual_is_not_found_by_the_public), async () =>
        {
            // 张三 is only the legal representative of the organisation: nothing public about him as a subject.
            var response = await page.GotoAsync("/public/subjects/110101198001010010");

            Assert.Equal(404, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "未找到公开信息" })).ToBeVisibleAsync();
        });
    }
}
