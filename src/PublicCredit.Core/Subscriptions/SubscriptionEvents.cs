using System.Text.Json.Serialization;
using PublicCredit.Ledger;

namespace PublicCredit.Subscriptions;

/// <summary>
/// A checking department registered a webhook subscription (ADR 0052): where deliveries go, which change kinds and
/// list types it wants, and the ledger position after which its deliveries start. Never the signing secret.
/// </summary>
public sealed record SubscriptionRegistered(
    Guid SubscriptionId, string Url, IReadOnlyList<string> Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ListTypes,
    long StartsAfter) : ILedgerEvent
{
    public const string EventType = "subscription-registered";
}

/// <summary>A subscription's watchlist was replaced: how many distinct subjects, and the SHA-256 of their sorted ids.</summary>
public sealed record SubscriptionWatchlistSet(Guid SubscriptionId, int Subjects, string Sha256) : ILedgerEvent
{
    public const string EventType = "subscription-watchlist-set";
}

/// <summary>A subscription was deleted by its department: nothing more is delivered to it.</summary>
public sealed record SubscriptionDeleted(Guid SubscriptionId, DateTimeOffset DeletedAt) : ILedgerEvent
{
    public const string EventType = "subscription-deleted";
}
