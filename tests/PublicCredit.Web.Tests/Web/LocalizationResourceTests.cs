using System.Xml.Linq;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Web;

/// <summary>The two languages hold the same texts (docs/web.md#security: every page works in both languages).</summary>
public sealed class LocalizationResourceTests
{
    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "PublicCredit.Web", "Resources", file))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Every_Chinese_text_has_an_English_one_and_no_English_text_is_left_untranslated()
    {
        var zh = Read("SharedResource.resx");
        var en = Read("SharedResource.en.resx");

        Assert.Equal(zh.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        Assert.All(en, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
        // Placeholders match, so a format never throws or drops a value in one language.
        Assert.All(zh, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(en[pair.Key])));
    }

    private static string[] Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];
}
