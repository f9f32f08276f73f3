namespace PublicCredit.Bench;

/// <summary>
/// <c>--pcredit-env NAME=VALUE</c>: variables set for the measured <c>pcredit</c> child only (e.g.
/// <c>DOTNET_TieredPGO=0</c>), so an A/B of a runtime setting leaves the baseline measured in or beside the bench
/// unchanged (ADR 0023).
/// </summary>
internal static class ChildEnvironment
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? pairs)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ArgumentException($"--pcredit-env expects NAME=VALUE, got '{pair}'");
            }

            environment[pair[..at]] = pair[(at + 1)..];
        }

        return environment;
    }

    /// <summary>The variables given, or "inherited only"; the log says which variant a figure belongs to.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> environment) =>
        environment.Count == 0 ? "inherited only" : string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"));
}
