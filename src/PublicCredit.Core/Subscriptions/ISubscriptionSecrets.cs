namespace PublicCredit.Subscriptions;

/// <summary>
/// Keeps subscriptions' signing secrets unreadable at rest (ADR 0052): the database holds only what
/// <see cref="Protect"/> returns; the host implements it with ASP.NET Core data protection, whose key ring lives in
/// the keys folder beside the other signing keys, not in the database.
/// </summary>
public interface ISubscriptionSecrets
{
    string Protect(byte[] secret);

    byte[] Unprotect(string protectedSecret);
}
