using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Storage;

namespace PublicCredit.Records;

public sealed record RecordSubjectView(string Id, SubjectKind Kind, string Name);

/// <summary>One version of a record as the API shows it to its owner.</summary>
public sealed record RecordVersionView(
    int Version,
    string Category,
    RecordSubjectView Subject,
    string DocumentNumber,
    DateOnly DecisionDate,
    NegativeGrade? Severity,
    string LegalBasis,
    string? Facts,
    string? Content,
    decimal? Amount,
    string? LegalRepresentative,
    DateOnly? PublicUntil,
    bool Published,
    bool? Late,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? Reason,
    string ContentHash,
    long LedgerPosition)
{
    internal static RecordVersionView From(RecordRow r) => new(
        r.Version, r.Category, new RecordSubjectView(r.SubjectId, r.SubjectKind, r.SubjectName), r.DocumentNumber,
        r.DecisionDate, r.Severity, r.LegalBasis, r.Facts, r.Content,
        r.Amount is { } a ? decimal.Parse(RecordContentHash.CanonicalAmount(a), System.Globalization.CultureInfo.InvariantCulture) : null,
        r.LegalRepresentative, r.PublicUntil, r.Published, r.Late, r.RecordedAt, r.RecordedBy, r.Reason, r.ContentHash,
        r.LedgerPosition);
}

/// <summary>A record with its current version and its whole history, oldest first.</summary>
public sealed record RecordView(
    Guid Id,
    string Department,
    DateTimeOffset SubmittedAt,
    RecordVersionView Current,
    IReadOnlyList<RecordVersionView> Versions)
{
    /// <summary>The view of one record from its version rows (any order); the current one must be among them.</summary>
    internal static RecordView From(IReadOnlyCollection<RecordRow> versions)
    {
        var current = versions.Single(v => v.SupersededAt is null);
        return new RecordView(current.Id, current.Department, current.SubmittedAt, RecordVersionView.From(current),
            [.. versions.OrderBy(v => v.Version).Select(RecordVersionView.From)]);
    }
}

/// <summary>
/// A record as its source department sees it (<c>GET /api/v1/records/{id}</c>, the <c>Location</c> of a submission):
/// stored values, computed publicity, late flag and every version. A recorder reads it here within its read scope (the
/// owning department, a public record, or what sharing gives it for the purpose; otherwise 404, ADR 0045), and the read is an inquiry about the subject (docs/design.md#7-privacy-by-default, ADR 0008): the recorder gives a purpose
/// and the read is logged durably before the record is returned.
/// </summary>
public sealed class ReadRecord(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, IRecordReadScope scope, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/records/{id}";

    public async Task<RecordView> RunAsync(Caller caller, Guid id, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Recorder);
        var why = InquiryPurpose.Require(caller, catalog, purpose, note);
        var versions = await db.Records.AsNoTracking()
            .Where(r => r.Id == id)
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw DomainException.NotFound(RecordProblemCodes.NotFound, $"There is no record {id}.");
        }

        // Scoped like a profile (ADR 0045): the owning department, what is public now, and what the category's sharing
        // gives the caller for the purpose; anything else is answered as if it did not exist and is not logged.
        var current = versions.Single(v => v.SupersededAt is null);
        if (!scope.Sees(caller, why.Purpose, current, clock.GetUtcNow()))
        {
            throw DomainException.NotFound(RecordProblemCodes.NotFound, $"There is no record {id}.");
        }

        var view = RecordView.From(versions);
        // A correction may have moved the record to another subject: the read concerns every subject it names.
        foreach (var subject in versions.Select(v => v.SubjectId).Distinct(StringComparer.Ordinal))
        {
            await inquiries.RecordAsync(caller, subject, why, Endpoint,
                string.Create(CultureInfo.InvariantCulture, $"record {id}: versions={versions.Count}"), cancellationToken);
        }

        return view;
    }
}
