using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Identifiers;
using PublicCredit.Storage;

namespace PublicCredit.Subjects;

/// <summary>
/// Keeps <c>subjects</c> in step with the records written about them (ADR 0008). Called by every use case that writes
/// record versions, inside its transaction and under the ledger writers' lock, so two writers never create the same
/// subject twice and a subject exists exactly when a record about it was committed. One query per chunk.
/// </summary>
internal static class SubjectRegister
{
    /// <summary>The stored names of those of <paramref name="ids"/> that exist: one query, id and name only.</summary>
    private static async Task<Dictionary<string, string>> StoredNamesAsync(PublicCreditDbContext db, List<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await db.Subjects.AsNoTracking()
                .Where(s => EF.Parameter(ids).Contains(s.SubjectId))
                .Select(s => new { s.SubjectId, s.Name })
                .ToDictionaryAsync(s => s.SubjectId, s => s.Name, StringComparer.Ordinal, cancellationToken);

    /// <summary>A subject named by a write: its id, kind, the name it was given and when.</summary>
    public sealed record Noted(string SubjectId, SubjectKind SubjectKind, string SubjectName, DateTimeOffset RecordedAt);

    /// <summary>
    /// Notes the subjects a write names: the subjects of record versions (<c>RecordRows.NotedSubjects</c> in Records),
    /// and those of designations (the designated subject and its responsible persons), with or without records.
    /// With <paramref name="bulk"/> (the import, ADR 0011) new subjects are inserted by the provider's bulk path and
    /// known ones are read untracked, only a renamed one being attached: the same rows, without tracking a chunk's
    /// thousand subjects. With <paramref name="known"/> as well (a long import, ADR 0024 §4), subjects the run already
    /// knows are not read again; the caller vouches that it is current and, after commit, remembers the subjects returned.
    /// </summary>
    /// <returns>With <c>known</c>: the subjects it does not know as they now are, for the caller to remember once the
    /// transaction has committed; otherwise none.</returns>
    public static async Task<IReadOnlyList<Noted>> NoteAsync(
        PublicCreditDbContext db, IReadOnlyList<Noted> written, CancellationToken cancellationToken, IBulkInsert? bulk = null,
        KnownSubjects? known = null)
    {
        // Later versions of a chunk win: the subject keeps the name it was last recorded under.
        var latest = new Dictionary<string, Noted>(written.Count, StringComparer.Ordinal); // sized once (ADR 0026 §2)
        foreach (var row in written)
        {
            latest[row.SubjectId] = row;
        }

        if (latest.Count == 0)
        {
            return [];
        }

        if (bulk is not null && known is not null)
        {
            return await NoteKnownAsync(db, latest, bulk, known, cancellationToken);
        }

        var ids = latest.Keys.ToList();
        var subjects = bulk is null ? db.Subjects : db.Subjects.AsNoTracking();
        var stored = await subjects
            .Where(s => EF.Parameter(ids).Contains(s.SubjectId))
            .ToDictionaryAsync(s => s.SubjectId, StringComparer.Ordinal, cancellationToken);
        var created = new List<SubjectRow>();
        foreach (var (id, row) in latest)
        {
            if (stored.TryGetValue(id, out var subject))
            {
                if (!string.Equals(subject.Name, row.SubjectName, StringComparison.Ordinal))
                {
                    if (bulk is not null)
                    {
                        db.Subjects.Attach(subject);
                    }

                    subject.Name = row.SubjectName;
                    subject.NameKey = SubjectNames.SearchKey(row.SubjectName);
                    subject.NameRecordedAt = row.RecordedAt;
                }
            }
            else
            {
                created.Add(NewSubject(id, row));
            }
        }

        if (bulk is null)
        {
            db.Subjects.AddRange(created);
        }
        else
        {
            await bulk.InsertAsync(db, created, cancellationToken);
        }

        return [];
    }

    /// <summary>
    /// The bulk path with the run's memory: a subject the run knows under the same name costs two hashes and nothing
    /// else; only the subjects the run has not met are read, as id and name — the name is all a chunk compares — and a
    /// stored subject is renamed with one UPDATE (renames are rare; a chunk of a long import meets mostly subjects of
    /// earlier chunks). Returns the subjects met or renamed here, which the run remembers after the commit (ADR 0026 §4).
    /// </summary>
    private static async Task<IReadOnlyList<Noted>> NoteKnownAsync(
        PublicCreditDbContext db, Dictionary<string, Noted> latest, IBulkInsert bulk, KnownSubjects known, CancellationToken cancellationToken)
    {
        var learned = new List<Noted>();
        var unmet = new List<Noted>();
        foreach (var row in latest.Values)
        {
            if (!known.TryMatch(row.SubjectId, row.SubjectName, out var sameName))
            {
                unmet.Add(row);
            }
            else if (!sameName)
            {
                await RenameAsync(db, row, cancellationToken);
                learned.Add(row);
            }
        }

        var stored = await StoredNamesAsync(db, [.. unmet.Select(r => r.SubjectId)], cancellationToken);
        var created = new List<SubjectRow>();
        foreach (var row in unmet)
        {
            if (!stored.TryGetValue(row.SubjectId, out var storedName))
            {
                created.Add(NewSubject(row.SubjectId, row));
            }
            else if (!string.Equals(storedName, row.SubjectName, StringComparison.Ordinal))
            {
                await RenameAsync(db, row, cancellationToken);
            }

            learned.Add(row);
        }

        await bulk.InsertAsync(db, created, cancellationToken);
        return learned;
    }

    private static async Task RenameAsync(PublicCreditDbContext db, Noted row, CancellationToken cancellationToken)
    {
        var key = SubjectNames.SearchKey(row.SubjectName);
        await db.Subjects.Where(s => s.SubjectId == row.SubjectId).ExecuteUpdateAsync(
            set => set
                .SetProperty(s => s.Name, row.SubjectName)
                .SetProperty(s => s.NameKey, key)
                .SetProperty(s => s.NameRecordedAt, row.RecordedAt),
            cancellationToken);
    }

    private static SubjectRow NewSubject(string id, Noted row) => new()
    {
        SubjectId = id,
        Kind = row.SubjectKind,
        Name = row.SubjectName,
        NameKey = SubjectNames.SearchKey(row.SubjectName),
        PublicId = PublicSubjectId.New(),
        FirstRecordedAt = row.RecordedAt,
        NameRecordedAt = row.RecordedAt,
    };
}

/// <summary>
/// What a long import knows of the subjects it has met: that each exists, and under which name, so a chunk does not read
/// again the subjects of earlier chunks (ADR 0024 §4). It is only as good as its owner's check: the import's chunk writer
/// clears it whenever the ledger head is not the event it appended last — someone else has written since, and every
/// change to a subject is made with an event (docs/design.md#8-everything-is-evidence). Ids and names are kept as 128-bit XXH3 hashes, two
/// numbers per subject and no string: 131,072 subjects take 6 MB that the garbage collector need not trace (kept as
/// strings, the same subjects raised the import's peak memory by 100 MB). A false match needs two different ids with the
/// same 128-bit hash. Bounded: past its capacity (<see cref="DefaultCapacity"/>) it starts over, so memory stays
/// constant whatever the file.
/// </summary>
public sealed class KnownSubjects(int capacity = KnownSubjects.DefaultCapacity)
{
    public const int DefaultCapacity = 1 << 17;

    private readonly Dictionary<UInt128, UInt128> names = [];

    public int Count => names.Count;

    /// <summary>Whether the subject is known to exist, and if so whether under <paramref name="name"/>.</summary>
    public bool TryMatch(string id, string name, out bool sameName)
    {
        var known = names.TryGetValue(Hash(id), out var stored);
        sameName = known && stored == Hash(name);
        return known;
    }

    public bool Contains(string id) => names.ContainsKey(Hash(id));

    /// <summary>After a commit: the subject exists under this name.</summary>
    public void Remember(string id, string name)
    {
        var key = Hash(id);
        if (names.Count >= capacity && !names.ContainsKey(key))
        {
            names.Clear();
        }

        names[key] = Hash(name);
    }

    public void Clear() => names.Clear();

    private static UInt128 Hash(string text) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(text.AsSpan()));
}
