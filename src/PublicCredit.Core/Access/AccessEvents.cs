using System.Text.Json.Serialization;
using PublicCredit.Ledger;

namespace PublicCredit.Access;

/// <summary>An API key was created (ADR 0005); a rotation names the key it replaces.</summary>
public sealed record ApiKeyCreated(
    Guid KeyId, string Lookup, string Role, string Name, DateTimeOffset? ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? RotatedFrom = null) : ILedgerEvent
{
    public const string EventType = "api-key-created";
}

/// <summary>An API key was revoked; a rotation names the key that replaced it. Followers drop its lookup (ADR 0030).</summary>
public sealed record ApiKeyRevoked(
    Guid KeyId, string Lookup, string Role, DateTimeOffset RevokedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ReplacedBy = null) : ILedgerEvent
{
    public const string EventType = "api-key-revoked";
}

/// <summary>A subject token was issued (ADR 0029): by an operator, or by redeeming an activation code (named then).</summary>
public sealed record SubjectTokenIssued(
    Guid TokenId, string Lookup, DateTimeOffset ExpiresAt, string Origin,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ActivationCodeId = null) : ILedgerEvent
{
    public const string EventType = "subject-token-issued";
}

/// <summary>A subject token was revoked; followers drop its lookup (ADR 0030).</summary>
public sealed record SubjectTokenRevoked(Guid TokenId, string Lookup, DateTimeOffset RevokedAt) : ILedgerEvent
{
    public const string EventType = "subject-token-revoked";
}

/// <summary>An activation code was issued with a designation's notice (ADR 0029); only its hash is stored.</summary>
public sealed record ActivationCodeIssued(Guid CodeId, Guid DesignationId, DateTimeOffset ExpiresAt) : ILedgerEvent
{
    public const string EventType = "subject-activation-code-issued";
}

/// <summary>An activation code was redeemed for a subject token.</summary>
public sealed record ActivationCodeRedeemed(Guid CodeId, Guid? DesignationId, Guid TokenId) : ILedgerEvent
{
    public const string EventType = "subject-activation-code-redeemed";
}
