using PublicCredit.Ledger;

namespace PublicCredit.Catalog;

/// <summary>A catalog version became active (ADR 0003): its declared version, content hash and how much it holds.</summary>
public sealed record CatalogActivated(string Version, string ContentHash, int Categories, int ListTypes, int Measures, int Memoranda) : ILedgerEvent
{
    public const string EventType = "catalog-activated";
}
