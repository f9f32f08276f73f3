using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PublicCredit.Web.Reports;

/// <summary>
/// Marks a finished PDF with its natural language (<c>/Lang</c> in the document catalog, ISO 32000-1 §14.9.2), which
/// screen readers use to pick a voice: SkiaSharp's PDF backend writes no language. Done as an incremental update
/// (§7.5.6) — the catalog object again with <c>/Lang</c>, a one-entry cross-reference section and a trailer pointing
/// back with <c>/Prev</c> — so not a byte of what Skia wrote moves. Refuses (throws) a file whose trailer it cannot
/// read rather than returning it unmarked, so a change in the backend's output fails the report tests.
/// </summary>
internal static partial class PdfLanguage
{
    public static byte[] Mark(byte[] pdf, string language)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        if (!LanguageTag().IsMatch(language))
        {
            throw new ArgumentException($"'{language}' is not a language tag", nameof(language));
        }

        // Latin-1 keeps one char per byte, so offsets in the text are offsets in the file; the tail holds the last
        // trailer and startxref.
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = Trailer().Match(text, Math.Max(0, text.Length - 1024));
        if (!trailer.Success)
        {
            throw new InvalidDataException("The PDF has no classic trailer to extend (cross-reference streams are not expected from the backend).");
        }

        var root = int.Parse(trailer.Groups["root"].Value, CultureInfo.InvariantCulture);
        var size = trailer.Groups["size"].Value;
        var info = trailer.Groups["info"].Success ? $"\n/Info {trailer.Groups["info"].Value} 0 R" : "";
        var previous = trailer.Groups["startxref"].Value;
        var catalog = Catalog(root).Match(text);
        if (!catalog.Success || catalog.Groups["body"].Value.Contains("/Lang", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The PDF's catalog (object {root}) is not a plain dictionary without /Lang.");
        }

        var update = new StringBuilder();
        var objectOffset = pdf.Length + 1;
        update.Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{root} 0 obj\n<<{catalog.Groups["body"].Value}\n/Lang ({language})>>\nendobj\n");
        var xrefOffset = pdf.Length + Encoding.Latin1.GetByteCount(update.ToString());
        update.Append(CultureInfo.InvariantCulture, $"xref\n0 1\n0000000000 65535 f \n{root} 1\n{objectOffset:D10} 00000 n \n")
            .Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}\n/Root {root} 0 R{info}\n/Prev {previous}>>\nstartxref\n{xrefOffset}\n%%EOF\n");
        var bytes = Encoding.Latin1.GetBytes(update.ToString());
        var marked = new byte[pdf.Length + bytes.Length];
        pdf.CopyTo(marked, 0);
        bytes.CopyTo(marked, pdf.Length);
        return marked;
    }

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"trailer\s*<<\s*/Size (?<size>\d+)\s*/Root (?<root>\d+) 0 R(\s*/Info (?<info>\d+) 0 R)?\s*>>\s*startxref\s*(?<startxref>\d+)\s*%%EOF\s*$")]
    private static partial Regex Trailer();

    private static Regex Catalog(int root) =>
        new($@"\n{root} 0 obj\s*<<(?<body>/Type /Catalog[^<>]*)>>\s*endobj", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
