using PublicCredit.Errors;
using PublicCredit.Storage;

namespace PublicCredit.Access;

/// <summary>
/// Replaces a key by a new one of the same role, department and name (docs/design.md#credentials-end; ADR 0030): the new key is issued
/// and the old one revoked in one transaction, two ledger events that name each other and who rotated. The new key
/// is returned once; the old one stops at once on this node and, through the follower, on the others.
/// </summary>
public sealed class RotateApiKey(PublicCreditDbContext db, CreateApiKey create, RevokeApiKey revoke, TimeProvider clock)
{
    public async Task<CreatedApiKey> RunAsync(Caller caller, string? keyOrId, string? expires, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(KeyAuthority.Administrators);
        var errors = new List<FieldError>();
        var expiresAt = CreateApiKey.ExpiryOf(expires, clock, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await RevokeApiKey.FindAsync(db, keyOrId, cancellationToken);
        var role = Roles.Parse(old.Role);
        KeyAuthority.RequireAuthorityOver(caller, role, old.Department);
        if (old.RevokedAt is not null)
        {
            throw DomainException.Conflict(AccessProblemCodes.KeyAlreadyRevoked, $"Key {old.Id} was revoked; issue a new key instead of rotating it.");
        }

        var created = await create.IssueWithinAsync(caller, role, old.Department, old.Name, expiresAt, old.Id, cancellationToken);
        await revoke.RevokeWithinAsync(caller, old, created.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        revoke.Forget(old.Lookup);
        return created;
    }
}
