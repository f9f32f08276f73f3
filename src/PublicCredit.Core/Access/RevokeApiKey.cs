using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Access;

/// <summary>A key as administrators see it: never the key, its lookup part only (which the ledger also shows).</summary>
public sealed record ApiKeyView(
    Guid Id, string Lookup, string Name, string Role, string Department, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, string Status)
{
    public static ApiKeyView Of(ApiKeyRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var expires = row.ExpiresAtOrDefault();
        var status = row.RevokedAt is not null ? "revoked" : expires <= now ? "expired" : "active";
        return new ApiKeyView(row.Id, row.Lookup, row.Name, row.Role, row.Department, row.CreatedAt, row.CreatedBy,
            expires, row.RevokedAt, row.RevokedBy, status);
    }
}

/// <summary>
/// Ends an API key at once (docs/design.md#credentials-end; ADR 0030): the row is marked revoked, every browser session opened with it
/// ends, and the revocation is a ledger event naming who did it, all in one transaction; after commit this node's
/// cache forgets the key, and other nodes' followers do the same when they read the event. Who may revoke which key
/// is <see cref="KeyAuthority"/>'s rule, the same as for issuing it.
/// </summary>
public sealed class RevokeApiKey(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock, IEnumerable<ICredentialRevoked> caches)
{
    public const string EventType = ApiKeyRevoked.EventType;

    /// <param name="caller">Who revokes.</param>
    /// <param name="keyOrId">The key's id, or the key itself (the operator may hold only the key).</param>
    /// <param name="cancellationToken">Cancels before commit.</param>
    public async Task<ApiKeyView> RunAsync(Caller caller, string? keyOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(KeyAuthority.Administrators);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await FindAsync(db, keyOrId, cancellationToken);
        KeyAuthority.RequireAuthorityOver(caller, Roles.Parse(row.Role), row.Department);
        await RevokeWithinAsync(caller, row, replacedBy: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Forget(row.Lookup);
        return ApiKeyView.Of(row, clock.GetUtcNow());
    }

    /// <summary>Marks the key revoked, ends its sessions and appends the event, inside the caller's transaction.</summary>
    internal async Task RevokeWithinAsync(Caller caller, ApiKeyRow row, Guid? replacedBy, CancellationToken cancellationToken)
    {
        if (row.RevokedAt is not null)
        {
            throw DomainException.Conflict(AccessProblemCodes.KeyAlreadyRevoked, $"Key {row.Id} was revoked at {row.RevokedAt:O} by {row.RevokedBy}.");
        }

        var now = LedgerChain.Truncate(clock.GetUtcNow());
        row.RevokedAt = now;
        row.RevokedBy = caller.Actor;
        await CredentialSessions.EndAllOfAsync(db, row.Lookup, now, cancellationToken);
        var payload = new ApiKeyRevoked(row.Id, row.Lookup, row.Role, now, replacedBy);
        await ledger.AppendAsync(LedgerEntry.Of(payload, caller.Actor, row.Department, null), cancellationToken);
    }

    internal void Forget(string lookup)
    {
        foreach (var cache in caches)
        {
            cache.Revoked(lookup);
        }
    }

    /// <summary>The key with this id, or the row of this very key (its hash must match): 404 <c>key-unknown</c> otherwise.</summary>
    internal static async Task<ApiKeyRow> FindAsync(PublicCreditDbContext db, string? keyOrId, CancellationToken cancellationToken)
    {
        var value = keyOrId?.Trim();
        ApiKeyRow? row = null;
        if (Guid.TryParse(value, out var id))
        {
            row = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        }
        else if (AccessToken.TryParse(value, out var token) && token.Kind == TokenKind.ApiKey)
        {
            row = await db.ApiKeys.SingleOrDefaultAsync(k => k.Lookup == token.Lookup, cancellationToken);
            row = row is not null && token.Matches(row.SecretHash) ? row : null;
        }

        return row ?? throw DomainException.NotFound(AccessProblemCodes.KeyUnknown, "No API key has this id (or is this key).");
    }
}
