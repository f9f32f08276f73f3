using PublicCredit.Ledger;

namespace PublicCredit.Checks;

/// <summary>A department reported whether it applied a measure a check returned; the note is kept only as a hash.</summary>
public sealed record CheckFeedbackGiven(Guid Id, Guid CheckId, string Measure, string? Memorandum, bool Applied, string? NoteSha256) : ILedgerEvent
{
    public const string EventType = "check-feedback";
}
