using System.Collections.Frozen;
using System.Text;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Changes;
using PublicCredit.Checks;
using PublicCredit.Designations;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Removals;
using PublicCredit.Reports;
using PublicCredit.Restorations;
using PublicCredit.Storage;
using PublicCredit.Subscriptions;
using PublicCredit.Inquiries;

namespace PublicCredit.Ledger;

/// <summary>
/// One ledger event type (ADR 0040): its stored name, the record that is its payload, what it means, what the changes
/// feed makes of it (the item types it may yield, or why it is not in the feed), and which state tables the
/// verifier proves from it (ADR 0032: the reconcilers of those tables), or why it proves none.
/// </summary>
public sealed record LedgerEventType(
    string Name,
    IReadOnlyList<Type> Payloads,
    string Capability,
    string Meaning,
    IReadOnlyList<string> FeedItems,
    string? NotInFeedBecause,
    IReadOnlyList<Type> ProvedBy,
    string? NotReconciledBecause)
{
    public bool InFeed => FeedItems.Count > 0;
}

/// <summary>
/// The one registry of ledger event types (ADR 0040): every name the platform appends, with its payload type, its
/// feed mapping and its verifier rule. The changes feed reads its source events here, the follower and the
/// reconcilers name events by the typed constants listed here, and docs/ledger.md's table is generated from it; a
/// test fails when an entry lacks a feed decision, a verifier rule or its line in the docs.
/// </summary>
public static class LedgerEvents
{
    private const string NotInFeed = "not a change of what is public or enforced";

    public static IReadOnlyList<LedgerEventType> All { get; } =
    [
        // Records (ADR 0006, ADR 0008, ADR 0011)
        Event<RecordCreated>(RecordCreated.EventType, "records", "one record written (API or a one-row import chunk)",
            Feed(ChangeTypes.RecordPublished), typeof(RecordRow)),
        Event<RecordsCreated>(RecordsCreated.EventType, "records", "a chunk of imported records written in one event",
            Feed(ChangeTypes.RecordPublished), typeof(RecordRow)),
        Event<RecordCorrected>(RecordCorrected.EventType, "records", "a record corrected into a new version",
            Feed(ChangeTypes.RecordCorrected, ChangeTypes.RecordPublished, ChangeTypes.RecordWithdrawn), typeof(RecordRow)),
        Event<RecordWithdrawn>(RecordWithdrawn.EventType, "records", "one published record's publicity period ended",
            Feed(ChangeTypes.RecordWithdrawn),
            notReconciled: "announces an end the record's own publicity period already states; the version it names is proved by its creating event"),
        Event<RecordsWithdrawn>(RecordsWithdrawn.EventType, "records", "several published records' publicity periods ended",
            Feed(ChangeTypes.RecordWithdrawn),
            notReconciled: "announces ends the records' own publicity periods already state; the versions it names are proved by their creating events"),

        // Designations (ADR 0009, ADR 0014)
        Event<DesignationNoticed>(DesignationNoticed.EventType, "designations", "a designation noticed to its subject",
            NoFeed("a noticed designation has no measures in force yet"), typeof(DesignationRow), typeof(ResponsiblePersonRow)),
        Event<DesignationTransition>(DesignationEvents.StatementFiled, "designations", "the subject filed a statement",
            NoFeed(NotInFeed), typeof(DesignationRow), typeof(StatementRow)),
        Event<DesignationTransition>(DesignationEvents.Effective, "designations", "a designation decided and in force from effectiveFrom",
            Feed(ChangeTypes.DesignationEffective), typeof(DesignationRow)),
        Event<DesignationTransition>(DesignationEvents.Revoked, "designations", "a designation revoked by its department",
            Feed(ChangeTypes.DesignationRevoked), typeof(DesignationRow)),
        Event<DesignationTransition>(DesignationEvents.Restored, "restorations", "a granted restoration ended a designation",
            Feed(ChangeTypes.DesignationRestored), typeof(DesignationRow), typeof(RestorationRow)),
        Event<DesignationTransition>(DesignationEvents.ReachRestored, "restorations",
            "a granted restoration ended a designation's reach to one responsible person; the organisation stays listed",
            NoFeed("a person's reach is not on the public list: the feed carries the organisation's entry, which is unchanged"),
            typeof(DesignationRow), typeof(RestorationRow), typeof(ResponsiblePersonRow)),
        Event<DesignationTransition>(DesignationEvents.PerformanceRecorded, "removals", "the subject's performance recorded, removal to follow",
            NoFeed(NotInFeed), typeof(DesignationRow), typeof(PerformanceRow)),
        Event<DesignationTransition>(DesignationEvents.Removed, "removals", "a designation removed once its obligation was performed",
            Feed(ChangeTypes.DesignationRemoved), typeof(DesignationRow), typeof(PerformanceRow)),
        Event<DesignationSuspendedByConflict>(DesignationSuspendedByConflict.EventType, "designations",
            "a black entry took effect beside a red one: the red entry set aside until its department revokes or confirms it",
            Feed(ChangeTypes.DesignationSuspendedByConflict), typeof(DesignationRow)),
        Event<DesignationTransition>(DesignationEvents.Confirmed, "designations",
            "a red entry set aside by a conflict confirmed by its department for a subject eligible again",
            Feed(ChangeTypes.DesignationReinstated), typeof(DesignationRow)),
        Event<DesignationExpired>(DesignationExpired.EventType, "designations", "an effective designation's term ended",
            Feed(ChangeTypes.DesignationExpired),
            notReconciled: "announces an end the designation's own expiresAt already states; the designation it names is proved by its decision's event"),

        // Objections (ADR 0013, ADR 0034): on a designation the payload is a transition; on a record it names the version.
        Event<DesignationTransition, ObjectionOnRecord>(ObjectionEvents.Filed, "objections", "an objection filed (suspending, or opening a review)",
            Feed(ChangeTypes.DesignationSuspended, ChangeTypes.RecordSuspended), typeof(ObjectionRow), typeof(DesignationRow)),
        Event<DesignationTransition, ObjectionOnRecord>(ObjectionEvents.Suspended, "objections", "the owning department suspended an objection's target",
            Feed(ChangeTypes.DesignationSuspended, ChangeTypes.RecordSuspended), typeof(ObjectionRow), typeof(DesignationRow)),
        Event<DesignationTransition, ObjectionOnRecord>(ObjectionEvents.Upheld, "objections", "an objection upheld: the target revoked or withdrawn",
            Feed(ChangeTypes.DesignationRevoked, ChangeTypes.RecordWithdrawn), typeof(ObjectionRow), typeof(DesignationRow)),
        Event<DesignationTransition, ObjectionOnRecord>(ObjectionEvents.Rejected, "objections", "an objection rejected: a suspended target in force again",
            Feed(ChangeTypes.DesignationReinstated, ChangeTypes.RecordReinstated), typeof(ObjectionRow), typeof(DesignationRow)),

        // Restorations (ADR 0014)
        Event<RestorationSubmitted>(RestorationSubmitted.EventType, "restorations", "a restoration applied for",
            NoFeed(NotInFeed), typeof(RestorationRow)),
        Event<RestorationStepTaken>(RestorationEvents.Accepted, "restorations", "a restoration application accepted (or not) for decision",
            NoFeed(NotInFeed), typeof(RestorationRow)),
        Event<RestorationStepTaken>(RestorationEvents.Refused, "restorations", "a restoration refused",
            NoFeed(NotInFeed), typeof(RestorationRow)),
        Event<RestorationStepTaken>(RestorationEvents.RecordRestored, "restorations", "a granted restoration stopped a record's publication",
            Feed(ChangeTypes.RecordRestored), typeof(RestorationRow)),

        // Access (ADR 0005, ADR 0029, ADR 0030)
        Event<ApiKeyCreated>(ApiKeyCreated.EventType, "access", "an API key created (or rotated in)", NoFeed(NotInFeed), typeof(ApiKeyRow)),
        Event<ApiKeyRevoked>(ApiKeyRevoked.EventType, "access", "an API key revoked; followers drop it", NoFeed(NotInFeed), typeof(ApiKeyRow)),
        Event<SubjectTokenIssued>(SubjectTokenIssued.EventType, "access", "a subject token issued", NoFeed(NotInFeed), typeof(SubjectTokenRow)),
        Event<SubjectTokenRevoked>(SubjectTokenRevoked.EventType, "access", "a subject token revoked; followers drop it", NoFeed(NotInFeed), typeof(SubjectTokenRow)),
        Event<ActivationCodeIssued>(ActivationCodeIssued.EventType, "access", "an activation code issued with a notice", NoFeed(NotInFeed), typeof(ActivationCodeRow)),
        Event<ActivationCodeRedeemed>(ActivationCodeRedeemed.EventType, "access", "an activation code redeemed for a token", NoFeed(NotInFeed), typeof(ActivationCodeRow)),

        // Inquiries (ADR 0032 §4)
        Event<InquiriesSealed>(InquiriesSealed.EventType, "inquiries", "inquiry-log batches sealed with their counts and digests",
            NoFeed("the inquiry log is not public"), typeof(InquiryBatchRow), typeof(InquiryRow)),

        // Subscriptions (ADR 0052): who is told of changes is not itself a change of what is public or enforced.
        Event<SubscriptionRegistered>(SubscriptionRegistered.EventType, "subscriptions", "a checking department registered a webhook subscription",
            NoFeed(NotInFeed), typeof(SubscriptionRow)),
        Event<SubscriptionWatchlistSet>(SubscriptionWatchlistSet.EventType, "subscriptions", "a subscription's watchlist replaced (count and digest)",
            NoFeed(NotInFeed), typeof(SubscriptionRow)),
        Event<SubscriptionDeleted>(SubscriptionDeleted.EventType, "subscriptions", "a subscription deleted by its department",
            NoFeed(NotInFeed), typeof(SubscriptionRow)),

        // Catalog, checks, reports
        Event<CatalogActivated>(CatalogActivated.EventType, "catalog", "a catalog version activated",
            NoFeed(NotInFeed),
            notReconciled: "the catalog is a file, not a table: the event records which version was active from when; the chain proves the event"),
        Event<CheckFeedbackGiven>(CheckFeedbackGiven.EventType, "checks", "a department's feedback on a check's measure", NoFeed(NotInFeed), typeof(CheckFeedbackRow)),
        Event<ReportIssued>(ReportIssued.EventType, "reports", "a credit report issued", NoFeed(NotInFeed), typeof(IssuedReportRow)),
    ];

    private static readonly FrozenDictionary<string, LedgerEventType> ByName = All.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The names of the events the changes feed derives items from.</summary>
    public static IReadOnlyList<string> FeedSources { get; } = [.. All.Where(e => e.InFeed).Select(e => e.Name)];

    public static LedgerEventType? Named(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The stored name of a typed event; a payload type shared by several events (a transition) has none.</summary>
    public static string NameOf(Type payload)
    {
        var matches = All.Where(e => e.Payloads.Contains(payload)).ToList();
        return matches.Count == 1
            ? matches[0].Name
            : throw new InvalidOperationException($"{payload.Name} is not the payload of exactly one registered ledger event ({matches.Count}).");
    }

    /// <summary>The table docs/ledger.md shows between its <c>ledger-events</c> markers.</summary>
    public static string DocsTable()
    {
        var text = new StringBuilder();
        text.Append("| event | capability | meaning | payload | changes feed | proves (ADR 0032) |\n|---|---|---|---|---|---|\n");
        foreach (var e in All)
        {
            var feed = e.InFeed ? string.Join(", ", e.FeedItems.Select(i => $"`{i}`")) : "—";
            var proves = e.ProvedBy.Count > 0 ? string.Join(", ", e.ProvedBy.Select(t => $"`{StorageTableName(t)}`")) : "— (" + e.NotReconciledBecause + ")";
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"| `{e.Name}` | {e.Capability} | {e.Meaning} | {string.Join(" or ", e.Payloads.Select(p => $"`{p.Name}`"))} | {feed} | {proves} |\n");
        }

        return text.ToString();
    }

    private static string StorageTableName(Type row) => row.Name.EndsWith("Row", StringComparison.Ordinal) ? row.Name[..^3] : row.Name;

    private sealed record FeedDecision(IReadOnlyList<string> Items, string? Reason);

    private static FeedDecision Feed(params string[] items) => new(items, null);

    private static FeedDecision NoFeed(string reason) => new([], reason);

    private static LedgerEventType Event<TPayload>(string name, string capability, string meaning, FeedDecision feed, params Type[] provedBy)
        where TPayload : ILedgerEvent =>
        new(name, [typeof(TPayload)], capability, meaning, feed.Items, feed.Reason, provedBy, null);

    private static LedgerEventType Event<TDesignation, TRecord>(string name, string capability, string meaning, FeedDecision feed, params Type[] provedBy)
        where TDesignation : ILedgerEvent
        where TRecord : ILedgerEvent =>
        new(name, [typeof(TDesignation), typeof(TRecord)], capability, meaning, feed.Items, feed.Reason, provedBy, null);

    private static LedgerEventType Event<TPayload>(string name, string capability, string meaning, FeedDecision feed, string notReconciled)
        where TPayload : ILedgerEvent =>
        new(name, [typeof(TPayload)], capability, meaning, feed.Items, feed.Reason, [], notReconciled);
}
