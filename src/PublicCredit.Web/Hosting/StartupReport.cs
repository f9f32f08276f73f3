namespace PublicCredit.Web.Hosting;

/// <summary>What `pcredit serve` tells its operator once the server is up: where it listens, on what data.</summary>
public sealed class StartupReport
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines => lines;

    public void Add(string line) => lines.Add(line);

    internal void Insert(string line) => lines.Insert(0, line);
}
