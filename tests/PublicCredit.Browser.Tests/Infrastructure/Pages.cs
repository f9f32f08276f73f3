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
    public static async Task<string> PdfTextAsync(string file) => await PopplerAsync("pdftotext", ["-layout", file, "-"]);

    /// <summary>The text of the QR code on the PDF's first page: rendered by poppler's pdftoppm at 150 dpi, decoded
    /// with ZXing — as a phone camera would read the printed report. Null when no code is found.</summary>
    public static async Task<string?> FirstPageQrCodeAsync(string file)
    {
        var prefix = Path.Combine(Path.GetTempPath(), "pcredit-page-" + Guid.NewGuid().ToString("N")[..8]);
        await PopplerAsync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", file, prefix]);
        try
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(prefix + ".png").Copy(SkiaSharp.SKColorType.Bgra8888);
            var source = new ZXing.RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, ZXing.RGBLuminanceSource.BitmapFormat.BGRA32);
            var result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)),
                new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.TRY_HARDER] = true });
            return result?.Text;
        }
        finally
        {
            File.Delete(prefix + ".png");
        }
    }

    private static async Task<string> PopplerAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(tool + " is missing: install poppler-utils (scripts/test.sh does).", ex);
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, tool + " failed: " + await process.StandardError.ReadToEndAsync());
            return output;
        }
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex EighteenCharacters();
}
