using System.Text.Json;
using PublicCredit.Testing;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Api;

/// <summary>
/// The served OpenAPI document passes the pinned linters (docs/api.md#the-contract-and-how-it-is-checked; ADR 0048):
/// Redocly CLI with its recommended rules and Spectral with <c>spectral:oas</c> both report no error. The document is
/// fetched from a running host, as an approval system's developer would, and saved to a file for the linters; each
/// error is listed with its rule and path. Warnings are counted in the test output.
/// </summary>
public abstract class OpenApiLintTests(ITestDatabases databases) : ServerTests(databases)
{
    [Fact]
    public async Task Redocly_finds_no_error_in_the_served_document()
    {
        using var document = await SavedDocumentAsync();

        var (output, _) = await RunAsync("redocly", "lint", document.Path, "--config", Path.Combine(Checkers.Folder, "redocly.yaml"), "--format", "json");

        var problems = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetString(), Line: $"{p.GetProperty("ruleId").GetString()} at {Pointer(p)}: {p.GetProperty("message").GetString()}"))
            .ToList();
        Report("redocly", problems.Count(p => p.Severity == "warn"), problems.Where(p => p.Severity == "warn").Select(p => p.Line));
        var errors = problems.Where(p => p.Severity == "error").Select(p => p.Line).ToList();
        Assert.True(errors.Count == 0, $"redocly lint: {errors.Count} errors\n" + string.Join('\n', errors));
    }

    [Fact]
    public async Task Spectral_finds_no_error_in_the_served_document()
    {
        using var document = await SavedDocumentAsync();

        var (output, _) = await RunAsync("spectral", "lint", document.Path, "--ruleset", Path.Combine(Checkers.Folder, "spectral.yaml"), "--format", "json", "--quiet");

        var problems = JsonDocument.Parse(output.Trim().Length == 0 ? "[]" : output[output.IndexOf('[', StringComparison.Ordinal)..]).RootElement.EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetInt32(),
                Line: $"{p.GetProperty("code").GetString()} at /{string.Join('/', p.GetProperty("path").EnumerateArray().Select(s => s.ToString()))}: {p.GetProperty("message").GetString()}"))
            .ToList();
        Report("spectral", problems.Count(p => p.Severity == 1), problems.Where(p => p.Severity == 1).Select(p => p.Line));
        var errors = problems.Where(p => p.Severity == 0).Select(p => p.Line).ToList();
        Assert.True(errors.Count == 0, $"spectral lint: {errors.Count} errors\n" + string.Join('\n', errors));
    }

    private static string Pointer(JsonElement problem) =>
        problem.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Array && location.GetArrayLength() > 0
            && location[0].TryGetProperty("pointer", out var pointer)
            ? pointer.GetString() ?? "?"
            : "?";

    private static void Report(string linter, int warnings, IEnumerable<string> lines) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{linter}: {warnings} warnings\n" + string.Join('\n', lines));

    private async Task<TempFile> SavedDocumentAsync()
    {
        using var client = Server.Client();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel);
        var file = new TempFile(Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json"));
        await File.WriteAllTextAsync(file.Path, json, Cancel);
        return file;
    }

    /// <summary>Runs a pinned checker (missing, the test fails and says how to install it) and returns its report.</summary>
    private static async Task<(string Output, int ExitCode)> RunAsync(string tool, params string[] arguments)
    {
        // No telemetry or update checks from a test run.
        var (exitCode, output, error) = await Checkers.RunAsync(tool, arguments,
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" }, cancellationToken: Cancel);
        Assert.True(output.Contains('{', StringComparison.Ordinal) || output.Contains('[', StringComparison.Ordinal) || exitCode == 0,
            $"{tool} exited {exitCode} without a report: {error}");
        return (output, exitCode);
    }

    private sealed class TempFile(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => File.Delete(Path);
    }
}

public sealed class OpenApiLintTests_on_SQLite() : OpenApiLintTests(new SqliteTestDatabases());

public sealed class OpenApiLintTests_on_PostgreSQL(PostgresClusterFixture cluster) : OpenApiLintTests(new PostgresTestDatabases(cluster));
