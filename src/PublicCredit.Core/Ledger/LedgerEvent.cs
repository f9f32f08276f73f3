namespace PublicCredit.Ledger;

/// <summary>
/// A ledger event as a type: the record is the event's payload, and its <c>EventType</c> constant is the name the
/// ledger stores. <see cref="LedgerEvents"/> maps each type to its name, its payload schema, its place in the changes
/// feed and the reconciler that proves its effect (ADR 0040). The payload is written with <see cref="CanonicalJson"/>
/// exactly as the dictionaries and anonymous objects of earlier versions were: camelCase member names, members the
/// record marks as optional left out when absent — the stored text, and so the hash chain, does not change.
/// </summary>
public interface ILedgerEvent;

public sealed partial record LedgerEntry
{
    /// <summary>The entry for a typed event: its name comes from the registry, its payload is the event itself.</summary>
    public static LedgerEntry Of(ILedgerEvent payload, string actor, string? department, string? subject)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new LedgerEntry(LedgerEvents.NameOf(payload.GetType()), actor, department, subject, payload);
    }
}
