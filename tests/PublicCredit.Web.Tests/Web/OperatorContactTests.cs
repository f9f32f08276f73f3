using PublicCredit.Web.Hosting;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Web;

/// <summary>
/// The operator named in the host's settings (<c>serve --operator-*</c>) is who every footer and the privacy notice tell
/// the public to contact, in both languages; without settings the footer keeps its generic sentence
/// (docs/web.md#operator-contact).
/// </summary>
public abstract class OperatorContactTests(ITestDatabases databases)
{
    private static readonly OperatorContact Operator = new("福建省社会信用体系建设领导小组办公室", "福州市鼓楼区示例路 9 号", "0591-8000 0000", "credit@example.gov.cn");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zh-CN", "/", "电话")]
    [InlineData("en", "/", "Telephone")]
    [InlineData("zh-CN", "/lists", "电话")]
    [InlineData("en", "/privacy", "Telephone")]
    public async Task A_configured_operator_s_name_address_telephone_and_e_mail_are_in_the_footer(string language, string path, string telephoneLabel)
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { Operator = Operator }, Cancel);

        var footer = Footer(await PageAsync(server, path, language));

        Assert.Contains(Operator.Name, footer, StringComparison.Ordinal);
        Assert.Contains(Operator.Address!, footer, StringComparison.Ordinal);
        Assert.Contains($"{telephoneLabel}{(language == "en" ? ": " : "：")}<a href=\"tel:059180000000\">0591-8000 0000</a>", footer, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:credit@example.gov.cn\">credit@example.gov.cn</a>", footer, StringComparison.Ordinal);
        Assert.Equal(language == "en", footer.Contains($"<span class=\"operator-name\" lang=\"zh-CN\">{Operator.Name}</span>", StringComparison.Ordinal));
        Assert.DoesNotContain("data-demo", footer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "个人信息处理者")]
    [InlineData("en", "Who is responsible")]
    public async Task The_privacy_notice_names_the_operator_responsible_for_personal_information(string language, string heading)
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { Operator = Operator }, Cancel);

        var main = MainOf(await PageAsync(server, "/privacy", language));

        Assert.Contains(heading, main, StringComparison.Ordinal);
        Assert.Contains(Operator.Name, main, StringComparison.Ordinal);
        Assert.Contains("mailto:credit@example.gov.cn", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_operator_is_shown_with_a_sentence_saying_it_is_invented()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { Operator = OperatorContact.Demo }, Cancel);

        var zh = Footer(await PageAsync(server, "/", "zh-CN"));
        var en = Footer(await PageAsync(server, "/", "en"));

        Assert.Contains("示范运营单位", zh, StringComparison.Ordinal);
        Assert.Contains("operator@example.org", zh, StringComparison.Ordinal);
        Assert.Contains("均为虚构", zh, StringComparison.Ordinal);
        Assert.Contains("this operator and its contact details are invented", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_operator_settings_the_footer_keeps_its_generic_sentence_and_the_privacy_notice_names_nobody()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);

        var footer = Footer(await PageAsync(server, "/", "en"));
        var privacy = MainOf(await PageAsync(server, "/privacy", "en"));

        Assert.Contains("contact its operator (the lead department for the social credit system)", footer, StringComparison.Ordinal);
        Assert.DoesNotContain("<address", footer, StringComparison.Ordinal);
        Assert.DoesNotContain("Who is responsible", privacy, StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(RunningServer server, string path, string language)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        return html;
    }

    private static string Footer(string html) => html[html.IndexOf("<footer", StringComparison.Ordinal)..];

    private static string MainOf(string html) =>
        html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
}

public sealed class OperatorContactTests_on_SQLite() : OperatorContactTests(new SqliteTestDatabases());

public sealed class OperatorContactTests_on_PostgreSQL(PostgresClusterFixture cluster) : OperatorContactTests(new PostgresTestDatabases(cluster));
