using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Access;

/// <summary>
/// Who may issue, revoke and rotate which API keys (docs/design.md#scope-no-department-acts-for-another; ADR 0031). A department's admin acts for its own
/// department only, and only for the roles whose reach stays inside it; keys of other departments, auditors (who read
/// the whole platform) and platform admins come from the operator on the server, or — all but platform admins —
/// from a platform-admin key. A key that could mint a key wider than itself would make every scope rule moot.
/// </summary>
public static class KeyAuthority
{
    public const string RoleNotIssuable = AccessProblemCodes.RoleNotIssuable;

    /// <summary>What a department's admin may mint and manage within its own department.</summary>
    public static IReadOnlyList<Role> DepartmentRoles { get; } = [Role.Admin, Role.Recorder, Role.Reviewer, Role.Checker];

    /// <summary>The roles that may call key administration at all (the operator aside).</summary>
    public static Role[] Administrators { get; } = [Role.Admin, Role.PlatformAdmin];

    /// <summary>
    /// Refuses (403) unless <paramref name="caller"/> may hold authority over a key of <paramref name="role"/> in
    /// <paramref name="department"/>: create it, revoke it, rotate it, or see it in a list.
    /// </summary>
    public static void RequireAuthorityOver(Caller caller, Role role, string department)
    {
        if (!MayManage(caller, role, department))
        {
            ArgumentNullException.ThrowIfNull(caller);
            caller.RequireRole(Administrators);
            if (caller.Role == Role.Admin && !string.Equals(caller.Department, department, StringComparison.Ordinal))
            {
                throw DomainException.Forbidden(AccessProblemCodes.DepartmentScope,
                    $"A department's admin manages keys of its own department ('{caller.Department}') only, not of '{department}'.");
            }

            throw DomainException.Forbidden(RoleNotIssuable,
                role == Role.PlatformAdmin
                    ? "Platform-admin keys are issued and managed by the operator on the server only (pcredit keys create / keys revoke)."
                    : $"A {caller.Role?.Code()} key cannot issue or manage '{role.Code()}' keys; the operator or a platform admin does.");
        }
    }

    public static bool MayManage(Caller caller, Role role, string department)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsOperator)
        {
            return true;
        }

        return caller.Role switch
        {
            Role.PlatformAdmin => role != Role.PlatformAdmin,
            Role.Admin => string.Equals(caller.Department, department, StringComparison.Ordinal) && DepartmentRoles.Contains(role),
            _ => false,
        };
    }
}
