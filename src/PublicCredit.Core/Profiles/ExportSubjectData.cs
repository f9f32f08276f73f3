using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Identifiers;
using PublicCredit.Inquiries;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Removals;
using PublicCredit.Restorations;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Profiles;

/// <summary>A record restoration as the copy shows it: when the record's publication stopped.</summary>
public sealed record RecordRestorationView(Guid RecordId, int Version, DateTimeOffset RestoredAt);

/// <summary>A recorded performance of an obligation and the automatic removal it led to.</summary>
public sealed record PerformanceView(
    Guid Id, Guid DesignationId, string PerformanceDocument, DateOnly PerformedOn, string? Evidence, DateTimeOffset RecordedAt,
    DateOnly RemovalDueBy, DateTimeOffset? RemovedAt);

/// <summary>
/// A copy of all data held about a subject (docs/domain.md#personal-information: free of charge; docs/api.md#subjects-and-public-views): the subject, every record with every
/// version about it, its designations in full (notice, decision, statements), the designations that reach it as a
/// responsible person, performances, restoration applications with their outcomes, and every inquiry about it.
/// and its objections with their answers.
/// </summary>
public sealed record SubjectExport(
    DateTimeOffset ExportedAt,
    string SubjectId,
    SubjectView? Subject,
    IReadOnlyList<RecordView> Records,
    IReadOnlyList<RecordRestorationView> RecordRestorations,
    IReadOnlyList<DesignationView> Designations,
    IReadOnlyList<DesignationSummary> DesignationsReachingYou,
    IReadOnlyList<PerformanceView> Performances,
    IReadOnlyList<RestorationView> Restorations,
    IReadOnlyList<InquiryView> Inquiries,
    IReadOnlyList<ObjectionView> Objections);

/// <summary>
/// <c>GET /api/v1/me/export</c> and <c>GET /api/v1/subjects/{subjectId}/export</c>: the subject's own self-service token
/// only (staff read through the profile, with a purpose). The export itself is logged as a self-service inquiry, like
/// the profile read, so the log shows every copy handed out.
/// </summary>
public sealed class ExportSubjectData(PublicCreditDbContext db, CreditCatalog catalog, ReadDesignation designations, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/me/export";

    public async Task<SubjectExport> RunAsync(Caller caller, string? subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.SubjectId is null)
        {
            if (caller == Caller.Public)
            {
                caller.RequireRole(Role.Auditor); // 401
            }

            throw DomainException.Forbidden(RestorationProblemCodes.SubjectTokenRequired,
                "The copy of all data is for the subject's own self-service token; staff read the profile with a purpose.");
        }

        var id = subjectId is null ? caller.SubjectId : SubjectId.Parse(subjectId, ChinaTime.Today(clock)).Value;
        caller.RequireSubjectOrRole(id);

        var subject = await db.Subjects.AsNoTracking().SingleOrDefaultAsync(s => s.SubjectId == id, cancellationToken);
        var recordIds = db.Records.Current().Where(r => r.SubjectId == id).Select(r => r.Id);
        var versions = await db.Records.AsNoTracking().Where(r => recordIds.Contains(r.Id) && r.SubjectId == id).ToListAsync(cancellationToken);
        var records = versions.GroupBy(r => r.Id).Select(v => RecordView.From([.. v])).OrderByDescending(r => r.Current.DecisionDate).ThenBy(r => r.Id).ToList();
        var restored = versions.Where(v => v.SupersededAt is null && v.RestoredAt is not null)
            .Select(v => new RecordRestorationView(v.Id, v.Version, v.RestoredAt!.Value)).ToList();

        var now = clock.GetUtcNow();
        var all = await SubjectDesignations.LoadAsync(db, id, cancellationToken);
        var own = new List<DesignationView>();
        foreach (var (row, _) in all.Where(d => d.Through == SubjectDesignations.ThroughSubject).OrderBy(d => d.Row.NoticedAt))
        {
            own.Add(await designations.RunAsync(caller, row.Id, cancellationToken));
        }

        var reaching = all.Where(d => d.Through == SubjectDesignations.ThroughResponsiblePerson)
            .Select(d => SubjectDesignations.Summary(d.Row, d.Through, catalog, now)).ToList();
        var performances = await db.Performances.AsNoTracking().Where(p => p.SubjectId == id).OrderBy(p => p.RecordedAt)
            .Select(p => new PerformanceView(p.Id, p.DesignationId, p.PerformanceDocument, p.PerformedOn, p.Evidence, p.RecordedAt, p.RemovalDueBy, p.RemovedAt))
            .ToListAsync(cancellationToken);
        var restorations = (await db.Restorations.AsNoTracking().Where(RestorationRow.OwnedBy(id)).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken))
            .Select(r => ReadRestoration.View(r, catalog)).ToList();
        var today = ChinaTime.Today(clock);
        var objections = (await db.Objections.AsNoTracking().Where(ObjectionRow.OwnedBy(id)).OrderBy(o => o.FiledAt).ToListAsync(cancellationToken))
            .Select(o => ObjectionView.From(o, today)).ToList();
        var inquiryLog = await db.Inquiries.AsNoTracking().Where(i => i.SubjectId == id).OrderBy(i => i.At).ThenBy(i => i.Id)
            .Select(i => new InquiryView(i.At, i.Department, i.Role, i.Purpose, i.Endpoint, i.Note)).ToListAsync(cancellationToken);

        await inquiries.RecordAsync(caller, id, InquiryPurpose.SelfService, Endpoint, string.Create(CultureInfo.InvariantCulture,
            $"export: records={records.Count} designations={own.Count + reaching.Count} restorations={restorations.Count} objections={objections.Count} inquiries={inquiryLog.Count}"), cancellationToken);
        return new SubjectExport(now, id, subject is null ? null : new SubjectView(subject.SubjectId, subject.Kind, subject.Name, subject.PublicId),
            records, restored, own, reaching, performances, restorations, inquiryLog, objections);
    }
}
