using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Catalog;

public sealed class CatalogVersionTests : IDisposable
{
    private readonly CatalogCopy _copy = new();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void The_same_files_give_the_same_version()
    {
        var original = CatalogLoader.Load(CatalogCopy.DefaultDirectory).GetCatalogOrThrow().Version;

        Assert.Equal(original, _copy.Load().GetCatalogOrThrow().Version);
        Assert.Equal("2026.1", original.Declared);
        Assert.Matches("^[0-9a-f]{64}$", original.ContentHash);
    }

    [Fact]
    public void Editing_any_file_changes_the_version_even_if_the_declared_one_is_not_bumped()
    {
        var before = _copy.Load().GetCatalogOrThrow().Version;
        _copy.Append("calendar.yaml", "# a comment is an edit too\n");

        var after = _copy.Load().GetCatalogOrThrow().Version;

        Assert.Equal(before.Declared, after.Declared);
        Assert.NotEqual(before.ContentHash, after.ContentHash);
        Assert.StartsWith("2026.1+", after.ToString(), StringComparison.Ordinal);
    }
}
