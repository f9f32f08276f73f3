using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Ledger;
using PublicCredit.Storage;

namespace PublicCredit.Access;

/// <summary>A subject's credential as the subject sees it in its own list: never the token, only when and whether it works.</summary>
public sealed record SubjectTokenView(Guid Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string Status, bool Current)
{
    public static SubjectTokenView Of(SubjectTokenRow row, DateTimeOffset now, Caller? caller)
    {
        ArgumentNullException.ThrowIfNull(row);
        var status = row.RevokedAt is not null ? "revoked" : row.ExpiresAt <= now ? "expired" : "active";
        return new SubjectTokenView(row.Id, row.IssuedAt, row.ExpiresAt, row.RevokedAt, status,
            string.Equals(caller?.Actor, $"subject-token:{row.Lookup}", StringComparison.Ordinal));
    }
}

/// <summary>
/// Ends a subject's self-service token at once (docs/design.md#credentials-end; ADR 0030): by the subject itself (its own tokens only)
/// or by the operator (`pcredit subjects token revoke`). Like a key's revocation: row, sessions and ledger event in one
/// transaction, then this node's cache forgets it and the other nodes' followers do too. No department can revoke a
/// subject's credential: that would let it silence the subject's objections and statements.
/// </summary>
public sealed class RevokeSubjectToken(PublicCreditDbContext db, AppendToLedger ledger, TimeProvider clock, IEnumerable<ICredentialRevoked> caches)
{
    public const string EventType = SubjectTokenRevoked.EventType;

    public async Task<SubjectTokenView> RunAsync(Caller caller, string? tokenOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsOperator && caller.SubjectId is null)
        {
            if (!caller.IsStaff)
            {
                throw DomainException.Unauthenticated(AccessProblemCodes.AuthenticationRequired, "Sign in with a self-service token: Authorization: Bearer <token>.");
            }

            throw DomainException.Forbidden(AccessProblemCodes.RoleForbidden,
                "A subject's token is revoked by the subject itself or by the operator on the server, not by a department.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await FindAsync(tokenOrId, cancellationToken);
        if (caller.SubjectId is not null && !string.Equals(row.SubjectId, caller.SubjectId, StringComparison.Ordinal))
        {
            // Another subject's token is, for this caller, not there at all.
            throw Unknown();
        }

        if (row.RevokedAt is not null)
        {
            throw DomainException.Conflict(AccessProblemCodes.TokenAlreadyRevoked, $"This token was revoked at {row.RevokedAt:O}.");
        }

        var now = LedgerChain.Truncate(clock.GetUtcNow());
        row.RevokedAt = now;
        row.RevokedBy = caller.Actor;
        await CredentialSessions.EndAllOfAsync(db, row.Lookup, now, cancellationToken);
        await ledger.AppendAsync(LedgerEntry.Of(new SubjectTokenRevoked(row.Id, row.Lookup, now), caller.Actor, caller.Department, row.SubjectId),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var cache in caches)
        {
            cache.Revoked(row.Lookup);
        }

        return SubjectTokenView.Of(row, now, caller);
    }

    private async Task<SubjectTokenRow> FindAsync(string? tokenOrId, CancellationToken cancellationToken)
    {
        var value = tokenOrId?.Trim();
        SubjectTokenRow? row = null;
        if (Guid.TryParse(value, out var id))
        {
            row = await db.SubjectTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        }
        else if (AccessToken.TryParse(value, out var token) && token.Kind == TokenKind.Subject)
        {
            row = await db.SubjectTokens.SingleOrDefaultAsync(t => t.Lookup == token.Lookup, cancellationToken);
            row = row is not null && token.Matches(row.SecretHash) ? row : null;
        }

        return row ?? throw Unknown();
    }

    private static DomainException Unknown() => DomainException.NotFound(AccessProblemCodes.TokenUnknown, "No self-service token has this id (or is this token).");
}

/// <summary>The subject's own credentials (<c>GET /api/v1/me/tokens</c>), newest first; only its own subject's.</summary>
public sealed class ListSubjectTokens(PublicCreditDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<SubjectTokenView>> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var subject = caller.SubjectId ?? throw (caller.IsStaff
            ? DomainException.Forbidden(AccessProblemCodes.SubjectTokenRequired, "This is for a subject's self-service token, not a staff key.")
            : DomainException.Unauthenticated(AccessProblemCodes.AuthenticationRequired, "Sign in with a self-service token: Authorization: Bearer <token>."));
        var rows = await db.SubjectTokens.AsNoTracking().Where(t => t.SubjectId == subject).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows.OrderByDescending(t => t.IssuedAt).ThenBy(t => t.Id).Select(t => SubjectTokenView.Of(t, now, caller))];
    }
}
