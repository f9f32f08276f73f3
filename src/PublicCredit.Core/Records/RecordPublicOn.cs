using System.Linq.Expressions;
using PublicCredit.Catalog;
using PublicCredit.Identifiers;
using PublicCredit.Rules;

namespace PublicCredit.Records;

/// <summary>
/// Whether a stored record version is public on day <c>D</c>, written once (ADR 0008; docs/domain.md#publicity-periods,
/// docs/design.md#7-privacy-by-default). A version is public on <c>D</c> when it is published at all (<c>published</c>: a
/// grade the catalog publishes, and an organisation or a category with <c>individualsPublic</c>), its period has not
/// ended (<c>publicUntil</c> null or ≥ D — the last public day is inclusive, so publication stops at 00:00 China time
/// the day after) and, for individuals, the catalog <em>still</em> makes the category public: a catalog that withdraws
/// individuals' publication takes effect at once, without rewriting stored flags. Objections and restorations are
/// not part of this rule: the public views add them (<c>PublicRecords.PublicAt</c> in Profiles).
/// Each rule is one expression: queries use it as it is (EF translates it on both providers), rows in memory use the
/// same expression compiled once, so the two cannot drift apart.
/// </summary>
public static class RecordPublicOn
{
    private static readonly Expression<Func<RecordRow, DateOnly, IReadOnlyCollection<string>, bool>> PublicOnRule =
        (r, day, individualsPublicCategories) => r.Published
            && (r.PublicUntil == null || r.PublicUntil >= day)
            && (r.SubjectKind == SubjectKind.Organisation || individualsPublicCategories.Contains(r.Category));

    /// <summary>The variant for the end of publication: published, with a period that ended before <c>D</c> (its last
    /// public day is before <c>D</c>). It differs from "not public on D" on purpose: it ignores the catalog's
    /// individuals-public categories, since what it selects is a publication that was announced and must now be
    /// withdrawn downstream (docs/domain.md#publicity-periods: publication stops everywhere, feeds included), or, for a
    /// version written after its end, one that never was and must not be announced as withdrawn (ADR 0008).</summary>
    private static readonly Expression<Func<RecordRow, DateOnly, bool>> EndedBeforeRule =
        (r, day) => r.Published && r.PublicUntil != null && r.PublicUntil < day;

    private static readonly Func<RecordRow, DateOnly, IReadOnlyCollection<string>, bool> PublicOnCompiled = PublicOnRule.Compile();
    private static readonly Func<RecordRow, DateOnly, bool> EndedBeforeCompiled = EndedBeforeRule.Compile();

    /// <summary>Public on <paramref name="day"/>, as a query predicate.</summary>
    public static Expression<Func<RecordRow, bool>> Day(DateOnly day, IReadOnlyCollection<string> individualsPublicCategories)
    {
        ArgumentNullException.ThrowIfNull(individualsPublicCategories);
        return BoundRule.Bind(PublicOnRule, day, individualsPublicCategories);
    }

    /// <summary>Public on <paramref name="day"/>, for a row in memory (the same expression as <see cref="Day"/>).</summary>
    public static bool IsPublicOn(this RecordRow row, DateOnly day, IReadOnlyCollection<string> individualsPublicCategories) =>
        PublicOnCompiled(row, day, individualsPublicCategories);

    /// <summary>Published with a period that ended before <paramref name="day"/> (see <see cref="EndedBeforeRule"/>), as a query predicate.</summary>
    public static Expression<Func<RecordRow, bool>> EndedBefore(DateOnly day) => BoundRule.Bind(EndedBeforeRule, day);

    /// <summary><see cref="EndedBefore"/>, for a row in memory.</summary>
    public static bool HasEndedBefore(this RecordRow row, DateOnly day) => EndedBeforeCompiled(row, day);

    /// <summary>The publicity-end job's work list: <see cref="EndedBefore"/> <paramref name="today"/> and the end not
    /// yet announced to downstream systems (no withdrawal position).</summary>
    public static IQueryable<RecordRow> EndedUnannounced(this IQueryable<RecordRow> rows, DateOnly today) =>
        rows.Where(EndedBefore(today)).Where(r => r.WithdrawalPosition == null);

    /// <summary>The version of each record that stood at <paramref name="instant"/>: written by then, not yet superseded.</summary>
    public static Expression<Func<RecordRow, bool>> StandingAt(DateTimeOffset instant) =>
        r => r.RecordedAt <= instant && (r.SupersededAt == null || r.SupersededAt > instant);

    /// <summary>The categories whose records about individuals the catalog makes public.</summary>
    public static IReadOnlyCollection<string> IndividualsPublicCategories(CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Categories.Where(c => c.IndividualsPublic).Select(c => c.Code)];
    }
}
