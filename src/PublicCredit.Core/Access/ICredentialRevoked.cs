namespace PublicCredit.Access;

/// <summary>
/// Told after a key or token was revoked — by the revoking use case on its own node after commit, and by the ledger
/// follower on every other node (ADR 0030) — so that no cache keeps admitting it.
/// </summary>
public interface ICredentialRevoked
{
    void Revoked(string lookup);
}
