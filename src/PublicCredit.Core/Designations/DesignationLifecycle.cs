using PublicCredit.Errors;
using PublicCredit.Time;
using PublicCredit.Text;

namespace PublicCredit.Designations;

/// <summary>The stored states of a designation (docs/design.md#designation-life-cycle). <c>Expired</c> is never stored: it is
/// an effective designation whose term has ended, derived from the time of the question.</summary>
public enum DesignationStatus
{
    [Code("noticed")]
    Noticed,
    [Code("effective")]
    Effective,
    [Code("suspended")]
    Suspended,
    [Code("revoked")]
    Revoked,
    [Code("restored")]
    Restored,
    [Code("expired")]
    Expired,

    /// <summary>Removed without an application where the catalog says so, e.g. a judgment defaulter who performed
    /// the obligation (docs/domain.md#lists; catalog <c>automaticRemoval</c>; ADR 0014).</summary>
    [Code("removed")]
    Removed,

    /// <summary>A red entry set aside because a black entry of the same subject (or reaching it as a responsible person)
    /// took effect (docs/designations.md#red-and-black; ADR 0042): no incentive applies and nothing is published; the red
    /// list's department revokes it or confirms it once the subject is eligible again. It never comes back by itself.</summary>
    [Code("suspended-by-conflict")]
    SuspendedByConflict,
}

/// <summary>The decision document that made a designation effective (docs/domain.md#lists).</summary>
public sealed record DesignationDecision(
    string DocumentNumber,
    string Reasons,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    IsoDuration Term);

/// <summary>
/// Everything the life-cycle rules need to know about one designation. Immutable: each transition returns a new
/// state, and all transitions are in <see cref="DesignationLifecycle"/> — the one place they live.
/// </summary>
public sealed record DesignationState(
    DesignationStatus Stored,
    DateOnly ObjectionDeadline,
    bool StatementFiled,
    bool ObjectionOpen,
    DesignationDecision? Decision)
{
    /// <summary>The status as of an instant: an effective designation whose term has ended reads as expired.</summary>
    public DesignationStatus StatusAt(DateTimeOffset instant) =>
        Stored == DesignationStatus.Effective && Decision is { } d && instant >= d.ExpiresAt ? DesignationStatus.Expired : Stored;

    /// <summary>
    /// Only an effective designation, with no objection under review, within its term, triggers measures or is
    /// published (docs/design.md#3-notice-before-listing, docs/design.md#4-an-objection-suspends-at-once).
    /// </summary>
    public bool IsEnforcedAt(DateTimeOffset instant) =>
        Stored == DesignationStatus.Effective && !ObjectionOpen && Decision is { } d && instant >= d.EffectiveFrom && instant < d.ExpiresAt;

    public bool IsClosed => Stored is DesignationStatus.Revoked or DesignationStatus.Restored or DesignationStatus.Removed;
}

/// <summary>
/// The designation life cycle, in one place (docs/design.md#designation-life-cycle):
/// noticed → effective (window passed or statement filed, with a decision document) → expired (term ends);
/// effective ⇄ suspended (objection filed / rejected); suspended → revoked (objection upheld);
/// noticed → revoked (objection upheld, or withdrawn by the department); effective → restored (restoration granted);
/// a red entry noticed, effective or suspended → suspended-by-conflict (a black entry took effect, ADR 0042) → revoked,
/// or back to effective / noticed when its department confirms it.
/// Every refusal is a coded <see cref="DomainException"/>: 409 for a state that does not allow it now, 422 for content.
/// </summary>
public static class DesignationLifecycle
{
    /// <summary>A designation starts as noticed: the subject is told before it is listed (docs/design.md#3-notice-before-listing).</summary>
    public static DesignationState Notice(DateOnly objectionDeadline) =>
        new(DesignationStatus.Noticed, objectionDeadline, StatementFiled: false, ObjectionOpen: false, Decision: null);

    /// <summary>The subject states its case; once on file the department may decide before the window ends (docs/api.md).</summary>
    public static DesignationState FileStatement(DesignationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stored != DesignationStatus.Noticed)
        {
            throw DomainException.Conflict(DesignationProblemCodes.NotNoticed, $"A statement is filed while a designation is noticed; it is {state.Stored.Code()}.");
        }

        return state with { StatementFiled = true };
    }

    /// <summary>
    /// Makes a noticed designation effective with its decision document. Refused before the objection deadline
    /// unless a statement is on file, and while an objection is open (409); the term never exceeds the list type's
    /// maximum (422).
    /// </summary>
    public static DesignationState Decide(
        DesignationState state,
        string? documentNumber,
        string? reasons,
        DateTimeOffset effectiveFrom,
        IsoDuration term,
        IsoDuration maxTerm,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stored != DesignationStatus.Noticed)
        {
            throw DomainException.Conflict(DesignationProblemCodes.NotNoticed, $"Only a noticed designation can be decided; this one is {state.Stored.Code()}.");
        }

        if (state.ObjectionOpen)
        {
            throw DomainException.Conflict(DesignationProblemCodes.ObjectionOpen, "An objection is under review; the designation cannot be decided until it is resolved.");
        }

        // docs/domain.md#lists: the subject may state its case within the window; deciding earlier needs its statement.
        if (today <= state.ObjectionDeadline && !state.StatementFiled)
        {
            throw DomainException.Conflict(DesignationProblemCodes.ObjectionWindowOpen,
                $"The objection window runs until {state.ObjectionDeadline:yyyy-MM-dd}; decide after it, or once the subject has filed a statement.");
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(documentNumber))
        {
            errors.Add(new FieldError("decisionDocument", DesignationProblemCodes.DecisionDocumentMissing, "A designation takes effect only by a decision document (docs/design.md#3-notice-before-listing)."));
        }

        if (string.IsNullOrWhiteSpace(reasons))
        {
            errors.Add(new FieldError("reasons", DesignationProblemCodes.ReasonsMissing, "The decision states its reasons (docs/domain.md#lists)."));
        }

        if (term.IsLongerThan(maxTerm))
        {
            errors.Add(new FieldError("term", DesignationProblemCodes.TermTooLong, $"The term {term} is longer than the list type's maximum {maxTerm}."));
        }

        if (term.IsZero)
        {
            errors.Add(new FieldError("term", DesignationProblemCodes.TermInvalid, "The term must be longer than zero."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var decision = new DesignationDecision(documentNumber!.Trim(), reasons!.Trim(), effectiveFrom, term.AddTo(effectiveFrom), term);
        return state with { Stored = DesignationStatus.Effective, Decision = decision };
    }

    /// <summary>An objection suspends an effective designation at once (docs/design.md#4-an-objection-suspends-at-once); a noticed one cannot be decided meanwhile.</summary>
    public static DesignationState FileObjection(DesignationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsClosed)
        {
            throw DomainException.Conflict(DesignationProblemCodes.Closed, $"The designation is {state.Stored.Code()}; there is nothing left to object to.");
        }

        if (state.ObjectionOpen)
        {
            throw DomainException.Conflict(DesignationProblemCodes.ObjectionAlreadyOpen, "An objection against this designation is already under review.");
        }

        return state with
        {
            ObjectionOpen = true,
            Stored = state.Stored == DesignationStatus.Effective ? DesignationStatus.Suspended : state.Stored,
        };
    }

    /// <summary>
    /// An objection that asks for a review without suspending (another department's, or a refiling after a rejection;
    /// ADR 0034): the designation stays as it is — only a closed one cannot be objected to.
    /// </summary>
    public static DesignationState OpenReview(DesignationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsClosed
            ? throw DomainException.Conflict(DesignationProblemCodes.Closed, $"The designation is {state.Stored.Code()}; there is nothing left to object to.")
            : state;
    }

    /// <summary>
    /// The answer to a review that did not suspend: upheld → revoked (unless already closed); rejected → nothing changes.
    /// A suspending objection open beside it is closed by the revocation, as by the department's own (ADR 0013 §6).
    /// </summary>
    public static DesignationState ResolveReview(DesignationState state, bool upheld)
    {
        ArgumentNullException.ThrowIfNull(state);
        return upheld && !state.IsClosed ? Revoke(state) : state;
    }

    /// <summary>Upheld → revoked; rejected → in force again as before the objection.</summary>
    public static DesignationState ResolveObjection(DesignationState state, bool upheld)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.ObjectionOpen)
        {
            throw DomainException.Conflict(DesignationProblemCodes.ObjectionNotOpen, "No objection against this designation is under review.");
        }

        if (upheld)
        {
            return state with { ObjectionOpen = false, Stored = DesignationStatus.Revoked };
        }

        return state with
        {
            ObjectionOpen = false,
            Stored = state.Stored == DesignationStatus.Suspended ? DesignationStatus.Effective : state.Stored,
        };
    }

    /// <summary>The department withdraws its designation (noticed, effective or suspended).</summary>
    public static DesignationState Revoke(DesignationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsClosed)
        {
            throw DomainException.Conflict(DesignationProblemCodes.Closed, $"The designation is already {state.Stored.Code()}.");
        }

        return state with { Stored = DesignationStatus.Revoked, ObjectionOpen = false };
    }

    /// <summary>
    /// A black entry took effect beside this red one (ADR 0042): a noticed, effective or objection-suspended red entry
    /// within its term is set aside as <c>suspended-by-conflict</c>; an objection under review stays open beside it.
    /// Returns null when there is nothing to set aside (closed, already set aside, or its term over).
    /// </summary>
    public static DesignationState? SuspendByConflict(DesignationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.StatusAt(now) is DesignationStatus.Noticed or DesignationStatus.Effective or DesignationStatus.Suspended
            ? state with { Stored = DesignationStatus.SuspendedByConflict }
            : null;
    }

    /// <summary>
    /// The red list's department confirms an entry a conflict set aside (ADR 0042): back to where it was — effective if
    /// it had been decided, noticed if not. Refused (409) unless it is <c>suspended-by-conflict</c> with no objection
    /// under review; whether the subject is eligible again is the use case's question (422 <c>designation-red-ineligible</c>).
    /// </summary>
    public static DesignationState Confirm(DesignationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stored != DesignationStatus.SuspendedByConflict)
        {
            throw DomainException.Conflict(DesignationProblemCodes.NotSuspendedByConflict,
                $"Only a designation suspended by a conflict can be confirmed; this one is {state.Stored.Code()}.");
        }

        if (state.ObjectionOpen)
        {
            throw DomainException.Conflict(DesignationProblemCodes.ObjectionOpen,
                "An objection is under review; the designation is confirmed once it is resolved.");
        }

        return state with { Stored = state.Decision is null ? DesignationStatus.Noticed : DesignationStatus.Effective };
    }

    /// <summary>Restoration granted: publication and measures stop at once (docs/design.md#5-restoration-is-free-and-on-time).</summary>
    public static DesignationState Restore(DesignationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.StatusAt(now) != DesignationStatus.Effective)
        {
            throw DomainException.Conflict(DesignationProblemCodes.NotEffective,
                $"Only an effective designation can be restored; this one is {state.StatusAt(now).Code()}.");
        }

        return state with { Stored = DesignationStatus.Restored };
    }

    /// <summary>
    /// Automatic removal once the obligation is performed (docs/domain.md#lists: judgment defaulters are deleted within 3 working
    /// days). Only an effective designation in its term is removed; one under objection waits for the review (the
    /// deadline monitor shows it if that makes the removal late; ADR 0014).
    /// </summary>
    public static DesignationState RemoveOnPerformance(DesignationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ObjectionOpen && !state.IsClosed)
        {
            throw DomainException.Conflict(DesignationProblemCodes.ObjectionOpen,
                "An objection is under review; the designation is removed once it is resolved.");
        }

        if (state.StatusAt(now) != DesignationStatus.Effective)
        {
            throw DomainException.Conflict(DesignationProblemCodes.NotEffective,
                $"Only an effective designation can be removed; this one is {state.StatusAt(now).Code()}.");
        }

        return state with { Stored = DesignationStatus.Removed };
    }
}
