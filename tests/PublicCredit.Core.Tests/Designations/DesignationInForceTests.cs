using PublicCredit.Designations;
using PublicCredit.Time;

namespace PublicCredit.Core.Tests.Designations;

/// <summary>The one in-force rule of a stored designation (<see cref="DesignationInForce"/>) says what the life cycle
/// says (<see cref="DesignationState.IsEnforcedAt"/>), for every state a designation can reach and every instant around its term.</summary>
public class DesignationInForceTests
{
    private static readonly DateOnly Deadline = new(2026, 12, 7);
    private static readonly DateTimeOffset Decided = new(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly IsoDuration OneYear = IsoDuration.FromYears(1);
    private static readonly IsoDuration ThreeYears = IsoDuration.FromYears(3);

    private static DesignationState Effective(DateTimeOffset from) =>
        DesignationLifecycle.Decide(DesignationLifecycle.Notice(Deadline), "发改〔2026〕1号", "事实清楚", from, OneYear, ThreeYears, Deadline.AddDays(1));

    private static IEnumerable<DesignationState> States()
    {
        var noticed = DesignationLifecycle.Notice(Deadline);
        yield return noticed;
        yield return DesignationLifecycle.FileStatement(noticed);
        yield return DesignationLifecycle.FileObjection(noticed);
        yield return DesignationLifecycle.Revoke(noticed);
        foreach (var from in new[] { Decided, Decided.AddDays(30) })
        {
            var effective = Effective(from);
            var suspended = DesignationLifecycle.FileObjection(effective);
            yield return effective;
            yield return suspended;
            yield return DesignationLifecycle.ResolveObjection(suspended, upheld: false);
            yield return DesignationLifecycle.ResolveObjection(suspended, upheld: true);
            yield return DesignationLifecycle.OpenReview(effective);
            yield return DesignationLifecycle.Revoke(effective);
        }

        yield return DesignationLifecycle.Restore(Effective(Decided), Decided.AddDays(1));
        yield return DesignationLifecycle.RemoveOnPerformance(Effective(Decided), Decided.AddDays(1));
    }

    private static IEnumerable<DateTimeOffset> Instants() =>
    [
        Decided.AddDays(-1), Decided.AddTicks(-1), Decided, Decided.AddDays(29), Decided.AddDays(30), Decided.AddDays(200),
        Decided.AddYears(1).AddTicks(-1), Decided.AddYears(1), Decided.AddDays(30).AddYears(1), Decided.AddYears(2),
    ];

    private static DesignationRow Row(DesignationState state)
    {
        var row = new DesignationRow
        {
            ListType = "list",
            Department = "dept",
            SubjectId = "91350100M000100Y43",
            SubjectName = "name",
            Facts = "facts",
            LegalBasis = "basis",
            NoticeDocument = "notice",
            NoticedBy = "staff",
            NoticeJson = "{}",
        };
        row.Apply(state, ledgerPosition: 1);
        return row;
    }

    [Fact]
    public void A_stored_designation_is_in_force_exactly_when_its_life_cycle_state_is_enforced()
    {
        var compared = 0;
        foreach (var state in States())
        {
            var row = Row(state);
            foreach (var instant in Instants())
            {
                Assert.Equal(state.IsEnforcedAt(instant), row.IsInForceAt(instant));
                Assert.Equal(state.IsEnforcedAt(instant), DesignationInForce.At(instant).Compile()(row));
                compared++;
            }
        }

        Assert.True(compared > 100);
    }

    [Fact]
    public void A_designation_is_enforceable_when_it_is_in_force_at_some_instant_of_its_term()
    {
        foreach (var state in States())
        {
            var row = Row(state);
            var someInstant = state.Decision is { } decision && state.IsEnforcedAt(decision.EffectiveFrom);
            Assert.Equal(someInstant, row.IsEnforceable());
        }
    }

    [Fact]
    public void The_removal_job_selects_what_the_removal_transition_accepts_even_before_the_designation_takes_effect()
    {
        foreach (var state in States().Where(s => s.Decision is not null))
        {
            var row = Row(state);
            foreach (var instant in Instants())
            {
                var accepted = !state.ObjectionOpen && state.StatusAt(instant) == DesignationStatus.Effective;
                Assert.Equal(accepted, DesignationInForce.RemovableAt(instant).Compile()(row));
            }
        }

        var later = Row(Effective(Decided.AddDays(30)));
        Assert.False(later.IsInForceAt(Decided));
        Assert.True(DesignationInForce.RemovableAt(Decided).Compile()(later));
    }
}
