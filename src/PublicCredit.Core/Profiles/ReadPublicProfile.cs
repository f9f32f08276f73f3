using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Text;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>
/// A subject as the public sees it (ADR 0008): <see cref="Id"/> is the USCC of an organisation and the opaque public
/// id of an individual, never a resident ID number; <see cref="Code"/> is the identifier masked as docs/domain.md#identifiers requires
/// (<c>3604**********0071</c>; a USCC is not personal information and is shown whole).
/// </summary>
public sealed record PublicSubjectView(string Id, SubjectKind Kind, string Name, string Code)
{
    internal static PublicSubjectView From(SubjectRow subject)
    {
        // Stored identifiers are valid; no "today" can make a stored birth date invalid, hence MaxValue.
        var id = SubjectId.Parse(subject.SubjectId, DateOnly.MaxValue);
        return new PublicSubjectView(
            subject.Kind == SubjectKind.Organisation ? subject.SubjectId : subject.PublicId, subject.Kind, subject.Name, id.Masked);
    }
}

/// <summary>
/// A record as published (docs/domain.md#record-fields publication fields): the decision, its department and its publicity end — not who
/// typed it, its hash, its history or the late flag. The legal representative is shown for organisations (docs/domain.md#lists
/// publishes it); a record about an individual carries nothing personal beyond the subject's name and masked id.
/// </summary>
public sealed record PublicRecordView(
    Guid Id,
    string Category,
    LocalizedText? CategoryName,
    string Department,
    string DocumentNumber,
    DateOnly DecisionDate,
    NegativeGrade? Severity,
    string LegalBasis,
    string? Facts,
    string? Content,
    decimal? Amount,
    string? LegalRepresentative,
    DateOnly? PublicUntil)
{
    internal static PublicRecordView From(RecordRow row, CreditCatalog catalog)
    {
        var version = RecordVersionView.From(row);
        return new PublicRecordView(
            row.Id, version.Category, catalog.Categories.TryGet(version.Category, out var c) ? c.Name : null, row.Department,
            version.DocumentNumber, version.DecisionDate, version.Severity, version.LegalBasis, version.Facts, version.Content,
            version.Amount, row.SubjectKind == SubjectKind.Organisation ? version.LegalRepresentative : null, version.PublicUntil);
    }
}

/// <summary>The public profile: what is public about the subject at <see cref="AsOf"/>: records and effective list entries.</summary>
public sealed record PublicProfile(
    PublicSubjectView Subject,
    DateTimeOffset AsOf,
    IReadOnlyList<PublicRecordView> Records,
    IReadOnlyList<PublicDesignationView> Designations);

/// <summary>
/// The public profile (docs/api.md#subjects-and-public-views <c>GET /api/v1/public/subjects/{subjectId}</c>): the records public at the time of the
/// request (<see cref="PublicRecords"/>), computed from the clock, so publication stops at 00:00 China time after
/// <c>publicUntil</c> without waiting for any job. The path takes the public id, a USCC or a resident ID (normalised).
/// A subject with nothing public is "not found" exactly like one that does not exist, so the public cannot probe
/// which identity numbers the platform holds. Staff may ask for a past moment (<c>?asOf=</c>) with a purpose: that
/// shows what may no longer be public, so it is an inquiry about the subject (docs/domain.md#personal-information).
/// </summary>
public sealed class ReadPublicProfile(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/public/subjects/{subjectId}?asOf";

    public async Task<PublicProfile> RunAsync(
        Caller caller, string subjectId, string? asOf, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var moment = PublicMoment.For(caller, asOf, clock);
        var why = moment.IsNow ? null : InquiryPurpose.Require(caller, catalog, purpose, note);

        var subjects = db.Subjects.AsNoTracking();
        string? askedAbout = null;
        if (PublicSubjectId.TryNormalise(subjectId, out var publicId))
        {
            subjects = subjects.Where(s => s.PublicId == publicId);
        }
        else
        {
            askedAbout = SubjectId.Parse(subjectId, ChinaTime.Today(clock)).Value;
            subjects = subjects.Where(s => s.SubjectId == askedAbout);
        }

        var subject = await subjects.SingleOrDefaultAsync(cancellationToken);
        askedAbout ??= subject?.SubjectId;
        var records = subject is null
            ? []
            : await db.Records.AsNoTracking()
                .PublicAt(moment, catalog, db.Objections)
                .Where(r => r.SubjectId == subject.SubjectId)
                .OrderByDescending(r => r.DecisionDate)
                .ThenBy(r => r.Id)
                .ToListAsync(cancellationToken);

        // An entry links the records it rests on only where the public sees them here (ADR 0043).
        var designations = subject is null
            ? []
            : SubjectDesignations.PublicAt(await SubjectDesignations.LoadAsync(db, subject.SubjectId, cancellationToken), subject.Kind, catalog, moment.Instant,
                records.Select(r => r.Id).ToHashSet(), PublicSubjectView.From(subject).Id);

        // A staff read of the past is an inquiry whatever it found: the question was asked about this subject.
        if (why is not null && askedAbout is not null)
        {
            await inquiries.RecordAsync(caller, askedAbout, why, Endpoint,
                string.Create(CultureInfo.InvariantCulture, $"public profile as of {moment.Instant:O}: records={records.Count} designations={designations.Count}"), cancellationToken);
        }

        if (subject is null || (records.Count == 0 && designations.Count == 0))
        {
            throw DomainException.NotFound(SubjectProblemCodes.NotFound, "Nothing is public about this subject.");
        }

        return new PublicProfile(PublicSubjectView.From(subject), moment.Instant,
            [.. records.Select(r => PublicRecordView.From(r, catalog))], designations);
    }
}
