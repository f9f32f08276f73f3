using PublicCredit.Access;

namespace PublicCredit.Subjects;

/// <summary>The stable kebab-case codes of profile, search and changes problems (docs/subjects.md, docs/changes.md).</summary>
public static class SubjectProblemCodes
{
    public const string NotFound = "subject-not-found";
    public const string QueryMissing = "query-missing";
    public const string QueryTooLong = "query-too-long";
    public const string QueryTooShort = "query-too-short";
    public const string LimitOutOfRange = "limit-out-of-range";
    public const string AfterInvalid = "after-invalid";
}

/// <summary>Who counts as staff for reads of subjects: every role of docs/api.md.</summary>
public static class StaffRoles
{
    public static readonly Role[] All = [Role.Admin, Role.Recorder, Role.Reviewer, Role.Checker, Role.Auditor, Role.PlatformAdmin];
}
