using PublicCredit.Errors;

namespace PublicCredit.Access;

/// <summary>The staff roles of docs/api.md. A key has exactly one role and one department.</summary>
public enum Role
{
    /// <summary>Keys, departments, catalog.</summary>
    Admin,
    /// <summary>Submits records and proposes designations for its own department.</summary>
    Recorder,
    /// <summary>Decides designations, objections and restorations owned by its department.</summary>
    Reviewer,
    /// <summary>Calls checks and sends feedback.</summary>
    Checker,
    /// <summary>Reads the ledger, statistics and all inquiries.</summary>
    Auditor,
    /// <summary>
    /// Issues and manages keys of every department (ADR 0031). Minted only by the operator on the server
    /// (<c>pcredit keys create</c>), never by a department's admin.
    /// </summary>
    PlatformAdmin,
}

public static class Roles
{
    public static string ToCode(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Recorder => "recorder",
        Role.Reviewer => "reviewer",
        Role.Checker => "checker",
        Role.Auditor => "auditor",
        Role.PlatformAdmin => "platform-admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static Role Parse(string? code)
    {
        var wanted = code?.Trim();
        foreach (var role in All)
        {
            if (string.Equals(role.ToCode(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        throw DomainException.Invalid("role", AccessProblemCodes.RoleUnknown,
            $"'{code}' is not a role; expected one of {string.Join(", ", All.Select(r => r.ToCode()))}");
    }
}
