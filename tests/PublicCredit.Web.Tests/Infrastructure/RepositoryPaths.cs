namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Where the checkout is: tests use the real default catalog, not a copy made for them.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Catalog => Path.Combine(Root, "catalog");

    private static string FindRoot()
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
