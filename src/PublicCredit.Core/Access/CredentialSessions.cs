using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Storage;

namespace PublicCredit.Access;

/// <summary>
/// Server-side browser sessions (ADR 0030): a sign-in stores a row naming the credential and hands back a random
/// secret for the cookie; sign-out ends the row, so a replayed cookie is refused; revoking a credential ends all of
/// its sessions in the revocation's own transaction. <see cref="AuthenticateBearer.SessionAsync"/> resolves them.
/// </summary>
public sealed class CredentialSessions(IDbContextFactory<PublicCreditDbContext> contexts, TimeProvider clock)
{
    public const string ApiKeyCredential = "api-key";
    public const string SubjectTokenCredential = "subject-token";
    public const string SignedOut = "signed-out";
    public const string CredentialRevoked = "credential-revoked";

    /// <summary>Opens a session for a credential already checked by <see cref="AuthenticateBearer"/>; returns the cookie's secret.</summary>
    public async Task<string> StartAsync(string area, AccessToken credential, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.WebSessions.Add(new WebSessionRow
        {
            Id = Guid.CreateVersion7(now),
            SecretHash = AccessToken.HashOf(secret),
            Area = area,
            CredentialKind = credential.Kind == TokenKind.ApiKey ? ApiKeyCredential : SubjectTokenCredential,
            CredentialLookup = credential.Lookup,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>Ends the session with this secret (sign-out); a cookie that still carries it is refused from now on.</summary>
    public async Task EndAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var hash = AccessToken.HashOf(secret);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.WebSessions.SingleOrDefaultAsync(s => s.SecretHash == hash, cancellationToken);
        if (row is { EndedAt: null })
        {
            row.EndedAt = now;
            row.EndReason = SignedOut;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Ends every open session of a credential, inside the caller's transaction (revocation, rotation).</summary>
    public static async Task EndAllOfAsync(PublicCreditDbContext db, string lookup, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.WebSessions.Where(s => s.CredentialLookup == lookup && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.EndedAt = now;
            session.EndReason = CredentialRevoked;
        }
    }
}
