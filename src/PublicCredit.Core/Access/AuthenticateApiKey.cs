using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Storage;

namespace PublicCredit.Access;

/// <summary>
/// Turns a bearer token into a <see cref="Caller"/>. Validated keys are remembered briefly so that the check
/// endpoint (thousands of calls per second) does not read the key table on every request; a revoked key stops
/// working within <see cref="CacheFor"/>.
/// </summary>
public sealed class AuthenticateApiKey(IDbContextFactory<PublicCreditDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<Caller> RunAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyToken.TryParse(token, out var parsed))
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
        var row = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Lookup == parsed.Lookup, cancellationToken);
        if (row is null || row.RevokedAt is not null || !parsed.Matches(row.SecretHash))
        {
            cache.TryRemove(hash, out _);
            throw Invalid();
        }

        var caller = Caller.Staff($"key:{row.Lookup}", Roles.Parse(row.Role), row.Department);
        cache[hash] = (caller, now + CacheFor);
        return caller;
    }

    private static DomainException Invalid() =>
        DomainException.Unauthenticated("api-key-invalid", "The bearer token is not a valid, unrevoked API key.");
}
