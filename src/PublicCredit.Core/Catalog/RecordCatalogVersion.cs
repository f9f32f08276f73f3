using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Access;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Catalog;

/// <summary>
/// A catalog version change is an event: when a server starts with a catalog whose content differs from the one
/// the ledger last recorded, it appends <c>catalog-activated</c> with the version, so every later event can be read
/// against the rules that were in force (docs/design.md#8-everything-is-evidence; ADR 0003).
/// </summary>
public sealed class RecordCatalogVersion(PublicCreditDbContext db, AppendToLedger ledger, CreditCatalog catalog)
{
    public const string EventType = CatalogActivated.EventType;

    /// <returns>true if the version was new to this database and an event was appended.</returns>
    public async Task<bool> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var last = await db.LedgerEvents.AsNoTracking()
            .Where(e => e.Type == EventType)
            .OrderByDescending(e => e.Position)
            .Select(e => e.Payload)
            .FirstOrDefaultAsync(cancellationToken);
        if (last is not null && ContentHashOf(last) == catalog.Version.ContentHash)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.AppendAsync(
            LedgerEntry.Of(
                new CatalogActivated(catalog.Version.Declared, catalog.Version.ContentHash, catalog.Categories.Count, catalog.ListTypes.Count,
                    catalog.Measures.Count, catalog.Memoranda.Count),
                caller.Actor, null, null),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string? ContentHashOf(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.TryGetProperty("contentHash", out var hash) ? hash.GetString() : null;
    }
}
