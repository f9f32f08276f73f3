using System.Diagnostics;
using System.Net;
using PublicCredit.Access;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// The address printed on signed reports is the configured public URL, never the request's <c>Host</c>, and a request
/// naming a host the server does not answer for is refused (docs/design.md#edges-public-limits-and-audit-reads; ADR 0038), over real HTTP on each provider.
/// </summary>
public abstract class PublicAddressTests(ITestDatabases databases)
{
    private const string PublicUrl = "https://credit.example.cn/";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/public/subjects?q=%E7%A6%8F%E5%B7%9E")]
    [InlineData("/")]
    [InlineData("/verify")]
    public async Task A_request_with_a_forged_host_is_refused_before_it_reaches_anything(string path)
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PublicUrl = new Uri(PublicUrl) }, Cancel);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "attacker.example";

        var response = await client.SendAsync(request, Cancel);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "host-not-allowed");
    }

    [Fact]
    public async Task Without_a_public_url_only_loopback_names_and_the_listening_host_are_answered()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var client = server.Client();

        foreach (var (host, allowed) in new[] { ("attacker.example", false), ("localhost", true), ($"127.0.0.1:{server.BaseAddress.Port}", true), ("10.1.2.3", false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog");
            request.Headers.Host = host;
            var response = await client.SendAsync(request, Cancel);
            if (allowed)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{host}: {(int)response.StatusCode}");
            }
            else
            {
                await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "host-not-allowed");
            }
        }
    }

    [Fact]
    public async Task A_report_fetched_under_another_allowed_host_still_prints_the_configured_public_url()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PublicUrl = new Uri(PublicUrl) }, Cancel);
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/public/subjects/{RecordBodies.OrganisationId}/report.pdf");
        request.Headers.Host = "localhost:9";

        var response = await anyone.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = CodeOf(response);
        var text = await PdfTextAsync(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains(PublicUrl + "verify/" + code, text, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_url_a_report_prints_the_listening_address_whatever_host_the_request_named()
    {
        await using var server = await RunningServer.StartAsync(databases, Cancel);
        using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
        (await recorder.PostJsonAsync("/api/v1/records", RecordBodies.Penalty(), Cancel)).EnsureSuccessStatusCode();
        using var anyone = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/public/subjects/{RecordBodies.OrganisationId}/report.pdf");
        request.Headers.Host = "localhost:9";

        var response = await anyone.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await PdfTextAsync(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains(new Uri(server.BaseAddress, "verify/" + CodeOf(response)).ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_document_names_the_public_url_as_its_server_not_the_requests_host()
    {
        await using var server = await RunningServer.StartAsync(databases, s => s with { PublicUrl = new Uri(PublicUrl) }, Cancel);
        using var anyone = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "localhost:9";

        var response = await anyone.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var servers = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("servers");
        Assert.Equal("https://credit.example.cn", Assert.Single(servers.EnumerateArray()).GetProperty("url").GetString());
        Assert.DoesNotContain("localhost", text, StringComparison.Ordinal);
    }

    private static string CodeOf(HttpResponseMessage response)
    {
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        Assert.NotNull(name);
        return name!.Trim('"')["credit-report-".Length..^".pdf".Length];
    }

    /// <summary>The text of a PDF as poppler's pdftotext reads it (scripts/test.sh installs poppler-utils).</summary>
    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), "pcredit-report-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, pdf, Cancel);
        try
        {
            // -raw keeps a long address on one line (the layout mode may break it at a column).
            var start = new ProcessStartInfo("pdftotext", ["-raw", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
            var output = await process.StandardOutput.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + await process.StandardError.ReadToEndAsync(Cancel));
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class PublicAddressTests_on_SQLite() : PublicAddressTests(new SqliteTestDatabases());

public sealed class PublicAddressTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicAddressTests(new PostgresTestDatabases(cluster));
