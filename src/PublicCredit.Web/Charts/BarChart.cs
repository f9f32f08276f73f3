using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace PublicCredit.Web.Charts;

/// <summary>One bar group: a label, one value per series, and an optional note after the label (e.g. a rate).</summary>
public sealed record BarRow(string Label, IReadOnlyList<double> Values, string? Note = null);

/// <summary>
/// A horizontal bar chart as inline SVG, rendered on the server (docs/web.md#what-each-page-shows; ADR 0020): no script, no library, nothing
/// from a CDN, and allowed by the site's CSP (colours are presentation attributes, not inline styles). Each row is a
/// label line with bars under it, one per series. The SVG has no viewBox: its width is the container's and the bars'
/// widths are percentages of it, so text stays at its real size from 1280 px down to a 390 px phone, where a scaled
/// drawing would shrink the labels. It is one image to assistive technology (<c>role="img"</c>, <c>title</c> and
/// <c>desc</c>); the page puts the same numbers in a real table after it.
/// </summary>
public sealed class BarChart
{
    /// <summary>Series colours, each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 of graphics) and told apart
    /// without red/green: blue, orange, green, purple.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#0b4a82", "#b35900", "#1e6b34", "#6a3d9a"];

    /// <summary>Share of the width the longest bar takes; the rest holds its value.</summary>
    public const double BarSpan = 78;

    /// <summary>Label line width budget in half-em units (a CJK character is two), about 280 px at 14 px: fits a 390 px screen.</summary>
    public const int LabelBudget = 40;

    /// <summary>A longer label wraps onto at most this many lines; beyond that it is cut (whole in the row's title and the table).</summary>
    public const int MaxLabelLines = 3;

    private const int LabelLine = 20; // also the note's dy
    private const int BarHeight = 14;
    private const int BarGap = 4;
    private const int RowGap = 12;

    public BarChart(string id, string title, string description, IReadOnlyList<string> series, IReadOnlyList<BarRow> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rows);
        if (series.Count is 0 || series.Count > Palette.Count)
        {
            throw new ArgumentException($"A chart has 1 to {Palette.Count} series.", nameof(series));
        }

        if (rows.Any(r => r.Values.Count != series.Count))
        {
            throw new ArgumentException("Every row has one value per series.", nameof(rows));
        }

        Id = id;
        Title = title;
        Description = description;
        Series = series;
        Rows = rows;
    }

    public string Id { get; }

    public string Title { get; }

    public string Description { get; }

    public IReadOnlyList<string> Series { get; }

    public IReadOnlyList<BarRow> Rows { get; }

    /// <summary>The height in px the SVG asks for (its width is the container's).</summary>
    public int Height => Rows.Sum(RowHeight);

    /// <summary>The label's lines as drawn: wrapped at spaces (or between CJK characters) to the phone-width budget.</summary>
    public static IReadOnlyList<string> LabelLines(BarRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Wrap(row.Label, LabelBudget, MaxLabelLines);
    }

    /// <summary>
    /// Whether a row's note goes on a line of its own: when it would not fit after the label's last line, so the label
    /// is never cut to make room for the note (the label names what the bars are).
    /// </summary>
    public static bool NoteOnOwnLine(BarRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Note is not null && UnitsOf(LabelLines(row)[^1]) + 2 + UnitsOf(row.Note) > LabelBudget;
    }

    private static int TextLines(BarRow row) => LabelLines(row).Count + (NoteOnOwnLine(row) ? 1 : 0);

    private int RowHeight(BarRow row) => (TextLines(row) * LabelLine) + (Series.Count * (BarHeight + BarGap)) + RowGap;

    /// <summary>The scale: a bar's width in percent of the chart for <paramref name="value"/>; 0 when all values are 0.</summary>
    public double WidthOf(double value)
    {
        var max = Rows.SelectMany(r => r.Values).Select(Clamp).DefaultIfEmpty(0).Max();
        return max <= 0 ? 0 : Math.Round(Clamp(value) / max * BarSpan, 2);
    }

    /// <summary>The figure: legend, then the SVG; values written for <paramref name="culture"/>.</summary>
    public IHtmlContent Render(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var html = new StringBuilder();
        html.Append("<figure class=\"chart\">");
        html.Append("<ul class=\"chart-legend\">");
        for (var s = 0; s < Series.Count; s++)
        {
            html.Append("<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"12\" height=\"12\" fill=\"")
                .Append(Palette[s]).Append("\"/></svg>").Append(Escape(Series[s])).Append("</li>");
        }

        html.Append("</ul>");
        html.Append(Svg(culture));
        html.Append("</figure>");
        return new HtmlString(html.ToString());
    }

    /// <summary>The SVG alone.</summary>
    public string Svg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" role=\"img\" width=\"100%\" height=\"{Height}\" aria-labelledby=\"{Escape(Id)}-title {Escape(Id)}-desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Escape(Id)}-title\">{Escape(Title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{Escape(Id)}-desc\">{Escape(Description)}</desc>");
        var top = 0;
        foreach (var row in Rows)
        {
            var lines = LabelLines(row);
            svg.Append("<g><title>").Append(Escape(row.Note is null ? row.Label : row.Label + " " + row.Note)).Append("</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<text y=\"{top + 15}\" font-size=\"14\" fill=\"#1a1a1a\">");
            for (var i = 0; i < lines.Count; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<tspan x=\"0\" dy=\"{(i == 0 ? 0 : LabelLine)}\">").Append(Escape(lines[i])).Append("</tspan>");
            }

            if (row.Note is not null)
            {
                svg.Append(NoteOnOwnLine(row) ? "<tspan x=\"0\" dy=\"20\" font-weight=\"600\">" : "<tspan dx=\"8\" font-weight=\"600\">")
                    .Append(Escape(Shorten(row.Note, LabelBudget))).Append("</tspan>");
            }

            svg.Append("</text>");
            var barsTop = top + (TextLines(row) * LabelLine);
            for (var s = 0; s < Series.Count; s++)
            {
                var y = barsTop + (s * (BarHeight + BarGap));
                var width = WidthOf(row.Values[s]).ToString("0.##", CultureInfo.InvariantCulture);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y}\" width=\"{width}%\" height=\"{BarHeight}\" fill=\"{Palette[s]}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}%\" dx=\"6\" y=\"{y + 11}\" font-size=\"12\" fill=\"#1a1a1a\">");
                svg.Append(Escape(Clamp(row.Values[s]).ToString("N0", culture))).Append("</text>");
            }

            svg.Append("</g>");
            top += RowHeight(row);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// Greedy line breaking at <paramref name="budget"/> half-em units per line: between words, or between any two
    /// CJK characters (Chinese has no spaces); a word longer than a line is cut; the last of <paramref name="maxLines"/>
    /// lines ends with an ellipsis when text is left over.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int budget, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        budget = Math.Max(budget, 12);
        var lines = new List<string>();
        var line = new StringBuilder();
        var used = 0;
        foreach (var token in Tokens(text.Trim()))
        {
            var units = UnitsOf(token);
            if (used + units > budget && line.Length > 0)
            {
                lines.Add(line.ToString().Trim());
                line.Clear();
                used = 0;
                if (token.Trim().Length == 0)
                {
                    continue;
                }
            }

            line.Append(token);
            used += units;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString().Trim());
        }

        if (lines.Count == 0)
        {
            return [string.Empty];
        }

        var kept = lines.Take(maxLines).Select(l => Shorten(l, budget)).ToList();
        if (lines.Count > maxLines)
        {
            kept[^1] = Shorten(kept[^1] + " " + lines[maxLines], budget);
            if (!kept[^1].EndsWith('…'))
            {
                kept[^1] = Shorten(kept[^1], UnitsOf(kept[^1]) - 1);
            }
        }

        return kept;
    }

    // A CJK character alone, a run of spaces, or a run of other characters (a word).
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (UnitsOf(rune) == 2 || Rune.IsWhiteSpace(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return rune.ToString();
            }
            else
            {
                word.Append(rune.ToString());
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>A label cut to <paramref name="budget"/> half-em units with an ellipsis; the whole label is in the row's title and the table.</summary>
    public static string Shorten(string label, int budget)
    {
        ArgumentNullException.ThrowIfNull(label);
        budget = Math.Max(budget, 12);
        if (UnitsOf(label) <= budget)
        {
            return label;
        }

        var cut = new StringBuilder();
        var used = 0;
        foreach (var rune in label.EnumerateRunes())
        {
            var units = UnitsOf(rune);
            if (used + units > budget - 2)
            {
                break;
            }

            cut.Append(rune.ToString());
            used += units;
        }

        return cut.Append('…').ToString();
    }

    /// <summary>Text in SVG inside HTML: the five characters that could end an element or an attribute.</summary>
    public static string Escape(string text) =>
        (text ?? string.Empty).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    private static int UnitsOf(string text) => text.EnumerateRunes().Sum(UnitsOf);

    // CJK ideographs, kana, hangul and full-width forms take a full em; the rest about half.
    private static int UnitsOf(Rune rune) => rune.Value >= 0x2E80 ? 2 : 1;

    private static double Clamp(double value) => double.IsFinite(value) && value > 0 ? value : 0;
}
