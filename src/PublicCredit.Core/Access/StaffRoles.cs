namespace PublicCredit.Access;

/// <summary>Who counts as staff for reads of subjects: every role of docs/api.md.</summary>
public static class StaffRoles
{
    public static readonly Role[] All = [Role.Admin, Role.Recorder, Role.Reviewer, Role.Checker, Role.Auditor, Role.PlatformAdmin];
}
