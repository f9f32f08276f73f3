namespace PublicCredit.Testing;

/// <summary>The checkout the tests run from: the folder that holds <c>PublicCredit.slnx</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PublicCredit.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests must run from inside the PublicCredit checkout.");
    }
}
