using System.Security.Cryptography;
using System.Text;
using PublicCredit.Calendar;

namespace PublicCredit.Catalog;

/// <summary>
/// Loads a catalog folder (ADR 0003): parses every file, runs every rule, and returns either a valid
/// <see cref="CreditCatalog"/> or every problem found, each with its file and line. Nothing half-valid loads.
/// </summary>
public static class CatalogLoader
{
    /// <summary>The files a catalog folder consists of; all are required.</summary>
    public static IReadOnlyList<string> Files => CatalogParser.Files;

    public static CatalogLoadResult Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var problems = new ProblemSink();
        if (!Directory.Exists(directory))
        {
            problems.Add(".", 1, "catalog-not-found", $"the catalog folder '{directory}' does not exist.");
            return CatalogLoadResult.Invalid(problems.All);
        }

        var present = Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ||
                           name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

        // A misspelt file name (measure.yaml) would otherwise be silently ignored while measures.yaml is missing.
        foreach (var name in present.Where(n => !Files.Contains(n, StringComparer.Ordinal)))
        {
            problems.Add(name, 1, "file-unknown", $"'{name}' is not a catalog file; expected: {string.Join(", ", Files)}.");
        }

        var parsed = new ParsedCatalog();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in present)
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, name));
            AppendToHash(hash, name, bytes);
            if (Files.Contains(name, StringComparer.Ordinal))
            {
                CatalogParser.Parse(name, Decode(bytes), parsed, problems);
            }
        }

        foreach (var name in Files.Where(f => !present.Contains(f, StringComparer.Ordinal)))
        {
            problems.Add(name, 1, "file-missing", $"the catalog folder has no '{name}'.");
            parsed.UnreadableKinds.Add(CatalogParser.KindOf(name));
        }

        CatalogRules.Check(parsed, problems);
        if (problems.Count > 0 || parsed.DeclaredVersion is null || parsed.Title is null || parsed.ObjectionReview is null)
        {
            return CatalogLoadResult.Invalid([.. problems.All
                .OrderBy(p => p.File, StringComparer.Ordinal)
                .ThenBy(p => p.Line)]);
        }

        var version = new CatalogVersion(parsed.DeclaredVersion, Convert.ToHexStringLower(hash.GetHashAndReset()));
        return CatalogLoadResult.Valid(new CreditCatalog(
            version,
            parsed.Title,
            parsed.Departments,
            parsed.Categories,
            parsed.Matters,
            parsed.ListTypes,
            parsed.Measures,
            parsed.Memoranda,
            new WorkingDayCalendar(parsed.Years))
        {
            ObjectionReview = parsed.ObjectionReview.Value,
            Purposes = new(parsed.Purposes),
            RefilingCoolingOffDays = parsed.RefilingCoolingOffDays ?? CreditCatalog.DefaultRefilingCoolingOffDays,
        });
    }

    // Name and length go in before the bytes so that moving text from one file to the next changes the hash.
    private static void AppendToHash(IncrementalHash hash, string name, byte[] bytes)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(name));
        hash.AppendData([0]);
        hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
        hash.AppendData(bytes);
    }

    private static string Decode(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
