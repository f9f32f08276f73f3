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
    public static Task NoteAsync(PublicCreditDbContext db, IReadOnlyList<RecordRow> written, CancellationToken cancellationToken) =>
        NoteAsync(db, [.. written.Select(r => new Noted(r.SubjectId, r.SubjectKind, r.SubjectName, r.RecordedAt))], cancellationToken);

    /// <summary>A subject named by a write: its id, kind, the name it was given and when.</summary>
    public sealed record Noted(string SubjectId, SubjectKind SubjectKind, string SubjectName, DateTimeOffset RecordedAt);

    /// <summary>Designations name subjects too (the designated subject and its responsible persons), with or without records.</summary>
    public static async Task NoteAsync(PublicCreditDbContext db, IReadOnlyList<Noted> written, CancellationToken cancellationToken)
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
        var known = await db.Subjects
            .Where(s => ids.Contains(s.SubjectId))
            .ToDictionaryAsync(s => s.SubjectId, StringComparer.Ordinal, cancellationToken);
        foreach (var (id, row) in latest)
        {
            if (known.TryGetValue(id, out var subject))
            {
                if (!string.Equals(subject.Name, row.SubjectName, StringComparison.Ordinal))
                {
                    subject.Name = row.SubjectName;
                    subject.NameKey = SubjectNames.SearchKey(row.SubjectName);
                    subject.NameRecordedAt = row.RecordedAt;
                }
            }
            else
            {
                db.Subjects.Add(new SubjectRow
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
    }
}
