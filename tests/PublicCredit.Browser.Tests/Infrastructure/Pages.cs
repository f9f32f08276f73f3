using System.Diagnostics;
using System.Text.RegularExpressions;
using PublicCredit.Identifiers;

namespace PublicCredit.Browser.Tests.Infrastructure;

/// <summary>What the journeys read off pages and files.</summary>
public static partial class Pages
{
    /// <summary>Resident ID numbers (GB 11643) that are valid and whole — what no page may show (docs/design.md#7-privacy-by-default).</summary>
    public static IReadOnlyList<string> UnmaskedResidentIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. EighteenCharacters().Matches(text).Select(m => m.Value)
            .Where(v => ResidentId.TryParse(v, new DateOnly(2100, 1, 1), out _) && !Uscc.TryParse(v, out _))];
    }

    /// <summary>The text of a PDF as poppler's pdftotext reads it (scripts/test.sh installs poppler-utils).</summary>
    public static async Task<string> PdfTextAsync(string file)
    {
        var start = new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("pdftotext is missing: install poppler-utils (scripts/test.sh does).", ex);
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + await process.StandardError.ReadToEndAsync());
            return output;
        }
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex EighteenCharacters();
}
