using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PublicCredit.Core.Tests.Repository;

/// <summary>
/// The repository stands alone (docs/design.md#a-repository-that-stands-alone): every relative link in its Markdown
/// resolves to a file and, where it names one, a heading inside the repository; and no file points at pages outside
/// it — the product's input pages, issue numbers or source-document file names. Comments cite docs/domain.md,
/// docs/design.md, docs/api.md, a capability doc or an ADR instead.
/// </summary>
public class DocumentationTests
{
    [Fact]
    public void Every_relative_link_in_the_repository_markdown_leads_to_a_file_and_heading_inside_it()
    {
        var root = RepositoryFiles.Root();
        var problems = RepositoryFiles.Enumerate(root)
            .Where(path => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .SelectMany(path => MarkdownLinks.Problems(root, path))
            .ToList();

        Assert.True(problems.Count == 0, "Broken Markdown links:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void No_file_of_the_repository_cites_pages_issues_or_source_files_that_live_outside_it()
    {
        var root = RepositoryFiles.Root();
        var problems = RepositoryFiles.Enumerate(root)
            .Where(RepositoryFiles.IsText)
            .SelectMany(path => OutsideReferences.Find(root, path))
            .ToList();

        Assert.True(problems.Count == 0,
            "Point these at docs/domain.md, docs/design.md, docs/api.md, a capability doc or an ADR instead:\n" +
            string.Join('\n', problems));
    }

    [Fact]
    public void Every_docs_section_a_comment_or_message_cites_names_an_existing_file_and_heading()
    {
        var root = RepositoryFiles.Root();
        var anchors = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in RepositoryFiles.Enumerate(root).Where(p => !p.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).Where(RepositoryFiles.IsText))
        {
            foreach (var (line, doc, anchor) in MarkdownLinks.DocCitations(path))
            {
                var file = Path.Combine(root, doc);
                if (!File.Exists(file))
                {
                    problems.Add($"{RepositoryFiles.Relative(root, path)}:{line}: {doc} does not exist");
                }
                else if (anchor is not null && !(anchors.TryGetValue(doc, out var known) ? known : anchors[doc] = MarkdownLinks.Anchors(File.ReadAllText(file))).Contains(anchor))
                {
                    problems.Add($"{RepositoryFiles.Relative(root, path)}:{line}: {doc} has no heading #{anchor}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Citations of docs that do not resolve:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void The_docs_the_comments_cite_are_in_the_repository()
    {
        var docs = Path.Combine(RepositoryFiles.Root(), "docs");
        foreach (var name in new[] { "domain.md", "design.md", "api.md", "architecture.md", "performance.md" })
        {
            Assert.True(File.Exists(Path.Combine(docs, name)), $"docs/{name} is missing");
        }
    }

    [Theory]
    [InlineData("Who may do what", "who-may-do-what")]
    [InlineData("Import (`pcredit import`) and its benchmark", "import-pcredit-import-and-its-benchmark")]
    [InlineData("Deadline monitor (`GET /api/v1/stats/deadlines`)", "deadline-monitor-get-apiv1statsdeadlines")]
    [InlineData("The department never holds the subject's credential", "the-department-never-holds-the-subjects-credential")]
    [InlineData("7. Privacy by default", "7-privacy-by-default")]
    [InlineData("Public address, hosts and a proxy in front (ADR 0038)", "public-address-hosts-and-a-proxy-in-front-adr-0038")]
    [InlineData("公示期限（国办发〔2025〕22号）", "公示期限国办发202522号")]
    [InlineData("Records — 信用记录", "records--信用记录")]
    [InlineData("See [the catalog](catalog.md) first", "see-the-catalog-first")]
    [InlineData("`snake_case` *emphasis*", "snake_case-emphasis")]
    public void A_heading_is_linked_by_the_slug_github_gives_it(string heading, string slug)
    {
        Assert.Equal(slug, MarkdownLinks.Slug(heading));
    }

    [Fact]
    public void A_second_heading_with_the_same_text_is_linked_with_a_number()
    {
        var anchors = MarkdownLinks.Anchors("# Endpoints\n\n## Endpoints\n\n### Endpoints\n");

        Assert.Equal(new[] { "endpoints", "endpoints-1", "endpoints-2" }, anchors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_link_to_a_missing_file_a_missing_heading_or_outside_the_repository_is_reported()
    {
        var root = Path.Combine(Path.GetTempPath(), "pcredit-docs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "docs"));
        try
        {
            File.WriteAllText(Path.Combine(root, "docs", "a.md"), "# A\n\n## Known heading\n");
            File.WriteAllText(Path.Combine(root, "docs", "b.md"), string.Join('\n',
                "# B",
                "[fine](a.md#known-heading) [fine too](#b) [web](https://example.org/x.md#nowhere)",
                "`[in code](missing.md)`",
                "```",
                "[in a fence](missing.md)",
                "```",
                "[no file](missing.md) [no heading](a.md#unknown) [outside](../../elsewhere/DOC.md)",
                ""));

            var problems = MarkdownLinks.Problems(root, Path.Combine(root, "docs", "b.md")).ToList();

            Assert.Equal(3, problems.Count);
            Assert.Contains(problems, p => p.Contains("missing.md", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("a.md#unknown", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("elsewhere", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("// publication stops at the end (FA" + "CTS §4)")]
    [InlineData("/// the contract (AP" + "I.md \"Record\")")]
    [InlineData("# rules in DES" + "IGN.md")]
    [InlineData("/// notice before listing (DES" + "IGN principle 3)")]
    [InlineData("see [the rules](../" + "shared/rules.md)")]
    [InlineData("/// done in iss" + "ue 7 §3")]
    [InlineData("/// (Iss" + "ue 15)")]
    [InlineData("// source: 003_4d516cda1ba2a2" + "82.txt")]
    [InlineData("# the green channel (se" + "ed 000 §(4))")]
    public void A_reference_to_a_page_outside_the_repository_is_found(string line)
    {
        Assert.NotEmpty(OutsideReferences.In(line));
    }

    [Theory]
    [InlineData("/// publication stops at 00:00 China time (docs/domain.md#publicity-periods)")]
    [InlineData("/// the contract (docs/api.md#record-shape)")]
    [InlineData("var body = Penalty().With(\"facts\", \"FA" + "CTS\");")]
    [InlineData("/// Issues a token (IssueSubjectToken) for 3 days")]
    [InlineData("/// GF〔2016〕33 §(22): the department reviews it")]
    public void A_reference_inside_the_repository_is_not_reported(string line)
    {
        Assert.Empty(OutsideReferences.In(line));
    }
}

/// <summary>The files of the checkout, without build output, test results and version control.</summary>
internal static class RepositoryFiles
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", ".vs",
    };

    /// <summary>Folders at the root that hold what a run made, not the project (the default database, publish output).</summary>
    private static readonly HashSet<string> SkippedRootDirectories = new(StringComparer.Ordinal) { "data", "artifacts" };

    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicCredit.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests must run from inside the PublicCredit checkout.");
    }

    /// <summary>
    /// Every file under the root but the skipped folders. Other test projects may create and delete files in the
    /// checkout while this runs; a folder that vanished meanwhile is passed over.
    /// </summary>
    public static IEnumerable<string> Enumerate(string root)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            try
            {
                files.AddRange(Directory.EnumerateFiles(dir));
                foreach (var sub in Directory.EnumerateDirectories(dir))
                {
                    var name = Path.GetFileName(sub);
                    if (!SkippedDirectories.Contains(name) && !(dir == root && SkippedRootDirectories.Contains(name)))
                    {
                        pending.Push(sub);
                    }
                }
            }
            catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
            {
                // gone or not ours: not part of the project
            }
        }

        return files;
    }

    /// <summary>A file of at most 4 MB with no NUL byte in its first 8 kB (fonts, images and databases are skipped).</summary>
    public static bool IsText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > 4 * 1024 * 1024)
            {
                return false;
            }

            using var stream = info.OpenRead();
            Span<byte> head = stackalloc byte[8192];
            var read = stream.Read(head);
            return head[..read].IndexOf((byte)0) < 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // deleted meanwhile by another test run, or not readable: not a project file
        }
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}

/// <summary>References to pages that are not in the repository: the input pages, issues, source-document files.</summary>
internal static partial class OutsideReferences
{
    public static IEnumerable<string> Find(string root, string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        var number = 0;
        foreach (var line in lines)
        {
            number++;
            foreach (var found in In(line))
            {
                yield return $"{RepositoryFiles.Relative(root, path)}:{number.ToString(CultureInfo.InvariantCulture)}: '{found}' in: {line.Trim()}";
            }
        }
    }

    public static IEnumerable<string> In(string line) => Pattern().Matches(line).Select(m => m.Value);

    // Written so that this file does not match itself: the pattern's text never spells a reference out.
    [GeneratedRegex(
        @"\.\./shared" +
        @"|\bF[A]CTS(?:\.md|\s*§)" +
        @"|\bA[P]I\.md" +
        @"|\bD[E]SIGN(?:\.md|\s+principles?\b|\s+"")" +
        @"|\b[Ii][s]sue\s+#?[0-9]+" +
        @"|\b[0-9]{3}_[0-9a-f]{16}\.txt\b" +
        @"|\bs[e]eds?\s+0[0-9]{2}\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Relative links of Markdown files and the anchors GitHub gives headings.</summary>
internal static partial class MarkdownLinks
{
    public static IEnumerable<string> Problems(string root, string path)
    {
        var text = WithoutCode(File.ReadAllText(path));
        var where = RepositoryFiles.Relative(root, path);
        foreach (var target in Targets(text))
        {
            if (Scheme().IsMatch(target) || target.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
            var resolved = file.Length == 0
                ? path
                : Path.GetFullPath(file.StartsWith('/') ? Path.Combine(root, file.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(path)!, file));

            var inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
            if (Path.TrimEndingDirectorySeparator(resolved) != inside
                && !resolved.StartsWith(inside + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                yield return $"{where}: ({target}) leads outside the repository";
                continue;
            }

            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                yield return $"{where}: ({target}) names no file";
                continue;
            }

            if (anchor is { Length: > 0 } && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && File.Exists(resolved)
                && !Anchors(File.ReadAllText(resolved)).Contains(anchor))
            {
                yield return $"{where}: ({target}) names no heading of {RepositoryFiles.Relative(root, resolved)}";
            }
        }
    }

    /// <summary>The anchors of a Markdown text's headings, as GitHub makes them (a repeated slug gets -1, -2, …).</summary>
    public static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(StripFences(markdown)))
        {
            var slug = Slug(heading.Groups["text"].Value);
            var candidate = slug;
            for (var n = 1; !anchors.Add(candidate); n++)
            {
                candidate = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        foreach (Match named in HtmlAnchor().Matches(markdown))
        {
            anchors.Add(named.Groups["id"].Value);
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's heading slug: the heading's rendered text (link text for links, code without backticks), lower-cased,
    /// everything but letters, marks, numbers, connector punctuation, spaces and hyphens dropped, spaces made hyphens.
    /// CJK characters are letters and stay; full-width punctuation goes.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = LinkSyntax().Replace(heading, "${text}");
        text = HtmlTag().Replace(text, string.Empty);
        var slug = new StringBuilder(text.Length);
        foreach (var rune in text.Trim().ToLowerInvariant().EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value == ' ')
            {
                slug.Append('-');
            }
            else if (rune.Value == '-' || category is UnicodeCategory.ConnectorPunctuation
                     || Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                         or UnicodeCategory.EnclosingMark or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                slug.Append(rune.ToString());
            }
        }

        return slug.ToString();
    }

    /// <summary>Mentions of <c>docs/….md</c> and <c>docs/….md#anchor</c> in a file, with their line numbers.</summary>
    public static IEnumerable<(int Line, string Doc, string? Anchor)> DocCitations(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in DocCitation().Matches(lines[i]))
            {
                yield return (i + 1, m.Groups["doc"].Value, m.Groups["anchor"].Success ? m.Groups["anchor"].Value : null);
            }
        }
    }

    private static IEnumerable<string> Targets(string text)
    {
        foreach (Match link in InlineLink().Matches(text))
        {
            yield return link.Groups["target"].Value.Trim('<', '>');
        }

        foreach (Match definition in LinkDefinition().Matches(text))
        {
            yield return definition.Groups["target"].Value.Trim('<', '>');
        }
    }

    private static string WithoutCode(string markdown) => CodeSpan().Replace(StripFences(markdown), string.Empty);

    private static string StripFences(string markdown)
    {
        var kept = new StringBuilder(markdown.Length);
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                kept.Append('\n');
                continue;
            }

            kept.Append(inFence ? string.Empty : line).Append('\n');
        }

        return kept.ToString();
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:name|id)=""(?<id>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkSyntax();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\]\((?<target><[^>]*>|[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"(`+)[^`]*?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?<![\w/.])(?<doc>docs/[\w./-]*\w\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex DocCitation();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
