namespace PublicCredit.Subscriptions;

/// <summary>A subscription as its department sees it: never the secret.</summary>
public sealed record SubscriptionView(
    Guid Id, string Department, string Url, IReadOnlyList<string> Events, IReadOnlyList<string>? ListTypes,
    DateTimeOffset CreatedAt, string CreatedBy, long StartsAfter, bool HasWatchlist, int WatchlistSubjects, string? WatchlistSha256)
{
    public static SubscriptionView Of(SubscriptionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new SubscriptionView(row.Id, row.Department, row.Url, row.EventList(), row.ListTypeList(), row.CreatedAt, row.CreatedBy,
            row.StartsAfter, row.HasWatchlist, row.WatchlistCount, row.WatchlistSha256);
    }
}

/// <summary>The answer to registering: the subscription and its signing secret, shown this once (ADR 0052 §2).</summary>
public sealed record RegisteredSubscription(SubscriptionView Subscription, string Secret);
