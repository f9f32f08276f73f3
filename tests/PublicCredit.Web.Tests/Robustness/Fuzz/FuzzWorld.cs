using PublicCredit.Access;

namespace PublicCredit.Web.Tests.Robustness.Fuzz;

/// <summary>Who sends a fuzz request: a bearer for the API, or a browser session's cookies (and its form token) for pages.</summary>
internal sealed record FuzzCredential(string Name, Role? Role, string? Bearer, string? Cookie = null, string? FormToken = null)
{
    public bool IsSubject => Bearer?.StartsWith("pcs_", StringComparison.Ordinal) == true || Name.StartsWith("me", StringComparison.Ordinal);

    public static readonly FuzzCredential Anonymous = new("anonymous", null, null);
}

/// <summary>
/// What the fuzz knows of the running server: the credentials it sends and real ids of each kind (so a route parameter
/// is sometimes a row that exists, and the request reaches the use case's rules instead of a 404).
/// </summary>
internal sealed class FuzzWorld(IReadOnlyList<FuzzCredential> staff, IReadOnlyList<FuzzCredential> subjects, IReadOnlyList<FuzzCredential> bogus,
    IReadOnlyList<FuzzCredential> consoleSessions, IReadOnlyList<FuzzCredential> meSessions, IReadOnlyDictionary<string, string[]> ids)
{
    public IReadOnlyList<FuzzCredential> Staff { get; } = staff;

    public IReadOnlyList<FuzzCredential> Subjects { get; } = subjects;

    /// <summary>Made-up, malformed or wrong-scheme Authorization values.</summary>
    public IReadOnlyList<FuzzCredential> Bogus { get; } = bogus;

    public IReadOnlyList<FuzzCredential> ConsoleSessions { get; } = consoleSessions;

    public IReadOnlyList<FuzzCredential> MeSessions { get; } = meSessions;

    public IReadOnlyDictionary<string, string[]> Ids { get; } = ids;

    private static readonly string[] MalformedIds =
    [
        "", "x", "0", "-1", "null", "undefined", "00000000-0000-0000-0000-000000000000", "{00000000-0000-0000-0000-000000000000}",
        "00000000000000000000000000000000", "0000000-0000-0000-0000-0000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
        "91350100M000100Y43", "91350100M000100Y44", "11010519491231002X", "%00", "%2e%2e", "..", "%2F", "%ZZ", "%ED%A0%80", "%C0%80", "%FF",
        "9223372036854775808", "1e999", "信用", "%F0%9F%98%80", "pck_abcdefghijkm_xxxx", "a%20b", "%3Cscript%3E",
    ];

    /// <summary>A real id of <paramref name="kind"/> most of the time, else a malformed one (already escaped for a path).</summary>
    public string Id(string kind, Random random)
    {
        if (random.Next(10) < 7 && Ids.TryGetValue(kind, out var known) && known.Length > 0)
        {
            return known[random.Next(known.Length)];
        }

        return random.Next(6) switch
        {
            0 => RandomGuid(random),
            1 => new string('a', random.Next(200, 3000)),
            _ => MalformedIds[random.Next(MalformedIds.Length)],
        };
    }

    private static string RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>A subject id that exists (USCC, resident ID, public id) or a near miss.</summary>
    public string Subject(Random random) => random.Next(4) == 0 ? FuzzValues.Text(random) : Id("subjects", random);

    /// <summary>Which pool of ids a route parameter draws from, by its name and the path segment before it.</summary>
    public static string KindOf(string parameter, string? previousSegment) => parameter switch
    {
        "checkId" => "checks",
        "subjectId" => "subjects",
        "runId" => "runs",
        "code" => "codes",
        "name" => "assets",
        _ => previousSegment ?? "none",
    };
}
