using PublicCredit.Errors;

namespace PublicCredit.Subscriptions;

/// <summary>The stable problem codes of webhook subscriptions (docs/subscriptions.md): the capability's error catalogue (ADR 0040).</summary>
[ProblemCatalogue("subscriptions")]
public static class SubscriptionProblemCodes
{
    [Problem(422, "url is an absolute https URL of at most 2000 characters.", Field = "url")]
    public const string UrlInvalid = "subscription-url-invalid";
    [Problem(422, "Deliveries do not go to '…': a private, loopback or link-local address (or plain http) is not allowed on this server.", Field = "url")]
    public const string UrlNotAllowed = "subscription-url-not-allowed";
    [Problem(422, "events lists one or more of the changes feed's item types (…).", Field = "events")]
    public const string KindsInvalid = "subscription-events-invalid";
    [Problem(422, "'…' is not a list type of catalog ….", Field = "listTypes")]
    public const string ListTypeUnknown = "subscription-list-type-unknown";
    [Problem(404, "There is no subscription … of this department.")]
    public const string NotFound = "subscription-not-found";
    [Problem(422, "Row …: '…' is not a valid USCC or resident ID (…).")]
    public const string WatchlistRowInvalid = "watchlist-row-invalid";
    [Problem(422, "A watchlist holds at most … subjects; this one has more.")]
    public const string WatchlistTooLarge = "watchlist-too-large";
    [Problem(404, "There is no dead letter … of this subscription.")]
    public const string DeadLetterNotFound = "dead-letter-not-found";
}
