using System.Text.Json;
using PublicCredit.Browser.Tests.Infrastructure;
using PublicCredit.Testing;

namespace PublicCredit.Browser.Tests;

/// <summary>
/// The markup the server sends — the raw body of each page of the <see cref="Tour"/>, in both languages, signed in where
/// the tour signs in — is valid HTML by html-validate (pinned in tools/checkers, rules of
/// <c>tools/checkers/.htmlvalidate.json</c>: <c>html-validate:recommended</c>; rules turned off are listed with their
/// reason in docs/web.md#checkers). html-validate runs once over all the pages.
/// </summary>
public sealed class HtmlValidationTests(Chromium chromium, PortalWorld world) : IClassFixture<PortalWorld>
{
    [Fact]
    public async Task Every_page_of_the_tour_in_both_languages_is_valid_html_as_the_server_sends_it()
    {
        var validator = Checkers.Tool("html-validate");
        var folder = Directory.CreateTempSubdirectory("pcredit-html-").FullName;
        var files = new List<string>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            await Tour.WalkAsync(chromium, world, language, 1280, "html", async (_, visit, response) =>
            {
                var file = Path.Combine(folder, $"{(language == "en" ? "en" : "zh")}-{visit.Name}.html");
                await File.WriteAllTextAsync(file, await response.TextAsync());
                files.Add(file);
            });
        }

        Assert.Equal(2 * Tour.PageCount, files.Count);
        // The report goes to a file: Node.js may end before a large report written to a pipe is flushed.
        var report = Path.Combine(folder, "report.json");
        var (exitCode, output, error) = await Checkers.RunAsync("html-validate",
            ["--config", Path.Combine(Checkers.Folder, ".htmlvalidate.json"), "--formatter", "json=" + report, .. files],
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(File.Exists(report), $"{validator} wrote no report (exit {exitCode}): {error}{output}");

        var errors = new List<string>();
        foreach (var result in JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)).RootElement.EnumerateArray())
        {
            var file = Path.GetFileName(result.GetProperty("filePath").GetString());
            foreach (var message in result.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("severity").GetInt32() == 2))
            {
                errors.Add($"{file}:{message.GetProperty("line")}:{message.GetProperty("column")} {message.GetProperty("ruleId").GetString()}: {message.GetProperty("message").GetString()}");
            }
        }

        Assert.True(errors.Count == 0, $"html-validate found {errors.Count} error(s) in the pages (kept in {folder}):\n" + string.Join('\n', errors));
        Assert.Equal(0, exitCode);
        Directory.Delete(folder, recursive: true);
    }
}
