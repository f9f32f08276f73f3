using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.ComponentModel.DataAnnotations;
using PublicCredit.Data;

namespace PublicCredit.Web.Hosting;

/// <summary>What `pcredit serve` was asked to run (API.md). Validated before anything starts.</summary>
public sealed record HostSettings
{
    public required DatabaseTarget Database { get; init; }

    /// <summary>Folder of the catalog YAML files.</summary>
    [Required]
    public required string CatalogDirectory { get; init; }

    /// <summary>Kestrel addresses, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    [Required]
    [MinLength(1)]
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>Load the demo data set if the database is empty.</summary>
    public bool Demo { get; init; }

    /// <summary>"now" for every rule; tests pass a fake clock (DESIGN principle 9).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Write logs as JSON lines (structured) instead of the human-readable console format.</summary>
    public bool JsonLogs { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Refuses settings that cannot work, naming the setting (options validated at start).</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Directory.Exists(CatalogDirectory))
        {
            problems.Add($"catalog: the folder '{CatalogDirectory}' does not exist");
        }

        foreach (var url in Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"urls: '{url}' is not an http(s) address");
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(HostSettings), typeof(HostSettings), problems);
        }
    }
}
