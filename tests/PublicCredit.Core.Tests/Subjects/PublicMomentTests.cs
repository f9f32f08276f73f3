using Microsoft.Extensions.Time.Testing;
using PublicCredit.Access;
using PublicCredit.Errors;
using PublicCredit.Profiles;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Subjects;

/// <summary>?asOf= on public views (ADR 0008): a past China date or instant, for staff only; never the future.</summary>
public class PublicMomentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly FakeTimeProvider Clock = new(Now);
    private static readonly Caller Auditor = Caller.Staff("key:a", Role.Auditor, "ndrc");

    [Fact]
    public void A_past_date_means_the_end_of_that_china_day()
    {
        var moment = PublicMoment.AsOf("2026-11-20", Clock);

        Assert.Equal((D("2026-11-20"), false), (moment.Day, moment.IsNow));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(8)).AddTicks(-10), moment.Instant);
    }

    [Fact]
    public void Today_means_now()
    {
        var moment = PublicMoment.AsOf("2026-11-23", Clock);

        Assert.Equal((D("2026-11-23"), Now), (moment.Day, moment.Instant));
    }

    [Fact]
    public void An_instant_with_an_offset_is_judged_on_its_china_date()
    {
        var moment = PublicMoment.AsOf("2026-11-20T16:30:00Z", Clock);

        Assert.Equal(D("2026-11-21"), moment.Day);
        Assert.Equal(TimeSpan.Zero, moment.Instant.Offset);
    }

    [Theory]
    [InlineData("2026-11-24", "as-of-in-future")]
    [InlineData("2026-11-23T09:00:01+08:00", "as-of-in-future")]
    [InlineData("2026-11-23T09:00:00", "as-of-invalid")]
    [InlineData("23/11/2026", "as-of-invalid")]
    [InlineData("2026-02-30", "as-of-invalid")]
    [InlineData("now", "as-of-invalid")]
    public void A_future_or_unreadable_moment_is_refused(string text, string code)
    {
        var error = Assert.Throws<DomainException>(() => PublicMoment.AsOf(text, Clock));

        Assert.Equal((ErrorKind.Invalid, code, "asOf"), (error.Kind, error.Code, error.Errors[0].Field));
    }

    [Fact]
    public void Without_asOf_everyone_gets_now()
    {
        Assert.True(PublicMoment.For(Caller.Public, null, Clock).IsNow);
        Assert.True(PublicMoment.For(Caller.Public, " ", Clock).IsNow);
    }

    [Fact]
    public void Only_staff_may_ask_for_another_moment()
    {
        var anonymous = Assert.Throws<DomainException>(() => PublicMoment.For(Caller.Public, "2026-11-20", Clock));
        var subject = Assert.Throws<DomainException>(() => PublicMoment.For(Caller.Subject("t", PersonId, SubjectTokenOrigin.Operator), "2026-11-20", Clock));

        Assert.Equal((ErrorKind.Unauthenticated, "authentication-required"), (anonymous.Kind, anonymous.Code));
        Assert.Equal((ErrorKind.Forbidden, "role-forbidden"), (subject.Kind, subject.Code));
        Assert.False(PublicMoment.For(Auditor, "2026-11-20", Clock).IsNow);
    }
}
