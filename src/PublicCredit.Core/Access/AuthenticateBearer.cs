using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Errors;
using PublicCredit.Storage;
using PublicCredit.Time;

namespace PublicCredit.Access;

/// <summary>
/// Turns a bearer token — an API key or a subject's self-service token — into a <see cref="Caller"/>. Validated
/// tokens are remembered briefly so that the check endpoint (thousands of calls per second) does not read the token
/// tables on every request. Revoking a credential forgets it at once (<see cref="Forget"/>: on this node by the
/// revoking use case, on the others by the ledger follower, ADR 0030); an expired one stops at its expiry.
/// Bad tokens cost little (docs/design.md#edges-public-limits-and-audit-reads): a token already refused is refused again from memory, and a source that
/// sends more than <see cref="FailuresPerMinute"/> bad tokens a minute is refused without a database read until the
/// minute is over — still 401, with its own code.
/// </summary>
public sealed class AuthenticateBearer(IDbContextFactory<PublicCreditDbContext> contexts, TimeProvider clock) : ICredentialRevoked
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public const int FailuresPerMinute = 20;

    /// <summary>Bounds on the memory an attacker can make the two failure maps take; past it they start over.</summary>
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, string Lookup, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> refused = new(StringComparer.Ordinal);
    private readonly FailureWindows failures = new(clock, TimeSpan.FromMinutes(1), FailuresPerMinute, MaxRemembered);
    private long lookups;

    /// <summary>How many times a token was looked up in the database since start (a bad-token flood must not raise it).</summary>
    public long DatabaseLookups => Interlocked.Read(ref lookups);

    public Task<Caller> RunAsync(string token, CancellationToken cancellationToken = default) => RunAsync(token, null, cancellationToken);

    /// <param name="token">The bearer token as sent.</param>
    /// <param name="source">Who sent it (the client address), for the bad-token limit; null when there is none (CLI).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<Caller> RunAsync(string token, string? source, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (!AccessToken.TryParse(token, out var parsed))
        {
            throw Failed(source);
        }

        var hash = parsed.Hash();
        if (cache.TryGetValue(hash, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }

        if (refused.TryGetValue(hash, out var refusedUntil) && refusedUntil > now)
        {
            throw Failed(source);
        }

        if (source is not null && failures.RetryAfter(source) is { } wait)
        {
            throw DomainException.Unauthenticated(AccessProblemCodes.TokenAttemptsLimited,
                $"Too many invalid bearer tokens from this address; tokens not already known are refused for {wait} s.");
        }

        Interlocked.Increment(ref lookups);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (caller, until) = parsed.Kind == TokenKind.ApiKey
            ? await ApiKeyAsync(db, parsed, now, cancellationToken)
            : await SubjectAsync(db, parsed, now, cancellationToken);
        if (caller is null)
        {
            cache.TryRemove(hash, out _);
            if (refused.Count >= MaxRemembered)
            {
                refused.Clear();
            }

            refused[hash] = now + CacheFor;
            throw Failed(source);
        }

        cache[hash] = (caller, parsed.Lookup, until);
        return caller;
    }

    /// <summary>
    /// The caller of a browser session (ADR 0030): the session row must be current, and so must the key or token it
    /// was opened with. Read from the database every time — pages are few, and sign-out must end the session at once
    /// on every node. Null when the session or its credential has ended.
    /// </summary>
    public async Task<Caller?> SessionAsync(string sessionSecret, string area, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionSecret);
        var now = clock.GetUtcNow();
        var hash = AccessToken.HashOf(sessionSecret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.WebSessions.AsNoTracking().SingleOrDefaultAsync(s => s.SecretHash == hash, cancellationToken);
        if (session is null || session.EndedAt is not null || session.ExpiresAt <= now || session.Area != area)
        {
            return null;
        }

        if (session.CredentialKind == CredentialSessions.ApiKeyCredential)
        {
            var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Lookup == session.CredentialLookup, cancellationToken);
            return key is null || !Current(key, now) ? null : StaffCaller(key);
        }

        var token = await db.SubjectTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Lookup == session.CredentialLookup, cancellationToken);
        return token is null || token.RevokedAt is not null || token.ExpiresAt <= now ? null : SubjectCaller(token);
    }

    void ICredentialRevoked.Revoked(string lookup) => Forget(lookup);

    /// <summary>Forgets every cached caller of the credential with this lookup: the next request reads its row again.</summary>
    public void Forget(string lookup)
    {
        foreach (var entry in cache)
        {
            if (string.Equals(entry.Value.Lookup, lookup, StringComparison.Ordinal))
            {
                cache.TryRemove(entry.Key, out _);
            }
        }
    }

    private DomainException Failed(string? source)
    {
        if (source is not null)
        {
            failures.Failed(source);
        }

        return Invalid();
    }

    private static bool Current(ApiKeyRow row, DateTimeOffset now) => row.RevokedAt is null && row.ExpiresAtOrDefault() > now;

    private static Caller StaffCaller(ApiKeyRow row) => Caller.Staff($"key:{row.Lookup}", Roles.Parse(row.Role), row.Department);

    /// <summary>The subject's caller, or null for a token the subject did not obtain itself (ADR 0029).</summary>
    private static Caller? SubjectCaller(SubjectTokenRow row)
    {
        var origin = SubjectTokenOrigins.Parse(row.Origin);
        return origin.SubjectObtained() ? Caller.Subject($"subject-token:{row.Lookup}", row.SubjectId, origin) : null;
    }

    private static async Task<(Caller? Caller, DateTimeOffset Until)> ApiKeyAsync(
        PublicCreditDbContext db, AccessToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Lookup == token.Lookup, cancellationToken);
        if (row is null || !Current(row, now) || !token.Matches(row.SecretHash))
        {
            return (null, now);
        }

        // Never cache past the expiry.
        var expires = row.ExpiresAtOrDefault();
        return (StaffCaller(row), now + CacheFor < expires ? now + CacheFor : expires);
    }

    private static async Task<(Caller? Caller, DateTimeOffset Until)> SubjectAsync(
        PublicCreditDbContext db, AccessToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.SubjectTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Lookup == token.Lookup, cancellationToken);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now || !token.Matches(row.SecretHash))
        {
            return (null, now);
        }

        // ADR 0029: a token handed to a designating department in a proposal's answer (before activation codes replaced it) never speaks
        // for the subject: it no longer authenticates at all.
        if (SubjectCaller(row) is not { } caller)
        {
            return (null, now);
        }

        // Never cache past the expiry.
        var until = now + CacheFor < row.ExpiresAt ? now + CacheFor : row.ExpiresAt;
        return (caller, until);
    }

    private static DomainException Invalid() =>
        DomainException.Unauthenticated(AccessProblemCodes.TokenInvalid, "The bearer token is not a valid, unexpired and unrevoked token.");
}
