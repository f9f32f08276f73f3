using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Inquiries;
using PublicCredit.Storage;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>
/// One suggestion in a department's queue (docs/designations.md#escalation-suggestions): <see cref="Subject"/> has been
/// on <see cref="From"/> since <see cref="Since"/>, longer than the catalog's <c>escalation.after</c>, and is not on
/// <see cref="ToListType"/> — the department may propose it there, by an ordinary proposal with its notice.
/// </summary>
public sealed record EscalationSuggestion(
    SubjectRef Subject,
    EscalationSource From,
    DateTimeOffset Since,
    string After,
    DateTimeOffset DueSince,
    string ToListType,
    LocalizedText ToListName);

/// <summary>The designation a suggestion grows from: its id, list type, decision document and status at the question's time.</summary>
public sealed record EscalationSource(Guid DesignationId, string ListType, string? DecisionDocument, string Status);

public sealed record EscalationSuggestions(DateTimeOffset AsOf, IReadOnlyList<EscalationSuggestion> Items);

/// <summary>
/// The escalation queue (<c>GET /api/v1/designations/suggestions</c>; ADR 0043): for every list type whose catalog entry
/// declares <c>escalation: {after, to}</c> (abnormal operations → serious untrustworthy, Regulations on Enterprise
/// Information Disclosure art. 17 ¶2), the subjects whose entry on it took effect more than <c>after</c> ago and was
/// never ended — not revoked, restored, removed once the cause was corrected, nor under an objection — and that hold no
/// noticed, effective or suspended entry on the target list. Computed from the stored designations at the time of
/// the question (the injected clock), never stored, and never acted on: nothing is designated automatically; the
/// department proposes an ordinary designation, with its notice and objection window, or lets it be. A recorder or
/// reviewer sees the suggestions of the lists its own department designates; each subject shown is an inquiry.
/// </summary>
public sealed class SuggestEscalations(PublicCreditDbContext db, CreditCatalog catalog, InquiryLog inquiries, TimeProvider clock)
{
    public const string Endpoint = "GET /api/v1/designations/suggestions";

    /// <summary>More than this many at once is a backlog to clear by other means; the queue shows the oldest first.</summary>
    public const int MaxItems = 500;

    public async Task<EscalationSuggestions> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Role.Recorder, Role.Reviewer);
        var department = caller.Department!;
        var now = clock.GetUtcNow();
        var items = new List<EscalationSuggestion>();
        foreach (var from in catalog.ListTypes.Where(l => l.Escalation is not null))
        {
            var escalation = from.Escalation!;
            if (!catalog.ListTypes.TryGet(escalation.To, out var to)
                || !to.DesignatingDepartments.Contains(department, StringComparer.Ordinal)
                || !from.DesignatingDepartments.Contains(department, StringComparer.Ordinal))
            {
                continue;
            }

            // Stored effective (expired is derived: a term that ran out without removal still counts — the cause was
            // never corrected), no objection under review, decided; the time test is made below on the exact duration.
            var candidates = await db.Designations.AsNoTracking()
                .Where(d => d.ListType == from.Code && d.Department == department && d.Status == DesignationStatus.Effective
                            && !d.ObjectionOpen && d.EffectiveFrom != null && d.EffectiveFrom <= now)
                .OrderBy(d => d.EffectiveFrom)
                .ThenBy(d => d.Id)
                .ToListAsync(cancellationToken);
            var due = candidates.Where(d => escalation.After.AddTo(d.EffectiveFrom!.Value) < now).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            var subjects = due.Select(d => d.SubjectId).Distinct(StringComparer.Ordinal).ToList();
            var onTarget = (await db.Designations.AsNoTracking()
                    .Where(d => d.ListType == to.Code && subjects.Contains(d.SubjectId)
                                && (d.Status == DesignationStatus.Noticed || d.Status == DesignationStatus.Suspended
                                    || (d.Status == DesignationStatus.Effective && d.ExpiresAt > now)))
                    .Select(d => d.SubjectId)
                    .ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in due.Where(d => !onTarget.Contains(d.SubjectId) && seen.Add(d.SubjectId)))
            {
                items.Add(new EscalationSuggestion(
                    new SubjectRef(row.SubjectId, row.SubjectName, row.SubjectKind.Code()),
                    new EscalationSource(row.Id, row.ListType, row.DecisionDocument, row.State.StatusAt(now).Code()),
                    row.EffectiveFrom!.Value,
                    escalation.After.ToString(),
                    escalation.After.AddTo(row.EffectiveFrom!.Value),
                    to.Code,
                    to.Name));
            }
        }

        var shown = items.OrderBy(i => i.Since).ThenBy(i => i.Subject.Id, StringComparer.Ordinal).Take(MaxItems).ToList();
        // The queue shows who is on a list: each subject listed has been looked at by this caller (docs/domain.md#personal-information).
        foreach (var subject in shown.Select(i => i.Subject.Id).Distinct(StringComparer.Ordinal))
        {
            await inquiries.RecordAsync(caller, subject, ReadDesignation.InquiryPurpose, Endpoint, "escalation suggestion", cancellationToken);
        }

        return new EscalationSuggestions(now, shown);
    }
}
