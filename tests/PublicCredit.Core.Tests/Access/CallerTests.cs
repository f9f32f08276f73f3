using PublicCredit.Access;
using PublicCredit.Errors;

namespace PublicCredit.Core.Tests.Access;

/// <summary>Role and department scope are one mechanism (docs/api.md#roles); each refusal has its code.</summary>
public class CallerTests
{
    private static readonly Caller SamrRecorder = Caller.Staff("key:a", Role.Recorder, "samr");

    [Fact]
    public void The_public_needing_a_role_is_asked_to_authenticate()
    {
        var ex = Assert.Throws<DomainException>(() => Caller.Public.RequireRole(Role.Recorder));

        Assert.Equal(ErrorKind.Unauthenticated, ex.Kind);
        Assert.Equal("authentication-required", ex.Code);
    }

    [Fact]
    public void A_key_with_another_role_is_forbidden()
    {
        var ex = Assert.Throws<DomainException>(() => SamrRecorder.RequireRole(Role.Reviewer, Role.Auditor));

        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
        Assert.Equal("role-forbidden", ex.Code);
    }

    [Fact]
    public void A_key_with_the_role_passes()
    {
        SamrRecorder.RequireRole(Role.Reviewer, Role.Recorder);
    }

    [Fact]
    public void Another_department_is_out_of_scope()
    {
        var ex = Assert.Throws<DomainException>(() => SamrRecorder.RequireDepartment("sta"));

        Assert.Equal("department-scope", ex.Code);
        SamrRecorder.RequireDepartment("samr");
    }

    [Fact]
    public void A_subject_token_reaches_its_own_subject_only()
    {
        var subject = Caller.Subject("subject-token:x", "91350100M000100Y43", SubjectTokenOrigin.Operator);

        subject.RequireSubjectOrRole("91350100M000100Y43", Role.Auditor);
        var ex = Assert.Throws<DomainException>(() => subject.RequireSubjectOrRole("914403001922038216", Role.Auditor));
        Assert.Equal("subject-scope", ex.Code);
    }

    [Fact]
    public void Staff_reach_a_subject_only_with_an_admitted_role()
    {
        SamrRecorder.RequireSubjectOrRole("91350100M000100Y43", Role.Recorder);

        var ex = Assert.Throws<DomainException>(() => SamrRecorder.RequireSubjectOrRole("91350100M000100Y43", Role.Auditor));
        Assert.Equal("role-forbidden", ex.Code);
    }

    [Fact]
    public void A_subject_token_never_passes_a_role_check()
    {
        var ex = Assert.Throws<DomainException>(() => Caller.Subject("s", "91350100M000100Y43", SubjectTokenOrigin.Operator).RequireRole(Role.Checker));

        Assert.Equal("role-forbidden", ex.Code);
    }
}
