using System.Globalization;
using System.Xml.Linq;
using PublicCredit.Web.Charts;

namespace PublicCredit.Web.Tests.Web;

/// <summary>
/// The console's one chart component (docs/web.md#what-each-page-shows; ADR 0020): bars scaled to the largest value, nothing divided by
/// zero, long labels cut but kept whole in a title, every text escaped, numbers written for the page's culture, and an
/// SVG that assistive technology reads as one labelled image.
/// </summary>
public sealed class BarChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static BarChart Chart(params BarRow[] rows) => new("c", "标题", "说明", ["按时", "逾期"], rows);

    private static XElement Parse(BarChart chart) => XElement.Parse(chart.Svg(CultureInfo.InvariantCulture));

    private static List<string> BarWidths(XElement svg) =>
        [.. svg.Descendants(Svg + "rect").Select(r => (string)r.Attribute("width")!)];

    [Fact]
    public void The_largest_value_takes_the_bar_span_and_the_others_scale_linearly_from_zero()
    {
        var chart = Chart(new BarRow("甲", [10, 5]), new BarRow("乙", [0, 2.5]));

        Assert.Equal(["78%", "39%", "0%", "19.5%"], BarWidths(Parse(chart)));
        Assert.Equal(BarChart.BarSpan, chart.WidthOf(10));
    }

    [Fact]
    public void With_only_zeros_every_bar_is_empty_and_nothing_is_divided_by_zero()
    {
        var chart = Chart(new BarRow("甲", [0, 0]), new BarRow("乙", [double.NaN, -3]));

        var svg = Parse(chart);

        Assert.All(BarWidths(svg), w => Assert.Equal("0%", w));
        Assert.DoesNotContain("NaN", svg.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg.ToString(), StringComparison.Ordinal);
        // A negative or missing count is drawn and written as none, never as a bar pointing left.
        Assert.Equal(4, svg.Descendants(Svg + "text").Count(t => t.Value == "0"));
    }

    [Fact]
    public void Without_rows_the_chart_is_an_empty_labelled_image_of_no_height()
    {
        var chart = Chart();

        var svg = Parse(chart);

        Assert.Equal("0", (string)svg.Attribute("height")!);
        Assert.Equal("标题", svg.Element(Svg + "title")!.Value);
        Assert.Empty(svg.Descendants(Svg + "rect"));
    }

    private static List<string> Lines(XElement row) =>
        [.. row.Element(Svg + "text")!.Elements(Svg + "tspan").Where(t => t.Attribute("font-weight") is null).Select(t => t.Value)];

    [Fact]
    public void A_long_label_wraps_to_fit_a_phone_without_losing_a_word_and_the_note_follows_its_last_line()
    {
        const string english = "Credit reminder and warning interview · Ministry of Finance";
        const string chinese = "限制参加政府采购活动 · 国家市场监督管理总局";
        var chart = new BarChart("c", "t", "d", ["n"], [new BarRow(english, [1], "feedback 100.0%"), new BarRow(chinese, [2], "反馈率 100.0%")]);

        var rows = Parse(chart).Elements(Svg + "g").ToList();

        Assert.Equal(["Credit reminder and warning interview ·", "Ministry of Finance"], Lines(rows[0]));
        Assert.Equal(chinese.Replace(" ", "", StringComparison.Ordinal), string.Concat(Lines(rows[1])).Replace(" ", "", StringComparison.Ordinal));
        // Each line within the phone-width budget: a CJK character is two half-em units, the rest one.
        Assert.All(Lines(rows[1]), line => Assert.True(line.Sum(c => c >= '\u2E80' ? 2 : 1) <= BarChart.LabelBudget, line));
        // The note fits after the last line, so it follows it there (no x of its own).
        var note = rows[0].Element(Svg + "text")!.Elements(Svg + "tspan").Single(t => t.Attribute("font-weight") is not null);
        Assert.Equal(("feedback 100.0%", null), (note.Value, (string?)note.Attribute("x")));
        Assert.Equal(english + " feedback 100.0%", rows[0].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void A_label_longer_than_three_lines_is_cut_with_an_ellipsis_and_kept_whole_in_the_rows_title()
    {
        var label = string.Concat(Enumerable.Repeat("限制参与政府采购活动", 10));

        var row = Parse(Chart(new BarRow(label, [3, 1]))).Element(Svg + "g")!;

        Assert.Equal(BarChart.MaxLabelLines, Lines(row).Count);
        Assert.EndsWith("…", Lines(row)[^1], StringComparison.Ordinal);
        Assert.Equal(label, row.Element(Svg + "title")!.Value);
        Assert.Equal("short label", BarChart.Shorten("short label", BarChart.LabelBudget));
    }

    [Fact]
    public void A_note_that_fits_stays_on_the_label_line_and_one_that_does_not_makes_its_row_a_line_taller()
    {
        var fits = new BarRow("国家市场监督管理总局", [1, 1], "按时率 50.0%");
        var apart = new BarRow("国家市场监督管理总局国家市场监督管理总局", [1, 1], "按时率 50.0%");

        var note = Parse(Chart(fits)).Descendants(Svg + "tspan").Single(t => t.Attribute("font-weight") is not null);

        Assert.Null(note.Attribute("x"));
        Assert.False(BarChart.NoteOnOwnLine(fits));
        Assert.True(BarChart.NoteOnOwnLine(apart));
        Assert.Equal(20, Chart(apart).Height - Chart(fits).Height);
    }

    [Fact]
    public void Every_text_is_escaped_so_a_name_cannot_become_markup()
    {
        const string hostile = "<script>alert('x')</script> & \"q\"";
        var chart = new BarChart("c\"><b", hostile, hostile, [hostile], [new BarRow(hostile, [1], hostile)]);

        var html = chart.Render(CultureInfo.InvariantCulture).ToString()!;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"><b", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", html, StringComparison.Ordinal);
        // Well-formed, and the texts read back exactly.
        var figure = XElement.Parse(html);
        Assert.Equal(hostile, figure.Descendants(Svg + "desc").Single().Value);
        Assert.Equal(hostile, figure.Element("ul")!.Element("li")!.Value);
    }

    [Theory]
    [InlineData("zh-CN", "12,345")]
    [InlineData("en", "12,345")]
    [InlineData("de-DE", "12.345")]
    public void Values_are_written_for_the_pages_culture(string culture, string expected)
    {
        var chart = new BarChart("c", "t", "d", ["n"], [new BarRow("甲", [12345])]);

        var svg = XElement.Parse(chart.Svg(CultureInfo.GetCultureInfo(culture)));

        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == expected);
    }

    [Fact]
    public void The_svg_is_one_image_labelled_by_its_title_and_description_and_every_colour_contrasts_with_white()
    {
        var svg = Parse(Chart(new BarRow("甲", [1, 2])));

        Assert.Equal("img", (string)svg.Attribute("role")!);
        var labelledBy = ((string)svg.Attribute("aria-labelledby")!).Split(' ');
        Assert.Equal(["标题", "说明"], labelledBy.Select(id => svg.Elements().Single(e => (string?)e.Attribute("id") == id).Value));
        Assert.Equal(Svg + "title", svg.Elements().First().Name);
        // WCAG 1.4.11: graphics at least 3:1 against the white page; the palette keeps 4.5:1.
        Assert.All(BarChart.Palette, colour => Assert.True(ContrastWithWhite(colour) >= 4.5, colour));
    }

    [Fact]
    public void A_row_must_have_one_value_per_series()
    {
        Assert.Throws<ArgumentException>(() => Chart(new BarRow("甲", [1])));
        Assert.Throws<ArgumentException>(() => new BarChart("c", "t", "d", [], []));
    }

    private static double ContrastWithWhite(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = Convert.ToInt32(hex.Substring(at, 2), 16) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
        return 1.05 / (luminance + 0.05);
    }
}
