namespace PublicCredit.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots under <c>TestResults/browser-screenshots/</c> of the checkout: a few on purpose (at 1280 and 390 px, for
/// people to look at), and one of the page in hand whenever a journey fails.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(FindRoot(), "TestResults", "browser-screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    /// <summary>Runs a journey; if it fails, saves what the page showed (named after the test) and rethrows.</summary>
    public static async Task OnFailureAsync(IPage page, string name, Func<Task> journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        try
        {
            await journey();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.SkipException)
        {
            await SaveAsync(page, "FAILED-" + name);
            throw;
        }
    }

    internal static string FindRoot() => PublicCredit.Testing.RepositoryRoot.Path;
}
