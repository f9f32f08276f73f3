using Microsoft.EntityFrameworkCore;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Storage;

namespace PublicCredit.Subjects;

/// <summary>
/// Keeps <c>subjects</c> in step with the records written about them (ADR 0008). Called by every use case that writes
/// record versions, inside its transaction and under the ledger writers' lock, so two writers never create the same
/// subject twice and a subject exists exactly when a record about it was committed. One query per chunk.
/// </summary>
internal static class SubjectRegister
{
    public static Task NoteAsync(PublicCreditDbContext db, IReadOnlyList<RecordRow> written, CancellationToken cancellationToken, IBulkInsert? bulk = null) =>
        NoteAsync(db, [.. written.Select(r => new Noted(r.SubjectId, r.SubjectKind, r.SubjectName, r.RecordedAt))], cancellationToken, bulk);

    /// <summary>A subject named by a write: its id, kind, the name it was given and when.</summary>
    public sealed record Noted(string SubjectId, SubjectKind SubjectKind, string SubjectName, DateTimeOffset RecordedAt);

    /// <summary>
    /// Designations name subjects too (the designated subject and its responsible persons), with or without records.
    /// With <paramref name="bulk"/> (the import, ADR 0011) new subjects are inserted by the provider's bulk path and
    /// known ones are read untracked, only a renamed one being attached: the same rows, without tracking a chunk's
    /// thousand subjects.
    /// </summary>
    public static async Task NoteAsync(PublicCreditDbContext db, IReadOnlyList<Noted> written, CancellationToken cancellationToken, IBulkInsert? bulk = null)
    {
        // Later versions of a chunk win: the subject keeps the name it was last recorded under.
        var latest = new Dictionary<string, Noted>(StringComparer.Ordinal);
        foreach (var row in written)
        {
            latest[row.SubjectId] = row;
        }

        if (latest.Count == 0)
        {
            return;
        }

        var ids = latest.Keys.ToList();
        var subjects = bulk is null ? db.Subjects : db.Subjects.AsNoTracking();
        var known = await subjects
            .Where(s => EF.Parameter(ids).Contains(s.SubjectId))
            .ToDictionaryAsync(s => s.SubjectId, StringComparer.Ordinal, cancellationToken);
        var created = new List<SubjectRow>();
        foreach (var (id, row) in latest)
        {
            if (known.TryGetValue(id, out var subject))
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
                created.Add(new SubjectRow
                {
                    SubjectId = id,
                    Kind = row.SubjectKind,
                    Name = row.SubjectName,
                    NameKey = SubjectNames.SearchKey(row.SubjectName),
                    PublicId = PublicSubjectId.New(),
                    FirstRecordedAt = row.RecordedAt,
                    NameRecordedAt = row.RecordedAt,
                });
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
    }
}
