using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Inquiries;
using PublicCredit.Storage;
using PublicCredit.Text;
using PublicCredit.Time;
using Codes = PublicCredit.Restorations.RestorationProblemCodes;

namespace PublicCredit.Restorations;

public sealed record RestorationTarget(Guid? DesignationId, Guid? RecordId);

/// <summary>One step's outcome as the subject reads it.</summary>
public sealed record RestorationStepView(bool Outcome, string? Reasons, DateTimeOffset At, bool Late);

/// <summary>A refusal: at which step, why, and the remedies against it (docs/domain.md#lists, docs/domain.md#objections-and-restoration; ADR 0009 §6).</summary>
public sealed record RestorationRefusal(string Step, string Reasons, IReadOnlyList<SubjectRight> Remedies);

/// <summary>An application as the subject, its department's reviewers and auditors read it. No fee member exists.</summary>
public sealed record RestorationView(
    Guid Id,
    string Status,
    string SubjectId,
    RestorationTarget Target,
    string Department,
    bool Commitment,
    string? Evidence,
    DateTimeOffset SubmittedAt,
    DateOnly EarliestRestoration,
    DateOnly AcceptBy,
    DateOnly DecideBy,
    RestorationStepView? Acceptance,
    RestorationStepView? Decision,
    RestorationRefusal? Refusal,
    long LedgerPosition,
    string? ReachOf = null);

/// <summary>One line of a department's queue, soonest deadline first, with the applicant's evidence the reviewer judges.</summary>
public sealed record RestorationQueueItem(
    Guid Id, string Status, string SubjectId, RestorationTarget Target, DateTimeOffset SubmittedAt,
    DateOnly AcceptBy, DateOnly DecideBy, DateOnly DueBy, bool Overdue, string? Evidence = null);

/// <summary>
/// Reads applications (docs/api.md; ADR 0014 §4): <c>GET /api/v1/restorations/{id}</c> for the applicant's own token, a
/// reviewer of the owning department or an auditor; <c>GET /api/v1/restorations?status=</c> for the department's
/// reviewers, sorted by the next deadline (accept, then decide). Staff reads are inquiries about the subject (docs/domain.md#personal-information,
/// docs/design.md#7-privacy-by-default), logged before the answer; the applicant's own reads are not.
/// </summary>
public sealed class ReadRestoration(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/restorations/{id}";
    public const string QueueEndpoint = "GET /api/v1/restorations";
    public const string Purpose = "restoration-review";
    public const int MaxQueue = 500;

    public async Task<RestorationView> RunAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller == Caller.Public)
        {
            caller.RequireRole(Role.Reviewer, Role.Auditor);
        }

        var row = Guid.TryParse(id, CultureInfo.InvariantCulture, out var guid)
            ? await db.Restorations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == guid, cancellationToken)
            : null;
        if (row is null)
        {
            throw DomainException.NotFound(Codes.NotFound, "There is no such restoration application.");
        }

        // A responsible person's application for its reach is the person's to read, not the organisation's.
        caller.RequireSubjectOrRole(row.ReachOf ?? row.SubjectId, Role.Reviewer, Role.Auditor);
        if (caller.Role == Role.Reviewer)
        {
            caller.RequireDepartment(row.Department);
        }

        if (caller.IsStaff)
        {
            await inquiries.RecordAsync(caller, row.ReachOf ?? row.SubjectId, Purpose, Endpoint, $"restoration {row.Id}", cancellationToken);
        }

        return View(row, catalog);
    }

    public async Task<IReadOnlyList<RestorationQueueItem>> QueueAsync(Caller caller, string? status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Reviewer);
        var department = caller.Department!;
        var query = db.Restorations.AsNoTracking().Where(r => r.Department == department);
        query = (status?.Trim().ToLowerInvariant() ?? "open") switch
        {
            "open" => query.Where(r => r.Status == RestorationStatus.Submitted || r.Status == RestorationStatus.Accepted),
            "all" => query,
            var s when Enum.TryParse<RestorationStatus>(s, ignoreCase: true, out var wanted) && !s.Any(char.IsDigit) => query.Where(r => r.Status == wanted),
            _ => throw DomainException.Invalid("status", Codes.StatusInvalid, "status is open (default), submitted, accepted, granted, refused or all."),
        };

        var rows = await query.OrderBy(r => r.DecideBy).ThenBy(r => r.SubmittedAt).Take(MaxQueue).ToListAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var items = rows
            .Select(r => new RestorationQueueItem(r.Id, r.Status.Code(), r.SubjectId, new RestorationTarget(r.DesignationId, r.RecordId),
                r.SubmittedAt, r.AcceptBy, r.DecideBy, r.DueBy, IsOpen(r) && today > r.DueBy, r.Evidence))
            .OrderBy(i => i.DueBy)
            .ThenBy(i => i.SubmittedAt)
            .ToList();

        // The queue shows who applied: each subject listed has been looked at by this reviewer (docs/domain.md#personal-information).
        foreach (var subject in items.Select(i => i.SubjectId).Distinct(StringComparer.Ordinal))
        {
            await inquiries.RecordAsync(caller, subject, Purpose, QueueEndpoint, "restoration queue", cancellationToken);
        }

        return items;
    }

    internal static bool IsOpen(RestorationRow row) => row.Status is RestorationStatus.Submitted or RestorationStatus.Accepted;

    internal static RestorationView View(RestorationRow row, CreditCatalog catalog)
    {
        var acceptance = row.AcceptedAt is { } acceptedAt
            ? new RestorationStepView(row.RefusedAtStep != RestorationSteps.Accept, row.AcceptanceReasons, acceptedAt, ChinaTime.DateOf(acceptedAt) > row.AcceptBy)
            : null;
        var decision = row.DecidedAt is { } decidedAt
            ? new RestorationStepView(row.Status == RestorationStatus.Granted, row.DecisionReasons, decidedAt, ChinaTime.DateOf(decidedAt) > row.DecideBy)
            : null;
        RestorationRefusal? refusal = null;
        if (row.Status == RestorationStatus.Refused)
        {
            var remedies = catalog.Departments.TryGet(row.Department, out var department) ? DesignationDocuments.Remedies(department) : [];
            refusal = new RestorationRefusal(row.RefusedAtStep ?? "", (row.RefusedAtStep == RestorationSteps.Accept ? row.AcceptanceReasons : row.DecisionReasons) ?? "", remedies);
        }

        return new RestorationView(row.Id, row.Status.Code(), row.SubjectId, new RestorationTarget(row.DesignationId, row.RecordId),
            row.Department, row.Commitment, row.Evidence, row.SubmittedAt, row.EarliestRestoration, row.AcceptBy, row.DecideBy,
            acceptance, decision, refusal, row.LedgerPosition, row.ReachOf);
    }
}
