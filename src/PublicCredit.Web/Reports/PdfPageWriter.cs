using System.Globalization;
using SkiaSharp;

namespace PublicCredit.Web.Reports;

/// <summary>
/// Writes lines of text top to bottom onto A4 pages of an <see cref="SKDocument"/>, wrapping long text to the width
/// and starting a new page when one is full; every page gets the same footer (the verification code, so a single
/// page torn from a report can still be checked).
/// </summary>
internal sealed class PdfPageWriter : IDisposable
{
    public const float PageWidth = 595f; // A4 in points
    public const float PageHeight = 842f;
    public const float Margin = 50f;
    private const float FooterHeight = 36f;
    private const float LabelColumn = 112f;

    private readonly SKDocument? document;
    private readonly ReportFace fonts;
    private readonly HashSet<string> texts = new(StringComparer.Ordinal);
    private readonly Func<int, string> footer;
    private readonly SKPaint ink = new() { Color = new SKColor(0x1a, 0x1a, 0x1a), IsAntialias = true };
    private readonly SKPaint muted = new() { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };
    private readonly SKPaint accent = new() { Color = new SKColor(0x0b, 0x4a, 0x82), IsAntialias = true };
    private readonly SKPaint rule = new() { Color = new SKColor(0xb0, 0xb0, 0xb0), StrokeWidth = 0.6f, IsAntialias = true };
    private SKCanvas? canvas;
    private float y;
    private int page;

    /// <summary>Without a document the writer only lays out, collecting <see cref="Texts"/> (the report's first pass).</summary>
    public PdfPageWriter(SKDocument? document, ReportFace fonts, Func<int, string> footer)
    {
        this.document = document;
        this.fonts = fonts;
        this.footer = footer;
    }

    /// <summary>Every text drawn, footers included: the glyphs the embedded font must hold.</summary>
    public IReadOnlyCollection<string> Texts => texts;

    private static float ContentWidth => PageWidth - (2 * Margin);

    public void Title(string text) => Write(text, 20f, bold: true, after: 8f, paint: accent);

    public void Heading(string text)
    {
        Space(10f);
        Write(text, 13.5f, bold: true, after: 4f, paint: accent);
        Rule();
    }

    public void Subheading(string text) => Write(text, 11f, bold: true, after: 2f);

    public void Text(string text, float size = 9.5f) => Write(text, size, bold: false, after: 1.5f);

    public void Muted(string text) => Write(text, 8.5f, bold: false, after: 1.5f, paint: muted);

    /// <summary>"label: value" lines; the value wraps under itself, not under the label.</summary>
    public void Field(string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        const float size = 9.5f;
        using var labelFont = fonts.At(size, strong: true);
        using var valueFont = fonts.At(size);
        var labelText = label + (Pages.Display.IsEnglish ? ": " : "：");
        // Values start in one column (labels are short), unless a label is longer than the column.
        var indent = Math.Min(Math.Max(labelFont.MeasureText(labelText) + 4f, LabelColumn), ContentWidth / 3f);
        var lines = Wrap(value, valueFont, ContentWidth - indent);
        var height = LineHeight(size);
        EnsureRoom(height);
        Draw(labelText, Margin, y + size, labelFont, muted);
        foreach (var line in lines)
        {
            EnsureRoom(height);
            Draw(line, Margin + indent, y + size, valueFont, ink);
            y += height;
        }

        y += 1.5f;
    }

    /// <summary>
    /// A QR code of <paramref name="modules"/> (dark = true, quiet zone included) in the top right corner of the current
    /// page, <paramref name="size"/> points square; the text below it starts under the code.
    /// </summary>
    public void CornerCode(IReadOnlyList<System.Collections.BitArray> modules, float size)
    {
        ArgumentNullException.ThrowIfNull(modules);
        EnsureRoom(0f);
        var module = size / modules.Count;
        var left = PageWidth - Margin - size;
        if (canvas is not null)
        {
            using var dark = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules[row].Count; column++)
                {
                    if (modules[row][column])
                    {
                        canvas.DrawRect(left + (column * module), Margin + (row * module), module, module, dark);
                    }
                }
            }
        }

        y = Math.Max(y, Margin + size + 4f);
    }

    /// <summary>How many pages have been started.</summary>
    public int PageCount => page;

    public void Space(float points)
    {
        y += points;
    }

    public void Rule()
    {
        EnsureRoom(4f);
        canvas?.DrawLine(Margin, y + 1f, PageWidth - Margin, y + 1f, rule);
        y += 5f;
    }

    /// <summary>Keeps a block together when it fits on a fresh page.</summary>
    public void KeepTogether(float points)
    {
        if (page > 0 && y + points > PageHeight - Margin - FooterHeight && points < PageHeight - (2 * Margin) - FooterHeight)
        {
            NewPage();
        }
    }

    private void Draw(string text, float x, float baseline, SKFont font, SKPaint paint)
    {
        texts.Add(text);
        canvas?.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
    }

    private void Write(string text, float size, bool bold, float after, SKPaint? paint = null)
    {
        using var font = fonts.At(size, bold);
        var height = LineHeight(size);
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            EnsureRoom(height);
            Draw(line, Margin, y + size, font, paint ?? ink);
            y += height;
        }

        y += after;
    }

    private static float LineHeight(float size) => size * 1.5f;

    private void EnsureRoom(float height)
    {
        if (page == 0 || y + height > PageHeight - Margin - FooterHeight)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        EndPage();
        page++;
        canvas = document?.BeginPage(PageWidth, PageHeight);
        y = Margin;
        using var font = fonts.At(8f);
        var baseline = PageHeight - Margin + 10f;
        canvas?.DrawLine(Margin, baseline - 14f, PageWidth - Margin, baseline - 14f, rule);
        Draw(footer(page), Margin, baseline, font, muted);
    }

    private void EndPage()
    {
        if (canvas is not null)
        {
            document?.EndPage();
            canvas = null;
        }
    }

    /// <summary>
    /// Greedy line breaking: a CJK character may end a line anywhere, a run of Latin letters or digits only at a
    /// space (or, longer than a line, anywhere); explicit line breaks are kept.
    /// </summary>
    internal static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var token in Tokens(paragraph))
            {
                var candidate = line + token;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.TrimEnd());
                    line = token.TrimStart();
                }
                else
                {
                    line = token;
                }

                // A single token wider than the line is cut by text element.
                while (font.MeasureText(line) > width && line.Length > 1)
                {
                    var cut = FitPrefix(line, font, width);
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line.TrimEnd());
        }

        return lines;
    }

    private static int FitPrefix(string text, SKFont font, float width)
    {
        var elements = StringInfo.ParseCombiningCharacters(text);
        var fit = elements.Length > 1 ? elements[1] : text.Length;
        for (var i = 1; i < elements.Length; i++)
        {
            if (font.MeasureText(text[..elements[i]]) > width)
            {
                break;
            }

            fit = elements[i];
        }

        return fit;
    }

    private static IEnumerable<string> Tokens(string paragraph)
    {
        var enumerator = StringInfo.GetTextElementEnumerator(paragraph);
        var word = new System.Text.StringBuilder();
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var c = element[0];
            if (char.IsAsciiLetterOrDigit(c) || (c < 0x2E80 && !char.IsWhiteSpace(c)))
            {
                word.Append(element);
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                word.Append(element);
                yield return word.ToString();
                word.Clear();
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            yield return element;
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    public void Dispose()
    {
        EndPage();
        ink.Dispose();
        muted.Dispose();
        accent.Dispose();
        rule.Dispose();
    }
}
