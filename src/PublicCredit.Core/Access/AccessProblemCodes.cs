using PublicCredit.Errors;

namespace PublicCredit.Access;

/// <summary>The stable problem codes of authentication, roles, department and subject scope, API keys and subject tokens (docs/credentials.md): the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("access")]
public static class AccessProblemCodes
{
    [Problem(403, "A department's admin manages keys of its own department ('…') only, not of '…'.")]
    public const string DepartmentScope = "department-scope";
    [Problem(401, "Too many invalid bearer tokens from this address; tokens not already known are refused for … s.")]
    public const string TokenAttemptsLimited = "token-attempts-limited";
    [Problem(401, "The bearer token is not a valid, unexpired and unrevoked token.")]
    public const string TokenInvalid = "token-invalid";
    [Problem(401, "Sign in with a self-service token: Authorization: Bearer <token>.")]
    public const string AuthenticationRequired = "authentication-required";
    [Problem(403, "A subject's token is revoked by the subject itself or by the operator on the server, not by a department.")]
    public const string RoleForbidden = "role-forbidden";
    [Problem(409, "This token was revoked at ….")]
    public const string TokenAlreadyRevoked = "token-already-revoked";
    [Problem(404, "No self-service token has this id (or is this token).")]
    public const string TokenUnknown = "token-unknown";
    [Problem(403, "This is for a subject's self-service token, not a staff key.")]
    public const string SubjectTokenRequired = "subject-token-required";
    [Problem(403, "A self-service token is issued by the operator on the server (pcredit subjects token) or redeemed by the subject with its activation code; no staff key obtains one.")]
    public const string SubjectTokenOperatorOnly = "subject-token-operator-only";
    [Problem(422, "A self-service token is valid for 1 to … days, not ….", Field = "validDays")]
    public const string TokenValidityOutOfRange = "token-validity-out-of-range";
    [Problem(422, "'…' is not a department of catalog ….")]
    public const string DepartmentUnknown = "department-unknown";
    [Problem(422, "A key name has at most 200 characters.", Field = "name")]
    public const string NameTooLong = "name-too-long";
    [Problem(422, "'…' is not a date YYYY-MM-DD.", Field = "expires")]
    public const string KeyExpiryInvalid = "key-expiry-invalid";
    [Problem(422, "A key's last day is from today (…) to … years ahead (…), not ….", Field = "expires")]
    public const string KeyExpiryOutOfRange = "key-expiry-out-of-range";
    [Problem(403, "A self-service token gives access to its own subject only.")]
    public const string SubjectScope = "subject-scope";
    [Problem(409, "Key … was revoked at … by ….")]
    public const string KeyAlreadyRevoked = "key-already-revoked";
    [Problem(404, "No API key has this id (or is this key).")]
    public const string KeyUnknown = "key-unknown";
    [Problem(422, "'…' is not a role; expected one of {string.Join(", Field = "role")]
    public const string RoleUnknown = "role-unknown";
    [Problem(403, "Role not issuable.")]
    public const string RoleNotIssuable = "role-not-issuable";
}
