using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublicCredit.Designations;
using PublicCredit.Errors;
using PublicCredit.Time;

namespace PublicCredit.Core.Tests.Designations;

/// <summary>The designation life cycle (docs/design.md#designation-life-cycle): each safeguard is an invariant that these tests try to break.</summary>
public class DesignationLifecycleTests
{
    private static readonly DateOnly Deadline = new(2026, 12, 7);
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly IsoDuration OneYear = IsoDuration.FromYears(1);
    private static readonly IsoDuration ThreeYears = IsoDuration.FromYears(3);

    private static DesignationState Effective() =>
        DesignationLifecycle.Decide(DesignationLifecycle.Notice(Deadline), "发改〔2026〕1号", "事实清楚", Now, OneYear, ThreeYears, Deadline.AddDays(1));

    private static DomainException Refusal(Action act) => Assert.Throws<DomainException>(act);

    [Fact]
    public void A_designation_starts_noticed_and_is_not_enforced()
    {
        var state = DesignationLifecycle.Notice(Deadline);

        Assert.Equal(DesignationStatus.Noticed, state.StatusAt(Now));
        Assert.False(state.IsEnforcedAt(Now));
    }

    [Fact]
    public void Deciding_on_or_before_the_deadline_without_a_statement_is_refused()
    {
        var ex = Refusal(() => DesignationLifecycle.Decide(DesignationLifecycle.Notice(Deadline), "doc", "reasons", Now, OneYear, ThreeYears, Deadline));

        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Equal("designation-objection-window-open", ex.Code);
    }

    [Fact]
    public void A_statement_on_file_allows_deciding_early()
    {
        var stated = DesignationLifecycle.FileStatement(DesignationLifecycle.Notice(Deadline));

        var decided = DesignationLifecycle.Decide(stated, "doc", "reasons", Now, OneYear, ThreeYears, Deadline.AddDays(-3));

        Assert.Equal(DesignationStatus.Effective, decided.StatusAt(Now));
    }

    [Fact]
    public void Deciding_while_an_objection_is_open_is_refused()
    {
        var objected = DesignationLifecycle.FileObjection(DesignationLifecycle.Notice(Deadline));

        var ex = Refusal(() => DesignationLifecycle.Decide(objected, "doc", "reasons", Now, OneYear, ThreeYears, Deadline.AddDays(1)));

        Assert.Equal("designation-objection-open", ex.Code);
    }

    [Fact]
    public void A_decision_needs_a_document_and_reasons_and_a_term_within_the_maximum()
    {
        var ex = Refusal(() => DesignationLifecycle.Decide(DesignationLifecycle.Notice(Deadline), " ", null, Now, IsoDuration.FromYears(4), ThreeYears, Deadline.AddDays(1)));

        Assert.Equal(ErrorKind.Invalid, ex.Kind);
        Assert.Equal(
            ["designation-decision-document-missing", "designation-reasons-missing", "designation-term-too-long"],
            ex.Errors.Select(e => e.Code));
    }

    [Fact]
    public void An_effective_designation_is_enforced_within_its_term_only()
    {
        var state = Effective();

        Assert.False(state.IsEnforcedAt(Now.AddTicks(-1)));
        Assert.True(state.IsEnforcedAt(Now));
        Assert.True(state.IsEnforcedAt(Now.AddYears(1).AddTicks(-1)));
        Assert.False(state.IsEnforcedAt(Now.AddYears(1)));
        Assert.Equal(DesignationStatus.Expired, state.StatusAt(Now.AddYears(1)));
    }

    [Fact]
    public void An_objection_suspends_an_effective_designation_at_once_and_rejection_restores_enforcement()
    {
        var suspended = DesignationLifecycle.FileObjection(Effective());

        Assert.Equal(DesignationStatus.Suspended, suspended.StatusAt(Now));
        Assert.False(suspended.IsEnforcedAt(Now));

        var rejected = DesignationLifecycle.ResolveObjection(suspended, upheld: false);
        Assert.True(rejected.IsEnforcedAt(Now));

        var upheld = DesignationLifecycle.ResolveObjection(DesignationLifecycle.FileObjection(rejected), upheld: true);
        Assert.Equal(DesignationStatus.Revoked, upheld.StatusAt(Now));
        Assert.False(upheld.IsEnforcedAt(Now));
    }

    [Fact]
    public void A_second_objection_while_one_is_open_is_a_conflict()
    {
        var ex = Refusal(() => DesignationLifecycle.FileObjection(DesignationLifecycle.FileObjection(Effective())));

        Assert.Equal("objection-already-open", ex.Code);
    }

    [Fact]
    public void Only_an_effective_designation_can_be_restored_and_restoration_ends_enforcement()
    {
        Assert.Equal("designation-not-effective", Refusal(() => DesignationLifecycle.Restore(DesignationLifecycle.Notice(Deadline), Now)).Code);
        Assert.Equal("designation-not-effective", Refusal(() => DesignationLifecycle.Restore(DesignationLifecycle.FileObjection(Effective()), Now)).Code);
        Assert.Equal("designation-not-effective", Refusal(() => DesignationLifecycle.Restore(Effective(), Now.AddYears(2))).Code);

        var restored = DesignationLifecycle.Restore(Effective(), Now);
        Assert.False(restored.IsEnforcedAt(Now));
        Assert.Equal(DesignationStatus.Restored, restored.StatusAt(Now));
    }

    public enum Happening
    {
        Statement,
        DecideEarly,
        DecideLate,
        FileObjection,
        Uphold,
        Reject,
        Revoke,
        Restore,

        /// <summary>Another department objects: a review opens, nothing is suspended (ADR 0034).</summary>
        OtherDepartmentObjects,

        /// <summary>The owning department suspends the target of a review (<c>/suspend</c>).</summary>
        OwnerSuspendsReview,

        UpholdReview,
        RejectReview,

        /// <summary>The subject objects again: within the cooling-off period after a rejection only a review opens.</summary>
        SubjectRefiles,
    }

    /// <summary>
    /// Whatever happens, in whatever order: a designation is only ever enforced if it was decided with a document
    /// after the window or after a statement, has no objection under review, and is not revoked or restored;
    /// closed designations stay closed.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property No_sequence_of_steps_breaks_the_safeguards(Happening[] steps) =>
        Prop.ToProperty(Run(steps));

    private static bool Run(Happening[] steps)
    {
        var state = DesignationLifecycle.Notice(Deadline);
        var decidedLegally = false;
        var rejectedBefore = false; // the subject's objection was rejected (within the cooling-off period)
        foreach (var step in steps)
        {
            var before = state;
            try
            {
                state = step switch
                {
                    Happening.Statement => DesignationLifecycle.FileStatement(state),
                    Happening.DecideEarly => DesignationLifecycle.Decide(state, "doc", "reasons", Now, OneYear, ThreeYears, Deadline),
                    Happening.DecideLate => DesignationLifecycle.Decide(state, "doc", "reasons", Now, OneYear, ThreeYears, Deadline.AddDays(1)),
                    Happening.FileObjection => DesignationLifecycle.FileObjection(state),
                    Happening.Uphold => DesignationLifecycle.ResolveObjection(state, upheld: true),
                    Happening.Reject => DesignationLifecycle.ResolveObjection(state, upheld: false),
                    Happening.Revoke => DesignationLifecycle.Revoke(state),
                    Happening.Restore => DesignationLifecycle.Restore(state, Now),
                    Happening.OtherDepartmentObjects => DesignationLifecycle.OpenReview(state),
                    Happening.OwnerSuspendsReview => DesignationLifecycle.FileObjection(state),
                    Happening.UpholdReview => DesignationLifecycle.ResolveReview(state, upheld: true),
                    Happening.RejectReview => DesignationLifecycle.ResolveReview(state, upheld: false),
                    Happening.SubjectRefiles => rejectedBefore ? DesignationLifecycle.OpenReview(state) : DesignationLifecycle.FileObjection(state),
                    _ => state,
                };
            }
            catch (DomainException)
            {
                Assert.Equal(before, state); // a refusal changes nothing
                continue;
            }

            if (before.Stored == DesignationStatus.Noticed && state.Stored == DesignationStatus.Effective)
            {
                // became effective: either after the deadline or with a statement on file, never during an objection
                Assert.True(step == Happening.DecideLate || before.StatementFiled);
                Assert.False(before.ObjectionOpen);
                decidedLegally = true;
            }

            if (before.IsClosed)
            {
                Assert.Equal(before.Stored, state.Stored);
            }

            if (step == Happening.Reject && before.ObjectionOpen)
            {
                rejectedBefore = true;
            }

            // Another department's objection, its rejection and a refiling after a rejection never take an enforced
            // designation off the lists: only the owner's suspension or an upheld objection does (docs/design.md#scope-no-department-acts-for-another).
            if (before.IsEnforcedAt(Now)
                && (step is Happening.OtherDepartmentObjects or Happening.RejectReview || (step == Happening.SubjectRefiles && rejectedBefore)))
            {
                Assert.True(state.IsEnforcedAt(Now));
            }

            if (step == Happening.UpholdReview)
            {
                Assert.True(state.IsClosed);
            }

            if (state.IsEnforcedAt(Now))
            {
                Assert.True(decidedLegally);
                Assert.NotNull(state.Decision);
                Assert.False(state.ObjectionOpen);
                Assert.Equal(DesignationStatus.Effective, state.Stored);
            }
        }

        return true;
    }
}
