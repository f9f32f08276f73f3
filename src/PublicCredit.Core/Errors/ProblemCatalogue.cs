using System.Globalization;
using System.Reflection;
using System.Text;

namespace PublicCredit.Errors;

/// <summary>Marks a capability's error catalogue: a static class whose <see cref="ProblemAttribute"/> constants are its codes (ADR 0040).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProblemCatalogueAttribute(string capability) : Attribute
{
    public string Capability { get; } = capability;
}

/// <summary>
/// One code of a catalogue: the HTTP status it is answered with (0: refused by the CLI at start-up, never over HTTP),
/// what it means, and the field it concerns where that is fixed.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ProblemAttribute(int status, string meaning) : Attribute
{
    public int Status { get; } = status;

    public string Meaning { get; } = meaning;

    public string? Field { get; init; }
}

/// <summary>One catalogued code.</summary>
public sealed record ProblemEntry(string Code, int Status, string Capability, string? Field, string Meaning, string Constant);

/// <summary>
/// Every stable problem code, read from the catalogues of the given assemblies (ADR 0040). A code may be listed by
/// more than one capability (<c>subject-id-invalid</c>) with one status; docs/api.md's table is generated from it.
/// </summary>
public static class ProblemCatalogue
{
    public static IReadOnlyList<ProblemEntry> Read(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var entries = new List<ProblemEntry>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetCustomAttribute<ProblemCatalogueAttribute>() is not { } catalogue)
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.IsLiteral && field.GetCustomAttribute<ProblemAttribute>() is { } problem)
                {
                    entries.Add(new ProblemEntry((string)field.GetRawConstantValue()!, problem.Status, catalogue.Capability, problem.Field,
                        problem.Meaning, $"{type.Name}.{field.Name}"));
                }
            }
        }

        return [.. entries.OrderBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.Capability, StringComparer.Ordinal)];
    }

    /// <summary>The table docs/api.md shows between its <c>error-codes</c> markers: one line per code.</summary>
    public static string DocsTable(IEnumerable<ProblemEntry> entries)
    {
        var text = new StringBuilder("| code | status | capability | meaning |\n|---|---|---|---|\n");
        foreach (var group in entries.GroupBy(e => e.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            var status = first.Status == 0 ? "CLI" : first.Status.ToString(CultureInfo.InvariantCulture);
            var field = first.Field is null ? "" : $" (`{first.Field}`)";
            text.Append(CultureInfo.InvariantCulture,
                $"| `{group.Key}` | {status} | {string.Join(", ", group.Select(e => e.Capability).Distinct())} | {first.Meaning.Replace("|", "\\|", StringComparison.Ordinal)}{field} |\n");
        }

        return text.ToString();
    }
}
