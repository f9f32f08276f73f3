using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Access;

/// <summary>The staff roles of docs/api.md. A key has exactly one role and one department.</summary>
public enum Role
{
    /// <summary>Keys, departments, catalog.</summary>
    [Code("admin")]
    Admin,
    /// <summary>Submits records and proposes designations for its own department.</summary>
    [Code("recorder")]
    Recorder,
    /// <summary>Decides designations, objections and restorations owned by its department.</summary>
    [Code("reviewer")]
    Reviewer,
    /// <summary>Calls checks and sends feedback.</summary>
    [Code("checker")]
    Checker,
    /// <summary>Reads the ledger, statistics and all inquiries.</summary>
    [Code("auditor")]
    Auditor,
    /// <summary>
    /// Issues and manages keys of every department (ADR 0031). Minted only by the operator on the server
    /// (<c>pcredit keys create</c>), never by a department's admin.
    /// </summary>
    [Code("platform-admin")]
    PlatformAdmin,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>The role whose code is <paramref name="code"/>, trimmed, in any case.</summary>
    public static Role Parse(string? code) =>
        EnumCodes.TryParse<Role>(code?.Trim(), out var role, ignoreCase: true)
            ? role
            : throw DomainException.Invalid("role", AccessProblemCodes.RoleUnknown,
                $"'{code}' is not a role; expected one of {string.Join(", ", EnumCodes.All<Role>())}");
}
