using System.Linq.Expressions;
using PublicCredit.Rules;

namespace PublicCredit.Designations;

/// <summary>
/// When a stored designation is in force, written once (docs/design.md#designation-life-cycle): effective, no objection
/// under review (docs/design.md#4-an-objection-suspends-at-once), with its decision, and
/// <c>effectiveFrom ≤ t &lt; expiresAt</c>. Each rule is one expression: queries use it as it is (EF translates it on
/// both providers), rows in memory use the same expression compiled once, so the two cannot drift apart.
/// <see cref="DesignationState.IsEnforcedAt"/> is the same rule on the life-cycle state; a test checks they agree.
/// </summary>
public static class DesignationInForce
{
    /// <summary>The rule without the instant: a designation that measures apply to during its term (the enforcement
    /// index loads these and keeps the term, so it answers for any instant itself).</summary>
    public static readonly Expression<Func<DesignationRow, bool>> Enforceable = d =>
        d.Status == DesignationStatus.Effective && !d.ObjectionOpen
        && d.DecisionDocument != null && d.Term != null && d.EffectiveFrom != null && d.ExpiresAt != null;

    private static readonly Expression<Func<DesignationRow, DateTimeOffset, bool>> AtRule = (d, t) =>
        d.Status == DesignationStatus.Effective && !d.ObjectionOpen
        && d.DecisionDocument != null && d.Term != null && d.EffectiveFrom <= t && d.ExpiresAt > t;

    /// <summary>The automatic-removal variant: effective, no objection under review, not yet expired — with no lower
    /// bound on <c>effectiveFrom</c>. It differs from the in-force rule on purpose: it selects what
    /// <see cref="DesignationLifecycle.RemoveOnPerformance"/> accepts (a designation whose status reads effective, see
    /// <see cref="DesignationState.StatusAt"/>), so a performed designation decided with a later <c>effectiveFrom</c> is
    /// removed too (docs/domain.md#lists; ADR 0014).</summary>
    private static readonly Expression<Func<DesignationRow, DateTimeOffset, bool>> NotLapsedRule = (d, t) =>
        d.Status == DesignationStatus.Effective && !d.ObjectionOpen && d.ExpiresAt > t;

    private static readonly Func<DesignationRow, bool> EnforceableCompiled = Enforceable.Compile();
    private static readonly Func<DesignationRow, DateTimeOffset, bool> NotLapsedCompiled = NotLapsedRule.Compile();
    private static readonly Func<DesignationRow, DateTimeOffset, bool> AtCompiled = AtRule.Compile();

    /// <summary>In force at <paramref name="instant"/>, as a query predicate.</summary>
    public static Expression<Func<DesignationRow, bool>> At(DateTimeOffset instant) => BoundRule.Bind(AtRule, instant);

    /// <summary>Effective, no objection under review, not yet expired at <paramref name="instant"/>, with no lower
    /// bound on <c>effectiveFrom</c> (see <see cref="NotLapsedRule"/> for why), as a query predicate.</summary>
    public static Expression<Func<DesignationRow, bool>> RemovableAt(DateTimeOffset instant) => BoundRule.Bind(NotLapsedRule, instant);

    /// <summary>A black entry that stands at <paramref name="instant"/>: decided, no objection under review, its term not
    /// ended — whether or not its start has come. The same rule as <see cref="RemovableAt"/>, named for its other
    /// reader: a red entry is neither admitted beside a black one nor left in force once the black one is decided, even
    /// with a later start (ADR 0042), so the subject never holds both.</summary>
    public static Expression<Func<DesignationRow, bool>> StandsAt(DateTimeOffset instant) => BoundRule.Bind(NotLapsedRule, instant);

    /// <summary><see cref="StandsAt"/>, for a row in memory.</summary>
    public static bool StandsAt(this DesignationRow row, DateTimeOffset instant) => NotLapsedCompiled(row, instant);

    /// <summary>In force at <paramref name="instant"/>, for a row in memory (the same expression as <see cref="At"/>).</summary>
    public static bool IsInForceAt(this DesignationRow row, DateTimeOffset instant) => AtCompiled(row, instant);

    /// <summary><see cref="Enforceable"/>, for a row in memory.</summary>
    public static bool IsEnforceable(this DesignationRow row) => EnforceableCompiled(row);
}
