using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Catalog;

/// <summary>
/// A throw-away copy of the real default catalog (copied next to the test assembly) in a temp folder, for
/// breaking one thing and checking that the loader names the rule and the line.
/// </summary>
internal sealed class CatalogCopy : IDisposable
{
    public CatalogCopy()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pcredit-catalog-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.EnumerateFiles(DefaultDirectory, "*.yaml"))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "catalog");

    public string Directory { get; }

    public CatalogLoadResult Load() => CatalogLoader.Load(Directory);

    /// <summary>
    /// Replaces the first occurrence of <paramref name="find"/> at or after the first line containing
    /// <paramref name="after"/> and returns the 1-based line where the replacement starts.
    /// </summary>
    public int Replace(string file, string find, string replace, string? after = null)
    {
        var path = Path.Combine(Directory, file);
        var text = File.ReadAllText(path);
        var from = after is null ? 0 : text.IndexOf(after, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{after}' not found in {file}");
        var at = text.IndexOf(find, from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not found in {file} after '{after}'");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length)));
        return LineAt(text, at);
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="find"/> at or after <paramref name="after"/>.</summary>
    public int LineOf(string file, string find, string? after = null)
    {
        var text = File.ReadAllText(Path.Combine(Directory, file));
        var from = after is null ? 0 : text.IndexOf(after, StringComparison.Ordinal);
        var at = text.IndexOf(find, Math.Max(0, from), StringComparison.Ordinal);
        Assert.True(from >= 0 && at >= 0, $"'{find}' not found in {file} after '{after}'");
        return LineAt(text, at);
    }

    /// <summary>Appends text to a file and returns the 1-based line where it starts.</summary>
    public int Append(string file, string text)
    {
        var path = Path.Combine(Directory, file);
        var existing = File.ReadAllText(path);
        File.WriteAllText(path, existing + text);
        return existing.Count(c => c == '\n') + 1;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over clean-up.
        }
    }

    private static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}

internal static class CatalogAssert
{
    /// <summary>Asserts the load failed with exactly this code at exactly this file and line.</summary>
    public static CatalogProblem HasProblem(CatalogLoadResult result, string file, int line, string code)
    {
        Assert.False(result.IsValid, "the broken catalog loaded");
        var match = result.Problems.FirstOrDefault(p => p.File == file && p.Line == line && p.Code == code);
        Assert.True(match is not null,
            $"expected {file}:{line}: {code}; got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
        return match;
    }
}
