using System.Text.RegularExpressions;

namespace PublicCredit.Core.Tests.Repository;

/// <summary>
/// The namespaces of PublicCredit.Core form layers (docs/architecture.md): a namespace that uses another is never used
/// by it, directly or round a longer loop. The graph is read from the source: for each file under
/// <c>src/PublicCredit.Core</c>, its namespace uses every <c>PublicCredit.X</c> it imports with <c>using</c> or names
/// fully qualified.
/// </summary>
public partial class NamespaceCycleTests
{
    /// <summary>
    /// The edges that still close a loop and are not broken yet. The list only shrinks: an edge that no longer exists
    /// fails the test until it is removed here, and a new loop fails it until it is broken.
    /// </summary>
    private static readonly string[] RemainingEdges =
    [
        // The EF Core model registers every capability's rows; the rows stay where they are, since their CLR names are
        // in the migrations' snapshots.
        "Storage -> Checks", "Storage -> Designations", "Storage -> Import", "Storage -> Inquiries", "Storage -> Ledger",
        "Storage -> Objections", "Storage -> Records", "Storage -> Removals", "Storage -> Reports",
        "Storage -> Restorations", "Storage -> Subjects", "Storage -> Subscriptions",
        // The ledger's event registry and the state reconcilers know every capability's events and rows (ADR 0040).
        "Ledger -> Changes", "Ledger -> Checks", "Ledger -> Designations", "Ledger -> Import", "Ledger -> Inquiries",
        "Ledger -> Objections", "Ledger -> Records", "Ledger -> Removals", "Ledger -> Reports",
        "Ledger -> Restorations", "Ledger -> Subscriptions",
        // Kernel namespaces that reach up: a catalog version is stored and appended by the catalog itself, and the
        // catalog rules name the restoration conditions.
        "Catalog -> Access", "Catalog -> Storage", "Catalog -> Ledger", "Catalog -> Restorations",
        "Access -> Storage", "Access -> Ledger",
    ];

    [Fact]
    public void The_namespaces_of_the_core_use_each_other_without_a_loop()
    {
        var graph = NamespaceGraph();
        var remaining = RemainingEdges.Select(Edge).ToHashSet();
        var layered = graph.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Where(to => !remaining.Contains((pair.Key, to))).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        var cycle = FindCycle(layered);

        Assert.True(cycle is null, "These namespaces of PublicCredit.Core use each other in a loop: " +
            string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void The_list_of_loop_edges_not_yet_broken_only_names_edges_that_still_exist()
    {
        var graph = NamespaceGraph();
        var gone = RemainingEdges
            .Where(edge => Edge(edge) is var (from, to) && !(graph.TryGetValue(from, out var uses) && uses.Contains(to)))
            .ToList();

        Assert.True(gone.Count == 0, "No longer used; remove from RemainingEdges: " + string.Join(", ", gone));
    }

    [Fact]
    public void A_loop_between_two_namespaces_is_found_and_named()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["Records"] = ["Catalog", "Subjects"],
            ["Subjects"] = ["Records"],
            ["Catalog"] = [],
        };

        Assert.Equal(["Records", "Subjects", "Records"], FindCycle(graph));
    }

    private static (string From, string To) Edge(string text)
    {
        var parts = text.Split(" -> ");
        return (parts[0], parts[1]);
    }

    /// <summary>Each namespace of the core (without the <c>PublicCredit.</c> prefix) and those it uses.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        var source = Path.Combine(RepositoryFiles.Root(), "src", "PublicCredit.Core");
        var files = RepositoryFiles.Enumerate(source).Where(path => path.EndsWith(".cs", StringComparison.Ordinal)).ToList();
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var text = File.ReadAllText(path);
            if (FileNamespace().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            var from = declared.Groups[1].Value;
            if (!uses.TryGetValue(from, out var set))
            {
                uses[from] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (Match m in UsingDirective().Matches(text))
            {
                set.Add(m.Groups[1].Value);
            }

            var body = UsingDirective().Replace(FileNamespace().Replace(text, string.Empty), string.Empty);
            foreach (Match m in QualifiedName().Matches(body))
            {
                set.Add(m.Groups[1].Value);
            }
        }

        foreach (var (from, set) in uses)
        {
            set.RemoveWhere(to => to == from || !uses.ContainsKey(to));
        }

        Assert.True(uses.Count > 10, $"Expected the core's namespaces under {source}, found {uses.Count}.");
        return uses;
    }

    /// <summary>A loop as the namespaces along it, the first repeated at the end; null when there is none.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in (graph.TryGetValue(node, out var uses) ? uses : []).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^namespace\s+PublicCredit\.(\w+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?PublicCredit\.(\w+)[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\bPublicCredit\.(\w+)\.")]
    private static partial Regex QualifiedName();
}
