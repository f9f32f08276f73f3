using PublicCredit.Data;
using PublicCredit.Errors;
using PublicCredit.Web.Hosting;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>A server never starts on settings or rules that do not hold; it says which and why.</summary>
public sealed class StartupValidationTests
{
    private static HostSettings Settings(string catalog, params string[] urls) => new()
    {
        Database = DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), "pcredit-unused-" + Guid.NewGuid().ToString("N"), "x.db")),
        CatalogDirectory = catalog,
        Urls = urls.Length == 0 ? ["http://127.0.0.1:0"] : urls,
    };

    [Fact]
    public void A_missing_catalog_folder_is_refused_naming_the_setting()
    {
        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(Settings("/no/such/catalog")));

        Assert.Equal("setting-catalog-missing", ex.Code);
        Assert.Equal("catalog", ex.Errors[0].Field);
    }

    [Fact]
    public void An_address_that_is_not_http_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(Settings(RepositoryPaths.Catalog, "ftp://127.0.0.1:21")));

        Assert.Equal("setting-url-invalid", ex.Code);
    }

    [Fact]
    public void A_server_listening_on_every_interface_without_a_public_url_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(Settings(RepositoryPaths.Catalog, "http://0.0.0.0:0")));

        Assert.Equal(("setting-public-url-missing", "publicUrl"), (ex.Code, ex.Errors[0].Field));
    }

    [Theory]
    [InlineData("ftp://credit.example.cn/")]
    [InlineData("https://credit.example.cn/?from=report")]
    [InlineData("https://user@credit.example.cn/")]
    public void A_public_url_that_is_not_a_plain_http_address_is_refused(string url)
    {
        var settings = Settings(RepositoryPaths.Catalog) with { PublicUrl = new Uri(url) };

        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(settings));

        Assert.Equal(("setting-public-url-invalid", "publicUrl"), (ex.Code, ex.Errors[0].Field));
    }

    [Fact]
    public void A_proxy_named_without_behind_proxy_or_not_an_address_is_refused()
    {
        var unused = Assert.Throws<DomainException>(() => PublicCreditApp.Build(Settings(RepositoryPaths.Catalog) with { KnownProxies = ["192.0.2.1"] }));
        var invalid = Assert.Throws<DomainException>(() => PublicCreditApp.Build(Settings(RepositoryPaths.Catalog) with { BehindProxy = true, KnownProxies = ["proxy.local"] }));

        Assert.Equal("setting-proxy-without-behind-proxy", unused.Code);
        Assert.Equal("setting-proxy-invalid", invalid.Code);
    }

    [Theory]
    [InlineData("", null, null, null, "setting-operator-invalid", "operatorName")]
    [InlineData("示范运营单位", "第一行\n第二行", null, null, "setting-operator-invalid", "operatorAddress")]
    [InlineData("示范运营单位", null, "call us", null, "setting-operator-invalid", "operatorTelephone")]
    [InlineData("示范运营单位", null, null, "contact@", "setting-operator-email-invalid", "operatorEmail")]
    [InlineData("示范运营单位", null, null, "a b@example.org", "setting-operator-email-invalid", "operatorEmail")]
    public void Operator_contact_details_that_are_empty_too_long_or_not_shaped_as_such_are_refused(
        string name, string? address, string? telephone, string? email, string code, string field)
    {
        var settings = Settings(RepositoryPaths.Catalog) with { Operator = new OperatorContact(name, address, telephone, email) };

        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(settings));

        Assert.Equal((code, field), (ex.Code, ex.Errors[0].Field));
    }

    [Fact]
    public void An_operator_name_longer_than_a_hundred_characters_is_refused_and_the_demo_operator_is_accepted()
    {
        var tooLong = Settings(RepositoryPaths.Catalog) with { Operator = new OperatorContact(new string('单', 101)) };

        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(tooLong));

        Assert.Equal(("setting-operator-invalid", "operatorName"), (ex.Code, ex.Errors[0].Field));
        Assert.Empty(OperatorContact.Demo.Problems());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void A_publicity_end_interval_that_could_not_announce_within_a_minute_is_refused(int seconds)
    {
        var settings = Settings(RepositoryPaths.Catalog) with { WithdrawalInterval = TimeSpan.FromSeconds(seconds) };

        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(settings));

        Assert.Equal(("setting-interval-invalid", "withdrawalInterval"), (ex.Code, ex.Errors[0].Field));
    }

    [Fact]
    public void A_catalog_that_does_not_validate_stops_the_server_from_starting()
    {
        var broken = Directory.CreateTempSubdirectory("pcredit-broken-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Catalog))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }

        File.Delete(Path.Combine(broken, "measures.yaml"));

        var ex = Assert.Throws<DomainException>(() => PublicCreditApp.Build(Settings(broken)));

        Assert.Equal("catalog-invalid", ex.Code);
        Assert.Contains(ex.Errors, e => e.Code == "file-missing" && e.Field.StartsWith("measures.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_with_a_missing_catalog_exits_2_and_says_why()
    {
        var result = await CliRunner.RunAsync("serve", "--catalog", "/no/such/catalog", "--db", Path.Combine(Path.GetTempPath(), "pcredit-x-" + Guid.NewGuid().ToString("N") + ".db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("setting-catalog-missing", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--public-url", "credit.example.cn", "setting-public-url-invalid")]
    [InlineData("--urls", "http://0.0.0.0:0", "setting-public-url-missing")]
    [InlineData("--public-search-per-minute", "-1", "setting-limit-invalid")]
    [InlineData("--checkpoint-every", "0", "setting-limit-invalid")]
    [InlineData("--proxy", "192.0.2.1", "setting-proxy-without-behind-proxy")]
    public async Task Serve_refuses_edge_settings_that_cannot_work_and_names_them(string option, string value, string code)
    {
        var result = await CliRunner.RunAsync("serve", option, value, "--db", Path.Combine(Path.GetTempPath(), "pcredit-x-" + Guid.NewGuid().ToString("N") + ".db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(code, result.Error, StringComparison.Ordinal);
    }
}
