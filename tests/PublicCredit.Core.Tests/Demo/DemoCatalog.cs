using PublicCredit.Catalog;

namespace PublicCredit.Core.Tests.Demo;

/// <summary>
/// The default catalog as it is in the checkout's <c>catalog/</c> folder — not the copy next to the test assembly —
/// so the generator is judged against the catalog the product ships.
/// </summary>
internal static class DemoCatalog
{
    private static readonly Lazy<CreditCatalog> Loaded = new(() => CatalogLoader.Load(Path.Combine(RepositoryRoot(), "catalog")).GetCatalogOrThrow());

    public static CreditCatalog Default => Loaded.Value;

    internal static string RepositoryRoot()
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
}
