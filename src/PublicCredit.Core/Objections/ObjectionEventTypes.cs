using System.Text.Json.Serialization;
using PublicCredit.Ledger;

namespace PublicCredit.Objections;

/// <summary>
/// An objection step against a record (ADR 0013 §4, ADR 0034): the objection, the version, the record's state before
/// and after, whether it was public, and for a filing who filed it, the hashes of grounds and evidence, the review
/// deadline and whether it suspends; for a decision or a suspension the hash of the reasons. On a designation the
/// same events are designation transitions that carry <c>objectionId</c>.
/// </summary>
public sealed record ObjectionOnRecord(Guid ObjectionId, Guid RecordId, int Version, string From, string To, bool Public) : ILedgerEvent
{
    [JsonExtensionData]
    public IDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
