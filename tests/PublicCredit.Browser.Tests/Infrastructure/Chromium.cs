[assembly: AssemblyFixture(typeof(PublicCredit.Browser.Tests.Infrastructure.Chromium))]

namespace PublicCredit.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET, one browser for the whole run (docs/web.md#tests). Playwright's own
/// browser download cannot work here (no network), so the tests use <c>/usr/bin/chromium</c>, which scripts/test.sh
/// installs; only when it is absent (and could not be installed) do the tests skip, saying so.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public static bool Installed => File.Exists(ExecutablePath);

    public async ValueTask InitializeAsync()
    {
        if (!Installed)
        {
            return;
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    /// <summary>A fresh browser context (own cookies) at a width, in a language (Accept-Language and navigator.language).</summary>
    public async Task<IBrowserContext> ContextAsync(Uri baseAddress, int width = 1280, string locale = "zh-CN")
    {
        if (Browser is null)
        {
            Assert.Skip($"{ExecutablePath} is missing: install Debian's chromium (scripts/test.sh does) to run the browser tests.");
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            AcceptDownloads = true,
        });
        // The browser tests run beside the Web tests (the fuzz run among them) on a 2-core machine: a page can take
        // longer than Playwright's 30 s (5 s for assertions) to load there without anything being wrong.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
