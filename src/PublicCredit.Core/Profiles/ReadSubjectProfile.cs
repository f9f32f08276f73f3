using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Restorations;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>The subject as staff and the subject itself see it: the full identifier and its public id.</summary>
public sealed record SubjectView(string Id, SubjectKind Kind, string Name, string PublicId);

/// <summary>
/// A restoration application as a profile lists it: where it stands and the working-day deadlines the department
/// must keep (docs/domain.md#objections-and-restoration). Not the commitment's evidence: that is read through <c>GET /api/v1/restorations/{id}</c> by
/// the owning department's reviewers only (ADR 0014), and a profile is open to any staff role (ADR 0021 §3).
/// </summary>
public sealed record RestorationSummary(
    Guid Id,
    string Status,
    RestorationTarget Target,
    string Department,
    DateTimeOffset SubmittedAt,
    DateOnly AcceptBy,
    DateOnly DecideBy,
    RestorationRefusal? Refusal);

/// <summary>
/// The full profile (docs/api.md#subjects-and-public-views <c>GET /api/v1/subjects/{subjectId}</c>): every record, every designation the subject is
/// on or reached by (with its status at the request time), the measures in force now with their legal basis, every
/// objection about the subject's records and designations, open ones first by review deadline (ADR 0013), and its
/// restoration applications, newest first (ADR 0021 §3: so /me can say one is under review after a reload).
/// </summary>
public sealed record SubjectProfile(
    SubjectView Subject,
    IReadOnlyList<RecordView> Records,
    IReadOnlyList<DesignationSummary> Designations,
    IReadOnlyList<CurrentMeasure> Measures,
    IReadOnlyList<ObjectionView> Objections,
    IReadOnlyList<RestorationSummary> Restorations,
    int OutsideScope);

/// <summary>
/// Reads a subject's full profile: every record whose current version is about it, with every version about it
/// (docs/api.md#subjects-and-public-views). Any staff role, or the subject's own self-service token. The read is an inquiry (docs/domain.md#personal-information,
/// docs/design.md#7-privacy-by-default): staff give a purpose, a subject is recorded as <c>self-service</c>, and the inquiry is durable before
/// the profile is returned — also when there is nothing to return, since the question itself was asked about someone.
/// </summary>
public sealed class ReadSubjectProfile(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/subjects/{subjectId}";

    public async Task<SubjectProfile> RunAsync(Caller caller, string subjectId, string? purpose, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller == Caller.Public)
        {
            caller.RequireRole(StaffRoles.All); // 401 before anything about the input is said
        }

        var id = SubjectId.Parse(subjectId, ChinaTime.Today(clock));
        caller.RequireSubjectOrRole(id.Value, StaffRoles.All);
        var why = InquiryPurpose.Require(caller, catalog, purpose, note);

        var subject = await db.Subjects.AsNoTracking().SingleOrDefaultAsync(s => s.SubjectId == id.Value, cancellationToken);
        if (subject is null)
        {
            await inquiries.RecordAsync(caller, id.Value, why, Endpoint, "nothing: no data about this subject", cancellationToken);
            throw DomainException.NotFound(SubjectProblemCodes.NotFound, "The platform holds no data about this subject.");
        }

        // A correction can move a record to another subject (a mistyped id): a profile lists the records now about
        // this subject and, of their history, only the versions about it — never another subject's data.
        var recordIds = db.Records.Current().Where(r => r.SubjectId == id.Value).Select(r => r.Id);
        var rows = await db.Records.AsNoTracking()
            .Where(r => recordIds.Contains(r.Id) && r.SubjectId == id.Value)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var scope = ReadScope.Of(caller, catalog, why.Purpose, subject.Kind, now);
        var groups = rows.GroupBy(r => r.Id).ToList();
        var shown = groups.Where(versions => scope.Sees(versions.Single(v => v.SupersededAt is null))).ToList();
        var records = shown
            .Select(versions => RecordView.From([.. versions]))
            .OrderByDescending(r => r.Current.DecisionDate)
            .ThenBy(r => r.Id)
            .ToList();

        var all = await SubjectDesignations.LoadAsync(db, id.Value, cancellationToken);
        var designations = scope.Visible(all);
        var summaries = designations.Select(d => SubjectDesignations.Summary(d.Row, d.Through, catalog, now)).ToList();
        var measures = SubjectDesignations.MeasuresInForce(designations, catalog, now).ToList();
        // Objections and restoration applications are about a record or an entry: shown only when that target is,
        // and a responsible person's own ones (for its reach) are the person's, not the organisation's.
        var shownRecords = shown.Select(g => g.Key).ToHashSet();
        var shownDesignations = designations.Select(d => d.Row.Id).ToHashSet();
        bool Within(Guid? recordId, Guid? designationId) =>
            (recordId is { } r && shownRecords.Contains(r)) || (designationId is { } d && shownDesignations.Contains(d));
        var allObjections = await db.Objections.AsNoTracking()
            .Where(ObjectionRow.OwnedBy(id.Value))
            .ToListAsync(cancellationToken);
        var allRestorations = await db.Restorations.AsNoTracking()
            .Where(RestorationRow.OwnedBy(id.Value))
            .ToListAsync(cancellationToken);
        var objections = allObjections
            .Where(o => Within(o.RecordId, o.DesignationId))
            .OrderBy(o => o.Status != ObjectionStatus.Open)
            .ThenBy(o => o.ReviewDeadline)
            .ThenBy(o => o.FiledAt)
            .Select(o => ObjectionView.From(o, ChinaTime.DateOf(now)))
            .ToList();
        var restorations = allRestorations
            .Where(r => Within(r.RecordId, r.DesignationId))
            .OrderByDescending(r => r.SubmittedAt)
            .ThenBy(r => r.Id)
            .Select(r => ReadRestoration.View(r, catalog))
            .Select(v => new RestorationSummary(v.Id, v.Status, v.Target, v.Department, v.SubmittedAt, v.AcceptBy, v.DecideBy, v.Refusal))
            .ToList();
        var outside = (groups.Count - shown.Count) + (all.Count - designations.Count)
            + (allObjections.Count - objections.Count) + (allRestorations.Count - restorations.Count);

        await inquiries.RecordAsync(caller, id.Value, why, Endpoint,
            string.Create(CultureInfo.InvariantCulture, $"profile: records={records.Count} versions={shown.Sum(v => v.Count())} designations={summaries.Count} measures={measures.Count} outsideScope={outside}"),
            cancellationToken);
        return new SubjectProfile(new SubjectView(subject.SubjectId, subject.Kind, subject.Name, subject.PublicId), records, summaries, measures, objections, restorations, outside);
    }
}
