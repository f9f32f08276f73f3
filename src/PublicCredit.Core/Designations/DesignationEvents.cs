using System.Text.Json.Serialization;
using PublicCredit.Ledger;

namespace PublicCredit.Designations;

/// <summary>The ledger event names of designations (ADR 0009 §4), one per transition; <see cref="LedgerEvents"/> holds them all.</summary>
public static class DesignationEvents
{
    public const string Noticed = DesignationNoticed.EventType;
    public const string StatementFiled = "designation-statement-filed";
    public const string Effective = "designation-effective";
    public const string Revoked = "designation-revoked";

    /// <summary>A granted restoration ended the designation (payload carries <c>restorationId</c>; ADR 0014).</summary>
    public const string Restored = "designation-restored";

    /// <summary>A granted restoration a responsible person applied for ended the designation's reach to that person; the
    /// organisation's entry stays as it is (docs/restorations.md#responsible-persons).</summary>
    public const string ReachRestored = "designation-reach-restored";

    /// <summary>Removed once the obligation was performed (catalog <c>automaticRemoval</c>; ADR 0014).</summary>
    public const string Removed = "designation-removed";

    /// <summary>The subject's performance of the obligation was recorded, removal to follow (ADR 0014).</summary>
    public const string PerformanceRecorded = "designation-performance-recorded";

    /// <summary>A black entry took effect beside a red one: the red one is set aside (ADR 0042).</summary>
    public const string SuspendedByConflict = DesignationSuspendedByConflict.EventType;

    /// <summary>The red list's department confirmed an entry a conflict set aside: back as it was (ADR 0042).</summary>
    public const string Confirmed = "designation-confirmed";

    /// <summary>The term of an effective designation ended (announced by the expiry announcer, ADR 0044).</summary>
    public const string Expired = DesignationExpired.EventType;
}

/// <summary>
/// The term of a designation ended at <see cref="ExpiresAt"/> while it was effective (ADR 0044): an announcement for the
/// changes feed, written within a minute of the end by the expiry announcer. It changes no state — expired is derived
/// from the time, never stored — so the designation's own <c>expiresAt</c> already says what it says.
/// </summary>
public sealed record DesignationExpired(Guid DesignationId, string ListType, DateTimeOffset ExpiresAt) : ILedgerEvent
{
    public const string EventType = "designation-expired";
}

/// <summary>
/// A designation was noticed (ADR 0009): ids, list type, the notice's document and hash, the objection deadline,
/// the subject's kind, the measures and how many responsible persons it names — never their identities — and the records
/// the designation rests on (<see cref="BasisRecordIds"/>, ADR 0043). The member is left out when a proposal names none,
/// so events written before it existed, and those without a basis, have the same payload and keep verifying; likewise
/// <see cref="EntryFieldsSha256"/>, the hash of the list type's entry fields as stored (never their text).
/// </summary>
public sealed record DesignationNoticed(
    Guid DesignationId, string ListType, string? From, string To, string Document, string NoticeSha256, DateOnly ObjectionDeadline,
    int ObjectionWindowWorkingDays, string SubjectKind, IReadOnlyList<string> Measures, int ResponsiblePersons, Guid ActivationCodeId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Guid>? BasisRecordIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EntryFieldsSha256 = null) : ILedgerEvent
{
    public const string EventType = "designation-noticed";
}

/// <summary>
/// Every other transition of a designation (ADR 0009 §4), also when an objection, a restoration or a performance
/// makes it: ids, list type, the states, the document and a hash of the reasons, and the members the transition
/// adds (<see cref="Details"/>: e.g. <c>effectiveFrom</c>, <c>objectionId</c>, <c>restorationId</c>, <c>performanceId</c>),
/// written beside the others in the same object.
/// </summary>
public sealed record DesignationTransition(Guid DesignationId, string ListType, string? From, string To, string? Document, string? ReasonsSha256) : ILedgerEvent
{
    [JsonExtensionData]
    public IDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

/// <summary>
/// A black entry took effect (decided, or in force again after an objection) while the same subject — or a responsible
/// person it reaches — held a red entry (ADR 0042): the red designation <see cref="DesignationId"/> went from
/// <see cref="From"/> to <c>suspended-by-conflict</c> because of <see cref="BlackDesignationId"/>; its department
/// revokes or confirms it by <see cref="ReviewDue"/> (null when the catalog calendar does not reach it).
/// </summary>
public sealed record DesignationSuspendedByConflict(
    Guid DesignationId, string ListType, string From, string To, Guid BlackDesignationId, string BlackListType, DateOnly? ReviewDue) : ILedgerEvent
{
    public const string EventType = "designation-suspended-by-conflict";
}
