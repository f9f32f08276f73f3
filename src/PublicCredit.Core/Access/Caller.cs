using PublicCredit.Errors;
using PublicCredit.Text;

namespace PublicCredit.Access;

/// <summary>
/// Who is calling: an authenticated staff key (role + department), a subject's self-service token, or the public.
/// Role and department scope are checked through this one type on every endpoint and in every use case.
/// </summary>
public sealed record Caller
{
    private Caller(string actor, Role? role, string? department, string? subjectId, SubjectTokenOrigin? origin = null)
    {
        Actor = actor;
        Role = role;
        Department = department;
        SubjectId = subjectId;
        SubjectOrigin = origin;
    }

    public static Caller Public { get; } = new("public", null, null, null);

    /// <summary>The command line on the server itself (an operator with shell access to the host).</summary>
    public static Caller Operator { get; } = new("operator", Access.Role.Admin, null, null);

    public string Actor { get; }

    /// <summary>The operator on the server's shell: the root of trust, bound to no department (ADR 0031).</summary>
    public bool IsOperator => ReferenceEquals(this, Operator);

    public Role? Role { get; }

    public string? Department { get; }

    public string? SubjectId { get; }

    /// <summary>For a subject: how its credential was obtained (ADR 0029); null for staff, operator and the public.</summary>
    public SubjectTokenOrigin? SubjectOrigin { get; }

    /// <summary>A subject acting with a credential it obtained itself (operator or activation code), never one a department held.</summary>
    public bool IsSubjectWithOwnCredential => SubjectId is not null && SubjectOrigin is { } origin && origin.SubjectObtained();

    public bool IsStaff => Role is not null;

    public static Caller Staff(string actor, Role role, string department) => new(actor, role, department, null);

    public static Caller Subject(string actor, string subjectId, SubjectTokenOrigin origin) => new(actor, null, null, subjectId, origin);

    /// <summary>Refuses unless the caller has one of the roles (HTTP 401 when anonymous, 403 otherwise).</summary>
    public void RequireRole(params Role[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (this == Public)
        {
            throw DomainException.Unauthenticated(AccessProblemCodes.AuthenticationRequired,
                "This endpoint needs an API key: Authorization: Bearer <key>.");
        }

        if (Role is not { } role || !roles.Contains(role))
        {
            if (SubjectId is not null)
            {
                throw DomainException.Forbidden(AccessProblemCodes.RoleForbidden,
                    $"This needs a staff key with the role {string.Join(" or ", roles.Select(r => r.Code()))}; a self-service token cannot call it.");
            }

            throw DomainException.Forbidden(AccessProblemCodes.RoleForbidden,
                $"This needs the role {string.Join(" or ", roles.Select(r => r.Code()))}; the caller is {Describe()}.");
        }
    }

    /// <summary>
    /// Admits staff with one of the roles, or the subject's own self-service token — never a token of another
    /// subject (403 <c>subject-scope</c>) — for reads and acts on one subject's data.
    /// </summary>
    public void RequireSubjectOrRole(string subjectId, params Role[] roles)
    {
        if (SubjectId is not null)
        {
            if (!string.Equals(SubjectId, subjectId, StringComparison.Ordinal))
            {
                throw DomainException.Forbidden(AccessProblemCodes.SubjectScope, "A self-service token gives access to its own subject only.");
            }

            return;
        }

        RequireRole(roles);
    }

    /// <summary>Refuses unless the caller acts for the department that owns the target (HTTP 403).</summary>
    public void RequireDepartment(string owningDepartment)
    {
        if (!string.Equals(Department, owningDepartment, StringComparison.Ordinal))
        {
            throw DomainException.Forbidden(AccessProblemCodes.DepartmentScope,
                $"This belongs to department '{owningDepartment}'; the caller acts for '{Department ?? "no department"}'.");
        }
    }

    private string Describe() => Role is { } role ? $"{role.Code()} of {Department}" : SubjectId is null ? "the public" : "a subject";
}
