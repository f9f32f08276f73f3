using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Storage;

namespace PublicCredit.Access;

/// <summary>
/// Turns a bearer token — an API key or a subject's self-service token — into a <see cref="Caller"/>. Validated
/// tokens are remembered briefly so that the check endpoint (thousands of calls per second) does not read the token
/// tables on every request; a revoked token stops working within <see cref="CacheFor"/>, an expired one at once.
/// </summary>
public sealed class AuthenticateBearer(IDbContextFactory<PublicCreditDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<Caller> RunAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!AccessToken.TryParse(token, out var parsed))
        {
            throw Invalid();
        }

        var hash = parsed.Hash();
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(hash, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (caller, until) = parsed.Kind == TokenKind.ApiKey
            ? await ApiKeyAsync(db, parsed, now, cancellationToken)
            : await SubjectAsync(db, parsed, now, cancellationToken);
        if (caller is null)
        {
            cache.TryRemove(hash, out _);
            throw Invalid();
        }

        cache[hash] = (caller, until);
        return caller;
    }

    private static async Task<(Caller? Caller, DateTimeOffset Until)> ApiKeyAsync(
        PublicCreditDbContext db, AccessToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Lookup == token.Lookup, cancellationToken);
        return row is null || row.RevokedAt is not null || !token.Matches(row.SecretHash)
            ? (null, now)
            : (Caller.Staff($"key:{row.Lookup}", Roles.Parse(row.Role), row.Department), now + CacheFor);
    }

    private static async Task<(Caller? Caller, DateTimeOffset Until)> SubjectAsync(
        PublicCreditDbContext db, AccessToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.SubjectTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Lookup == token.Lookup, cancellationToken);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now || !token.Matches(row.SecretHash))
        {
            return (null, now);
        }

        // ADR 0029: a token handed to a designating department in a proposal's answer (before issue 15) never speaks
        // for the subject: it no longer authenticates at all.
        var origin = SubjectTokenOrigins.Parse(row.Origin);
        if (!origin.SubjectObtained())
        {
            return (null, now);
        }

        // Never cache past the expiry.
        var until = now + CacheFor < row.ExpiresAt ? now + CacheFor : row.ExpiresAt;
        return (Caller.Subject($"subject-token:{row.Lookup}", row.SubjectId, origin), until);
    }

    private static DomainException Invalid() =>
        DomainException.Unauthenticated("token-invalid", "The bearer token is not a valid, unexpired and unrevoked token.");
}
