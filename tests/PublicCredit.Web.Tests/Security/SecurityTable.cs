namespace PublicCredit.Web.Tests.Security;

/// <summary>Who asks, in the columns of the authorisation table of docs/security.md.</summary>
public enum MatrixCaller
{
    Public,
    Subject,
    OtherSubject,
    Admin,
    PlatformAdmin,
    Recorder,
    Reviewer,
    Checker,
    Auditor,
}

/// <summary>What a cell of the table promises: <c>yes</c> (admitted), <c>no</c> (refused), <c>own</c> (admitted for the
/// caller's own department's data, refused for another department's).</summary>
public enum MatrixCell
{
    Yes,
    No,
    Own,
}

/// <summary>
/// The authorisation table of docs/security.md ("Who may do what"), read as the test's expectation: one row per route
/// (<c>METHOD /pattern</c>), one column per caller. The document is the single statement of the policy; the test fails
/// on any cell the server answers differently.
/// </summary>
public sealed class SecurityTable
{
    public const string Heading = "## Who may do what";

    public static readonly MatrixCaller[] Columns =
    [
        MatrixCaller.Public, MatrixCaller.Subject, MatrixCaller.OtherSubject, MatrixCaller.Admin, MatrixCaller.PlatformAdmin, MatrixCaller.Recorder,
        MatrixCaller.Reviewer, MatrixCaller.Checker, MatrixCaller.Auditor,
    ];

    private SecurityTable(IReadOnlyDictionary<string, IReadOnlyDictionary<MatrixCaller, MatrixCell>> rows) => Rows = rows;

    /// <summary>Route (<c>GET /api/v1/designations/{id}</c>) → caller → cell, in the document's order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<MatrixCaller, MatrixCell>> Rows { get; }

    public static SecurityTable Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.Trim() == Heading);
        if (start < 0)
        {
            throw new InvalidDataException($"{path} has no '{Heading}' section");
        }

        var rows = new Dictionary<string, IReadOnlyDictionary<MatrixCaller, MatrixCell>>(StringComparer.Ordinal);
        var headerSeen = false;
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (!headerSeen)
            {
                headerSeen = true;
                var expected = new[] { "Route", "public", "subject", "other subject", "admin", "platform-admin", "recorder", "reviewer", "checker", "auditor" };
                if (!cells.SequenceEqual(expected, StringComparer.Ordinal))
                {
                    throw new InvalidDataException($"{path}:{i + 1}: the table's columns must be {string.Join(" | ", expected)}");
                }

                continue;
            }

            if (cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            if (cells.Length != Columns.Length + 1)
            {
                throw new InvalidDataException($"{path}:{i + 1}: {cells.Length} cells, expected {Columns.Length + 1}");
            }

            var route = cells[0].Trim('`');
            var row = new Dictionary<MatrixCaller, MatrixCell>();
            for (var c = 0; c < Columns.Length; c++)
            {
                row[Columns[c]] = cells[c + 1] switch
                {
                    "yes" => MatrixCell.Yes,
                    "no" => MatrixCell.No,
                    "own" when Columns[c] is not (MatrixCaller.Public or MatrixCaller.Subject or MatrixCaller.OtherSubject) => MatrixCell.Own,
                    var other => throw new InvalidDataException($"{path}:{i + 1}: '{other}' in column {Columns[c]} is not yes/no/own"),
                };
            }

            if (!rows.TryAdd(route, row))
            {
                throw new InvalidDataException($"{path}:{i + 1}: '{route}' appears twice");
            }
        }

        return new SecurityTable(rows);
    }
}
