using Microsoft.EntityFrameworkCore;
using PublicCredit.Catalog;
using PublicCredit.Errors;
using PublicCredit.Records;
using PublicCredit.Storage;
using PublicCredit.Time;
using Codes = PublicCredit.Designations.DesignationProblemCodes;

namespace PublicCredit.Designations;

/// <summary>One reason a subject may not hold a red entry (ADR 0042): the catalog rule it fails and what fails it.</summary>
public sealed record IneligibilityReason(
    string Rule, Guid? DesignationId = null, string? ListType = null, string? Through = null, Guid? RecordId = null, DateOnly? DecisionDate = null);

/// <summary>
/// Whom a red list admits (catalog <c>eligibility</c>; ADR 0042; docs/designations.md#red-and-black): no black entry that
/// stands at the instant — the subject's own, or an organisation's that names it as a responsible person on a list
/// that reaches them — and, where the list says so, no serious negative record decided within the period. Asked when
/// a red entry is proposed, decided and confirmed after a conflict, under the ledger writers' lock, so a black entry
/// decided on another node meanwhile is seen.
/// </summary>
public sealed class RedListEligibility(PublicCreditDbContext db, CreditCatalog catalog)
{
    public const string NoEffectiveBlack = "noEffectiveBlack";
    public const string NoSeriousNegativeWithin = "noSeriousNegativeWithin";

    /// <summary>Every reason the subject fails the list's eligibility at <paramref name="now"/>; empty for a black list
    /// or an eligible subject.</summary>
    public async Task<IReadOnlyList<IneligibilityReason>> ReasonsAsync(ListType list, string subjectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Kind != ListKind.Red || list.Eligibility is not { } eligibility)
        {
            return [];
        }

        var reasons = new List<IneligibilityReason>();
        if (eligibility.NoEffectiveBlack)
        {
            foreach (var black in await StandingBlackAsync(subjectId, now, cancellationToken))
            {
                reasons.Add(new IneligibilityReason(NoEffectiveBlack, black.Id, black.ListType, black.SubjectId == subjectId ? "subject" : "responsible-person"));
            }
        }

        if (eligibility.NoSeriousNegativeWithin is { } period)
        {
            var since = ChinaTime.DateOf(period.SubtractFrom(now));
            List<string> negative = [.. catalog.Categories.Where(c => c.Polarity == Polarity.Negative).Select(c => c.Code)];
            var records = await db.Records.AsNoTracking().Current()
                .Where(r => r.SubjectId == subjectId && negative.Contains(r.Category) && r.Severity == NegativeGrade.Serious && r.DecisionDate > since)
                .OrderBy(r => r.DecisionDate).Select(r => new { r.Id, r.DecisionDate })
                .ToListAsync(cancellationToken);
            reasons.AddRange(records.Select(r => new IneligibilityReason(NoSeriousNegativeWithin, RecordId: r.Id, DecisionDate: r.DecisionDate)));
        }

        return reasons;
    }

    /// <summary>Refuses (422 <c>designation-red-ineligible</c>, one <c>errors[]</c> item per reason, and the reasons as
    /// <c>reasons</c>) when the subject fails the list's eligibility.</summary>
    public async Task RequireAsync(ListType list, string subjectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reasons = await ReasonsAsync(list, subjectId, now, cancellationToken);
        if (reasons.Count == 0)
        {
            return;
        }

        var errors = reasons.Select(r => new FieldError(DesignationFields.SubjectId, Codes.RedIneligible, r.Rule == NoEffectiveBlack
            ? $"The subject has an effective black entry ({r.ListType}, designation {r.DesignationId}{(r.Through == "subject" ? "" : ", as a responsible person of a designated organisation")}): list '{list.Code}' admits no subject with one (eligibility.noEffectiveBlack)."
            : $"The subject has a serious negative record decided on {r.DecisionDate:yyyy-MM-dd} (record {r.RecordId}): list '{list.Code}' admits none within {list.Eligibility!.NoSeriousNegativeWithin} (eligibility.noSeriousNegativeWithin).")).ToList();
        throw new DomainException(ErrorKind.Invalid, Codes.RedIneligible,
            $"The subject is not eligible for red list '{list.Code}': {errors[0].Message}{(errors.Count > 1 ? $" (and {errors.Count - 1} more reason(s))" : "")}",
            errors)
        {
            Extensions = new Dictionary<string, object?> { ["reasons"] = reasons },
        };
    }

    /// <summary>The black entries standing at <paramref name="now"/> that reach the subject: its own, and those of
    /// organisations that name it as a responsible person on a list reaching responsible persons (ADR 0042 §2).</summary>
    public async Task<IReadOnlyList<DesignationRow>> StandingBlackAsync(string subjectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<string> black = [.. catalog.ListTypes.Where(l => l.Kind == ListKind.Black).Select(l => l.Code)];
        List<string> reaching = [.. catalog.ListTypes.Where(l => l.Kind == ListKind.Black && l.ReachesResponsiblePersons).Select(l => l.Code)];
        var asPerson = db.ResponsiblePersons.AsNoTracking().Where(p => p.ResidentId == subjectId).Select(p => p.DesignationId);
        return await db.Designations.AsNoTracking()
            .Where(DesignationInForce.StandsAt(now))
            .Where(d => (d.SubjectId == subjectId && black.Contains(d.ListType)) || (reaching.Contains(d.ListType) && asPerson.Contains(d.Id)))
            .OrderBy(d => d.EffectiveFrom).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
    }
}
