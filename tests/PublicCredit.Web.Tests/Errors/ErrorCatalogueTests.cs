using System.Net;
using System.Text.RegularExpressions;
using PublicCredit.Errors;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Errors;

/// <summary>
/// The error catalogues (ADR 0040): every code is declared once per capability with one status, spelled nowhere else
/// in the source, listed in docs/api.md, and every code a test asserts over HTTP is there with the status asserted.
/// </summary>
public partial class ErrorCatalogueTests
{
    private const string Begin = "<!-- error-codes:begin -->";
    private const string End = "<!-- error-codes:end -->";

    public static IReadOnlyList<ProblemEntry> Entries { get; } = ProblemCatalogue.Read(
        [typeof(DomainException).Assembly, typeof(PublicCredit.Data.DatabasePool).Assembly, typeof(PublicCredit.Web.Errors.WebProblemCodes).Assembly]);

    private static IEnumerable<(string Path, string Text)> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(RepositoryPaths.Root, p), File.ReadAllText(p)));

    [Fact]
    public void Every_code_has_one_status_and_a_meaning_in_every_catalogue_that_lists_it()
    {
        Assert.True(Entries.Count > 200, $"only {Entries.Count} codes catalogued");
        foreach (var code in Entries.GroupBy(e => e.Code))
        {
            Assert.Single(code.Select(e => e.Status).Distinct());
            Assert.Equal(code.Count(), code.Select(e => e.Capability).Distinct().Count());
            Assert.All(code, e => Assert.False(string.IsNullOrWhiteSpace(e.Meaning), e.Constant));
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", code.Key);
        }
    }

    /// <summary>
    /// No code literal where a refusal is made: each use case names its code through its catalogue, so a code cannot
    /// be emitted that the catalogue (and so the docs) lacks. The patterns are every way the source makes a problem.
    /// </summary>
    [Fact]
    public void No_refusal_in_the_source_spells_its_code_inline()
    {
        var inline = new List<string>();
        foreach (var (path, text) in Sources("src"))
        {
            foreach (Match m in InlineCode().Matches(text))
            {
                inline.Add($"{path}: {m.Value}");
            }
        }

        Assert.True(inline.Count == 0, "codes spelled inline instead of through a catalogue:\n" + string.Join("\n", inline));
    }

    [Fact]
    public void A_catalogued_code_is_spelled_only_in_its_catalogue()
    {
        var hyphenated = Entries.Select(e => e.Code).Where(c => c.Contains('-', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var elsewhere = new List<string>();
        foreach (var (path, text) in Sources("src"))
        {
            foreach (Match m in Literal().Matches(text))
            {
                var code = m.Groups[1].Value;
                if (hyphenated.Contains(code) && !IsDeclaration(text, m.Index))
                {
                    elsewhere.Add($"{path}: \"{code}\"");
                }
            }
        }

        Assert.True(elsewhere.Count == 0, "catalogued codes spelled outside their catalogue:\n" + string.Join("\n", elsewhere));
    }

    /// <summary>
    /// Every code and status the HTTP tests assert (<c>Problems.AssertAsync</c> with a status and a code literal) is
    /// catalogued with that status: a code the server really answers with that the catalogue lacks fails here.
    /// (<see cref="Problems.AssertAsync"/> checks the same at run time for codes a test passes as a variable.)
    /// </summary>
    [Fact]
    public void Every_code_the_HTTP_tests_assert_is_catalogued_with_the_status_they_see()
    {
        var statuses = Entries.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        var asserted = 0;
        var wrong = new List<string>();
        foreach (var (path, text) in Sources(Path.Combine("tests", "PublicCredit.Web.Tests")))
        {
            foreach (Match m in AssertedProblem().Matches(text))
            {
                if (!Enum.TryParse<HttpStatusCode>(m.Groups[1].Value, out var seen))
                {
                    continue;
                }

                var named = m.Groups[2].Value;
                var code = named.StartsWith('"') ? named.Trim('"') : Entries.FirstOrDefault(e => e.Constant == named)?.Code;
                if (code is null)
                {
                    continue; // a variable, or an alias of a catalogued constant: Problems.AssertAsync checks it at run time
                }

                asserted++;
                var status = (int)seen;
                if (!statuses.TryGetValue(code, out var catalogued) || catalogued != status)
                {
                    wrong.Add($"{path}: {status} {code} (catalogue: {(statuses.ContainsKey(code) ? catalogued.ToString(System.Globalization.CultureInfo.InvariantCulture) : "missing")})");
                }
            }
        }

        Assert.True(asserted > 150, $"only {asserted} asserted problems found: has Problems.AssertAsync changed shape?");
        Assert.True(wrong.Count == 0, "asserted over HTTP but not catalogued with that status:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Docs_api_lists_every_catalogued_code()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "api.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var expected = ProblemCatalogue.DocsTable(Entries);
        var (from, to) = (text.IndexOf(Begin, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        Assert.True(from >= 0 && to > from, $"docs/api.md has no {Begin} … {End} section");
        var current = text[(from + Begin.Length)..to].Trim('\n') + "\n";
        if (current != expected && Environment.GetEnvironmentVariable("PCREDIT_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(from + Begin.Length)] + "\n" + expected + text[to..]);
            return;
        }

        Assert.True(current == expected,
            $"docs/api.md: the error-code table differs from the catalogues (PCREDIT_WRITE_DOCS=1 rewrites it). Expected:\n{expected}");
    }

    private static bool IsDeclaration(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', index) + 1;
        var line = text[lineStart..text.IndexOf('\n', index)];
        var previousStart = text.LastIndexOf('\n', Math.Max(0, lineStart - 2)) + 1;
        var previous = text[previousStart..Math.Max(previousStart, lineStart - 1)];
        return Declaration().IsMatch(line) && previous.TrimStart().StartsWith("[Problem(", StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?:DomainException\.\w+\(|new FieldError\(|new DomainException\(|new\(ErrorKind\.\w+,|PathIds\.Parse\(|\["code"\]\s*=|Problem\(StatusCodes\.\w+,)[^;]*?"[a-z0-9]+(?:-[a-z0-9]+)+"\s*[,)]""")]
    private static partial Regex InlineCode();

    [GeneratedRegex("\"([a-z0-9]+(?:-[a-z0-9]+)+)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("""^\s*public const string \w+ = "[a-z0-9-]+";\s*$""")]
    private static partial Regex Declaration();

    [GeneratedRegex("""HttpStatusCode\.(\w+)\s*,\s*("[a-z0-9]+(?:-[a-z0-9]+)*"|\w+ProblemCodes\.\w+)\s*\)""")]
    private static partial Regex AssertedProblem();
}
