namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Where the checkout is: tests use the real default catalog, not a copy made for them.</summary>
public static class RepositoryPaths
{
    public static string Root => PublicCredit.Testing.RepositoryRoot.Path;

    public static string Catalog => Path.Combine(Root, "catalog");
}
