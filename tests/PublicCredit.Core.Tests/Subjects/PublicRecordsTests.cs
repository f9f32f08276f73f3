using Microsoft.Extensions.Time.Testing;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Profiles;
using static PublicCredit.Core.Tests.Records.RecordSamples;

namespace PublicCredit.Core.Tests.Subjects;

/// <summary>
/// What the public sees at a moment (ADR 0008; docs/domain.md#publicity-periods; docs/design.md#7-privacy-by-default): published versions within their period —
/// the last day inclusive — and individuals only where the catalog makes their category public.
/// </summary>
public class PublicRecordsTests
{
    private static readonly IReadOnlyCollection<string> IndividualsPublic = RecordPublicOn.IndividualsPublicCategories(DefaultCatalog);

    private static RecordRow Stored(RecordInput input, DateTimeOffset recordedAt, DateTimeOffset? supersededAt = null)
    {
        var row = RecordRow.From(Valid(input), Guid.NewGuid(), 1, "samr", recordedAt, recordedAt, "key:test", late: false, reason: null);
        row.SupersededAt = supersededAt;
        return row;
    }

    private static bool PublicOn(RecordRow row, string day) => RecordPublicOn.Day(D(day), IndividualsPublic).Compile()(row);

    private static readonly DateTimeOffset Written = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_record_is_public_on_its_last_day_and_not_on_the_next()
    {
        var licence = Stored(Licence() with { PublicUntil = "2026-11-24" }, Written);

        Assert.True(PublicOn(licence, "2026-11-23"));
        Assert.True(PublicOn(licence, "2026-11-24"));
        Assert.False(PublicOn(licence, "2026-11-25"));
    }

    [Fact]
    public void A_record_public_while_valid_has_no_end()
    {
        var licence = Stored(Licence(), Written);

        Assert.Null(licence.PublicUntil);
        Assert.True(PublicOn(licence, "2099-12-31"));
    }

    [Fact]
    public void A_minor_penalty_is_never_public()
    {
        Assert.False(PublicOn(Stored(Penalty() with { Severity = "minor" }, Written), "2026-11-23"));
    }

    [Fact]
    public void An_individuals_penalty_is_never_public_but_an_individual_judgment_defaulter_is()
    {
        var penalty = Stored(Penalty() with { SubjectId = PersonId, SubjectName = "李四", LegalRepresentative = null }, Written);
        var defaulter = Stored(new RecordInput
        {
            Category = "court-enforcement",
            SubjectId = PersonId,
            SubjectName = "李四",
            DocumentNumber = "(2026)闽01执123号",
            DecisionDate = "2026-11-20",
            Severity = "serious",
            LegalBasis = "法释〔2017〕7号 第一条",
        }, Written);

        Assert.False(PublicOn(penalty, "2026-11-23"));
        Assert.True(PublicOn(defaulter, "2026-11-23"));
        Assert.Equal(SubjectKind.Individual, defaulter.SubjectKind);
    }

    [Fact]
    public void An_individuals_record_stops_being_public_when_the_catalog_no_longer_publishes_its_category()
    {
        var honour = Stored(new RecordInput
        {
            Category = "honours",
            SubjectId = PersonId,
            SubjectName = "李四",
            DocumentNumber = "闽表彰〔2026〕1号",
            DecisionDate = "2026-11-20",
            LegalBasis = "国发〔2016〕33号",
        }, Written);

        Assert.True(honour.Published);
        Assert.True(RecordPublicOn.Day(D("2026-11-23"), ["honours"]).Compile()(honour));
        Assert.False(RecordPublicOn.Day(D("2026-11-23"), []).Compile()(honour));
    }

    [Fact]
    public void The_in_memory_rule_agrees_with_the_query_rule_on_every_combination()
    {
        foreach (var published in new[] { true, false })
        {
            foreach (DateOnly? until in new DateOnly?[] { null, D("2026-11-22"), D("2026-11-23"), D("2026-11-24") })
            {
                var row = Stored(Licence(), Written);
                row.Published = published;
                row.PublicUntil = until;
                Assert.Equal(row.IsPublicOn(D("2026-11-23"), IndividualsPublic), PublicOn(row, "2026-11-23"));
            }
        }
    }

    [Fact]
    public void A_published_organisations_record_is_on_each_day_either_public_or_ended_before_it_never_both()
    {
        foreach (DateOnly? until in new DateOnly?[] { null, D("2026-11-22"), D("2026-11-23"), D("2026-11-24") })
        {
            var row = Stored(Licence(), Written);
            row.PublicUntil = until;
            foreach (var day in new[] { D("2026-11-22"), D("2026-11-23"), D("2026-11-24"), D("2026-11-25") })
            {
                var ended = RecordPublicOn.EndedBefore(day).Compile()(row);
                Assert.Equal(ended, row.HasEndedBefore(day));
                Assert.NotEqual(ended, row.IsPublicOn(day, IndividualsPublic));
            }
        }
    }

    [Fact]
    public void An_unpublished_record_is_neither_public_nor_ended_so_no_end_is_announced_for_it()
    {
        var minor = Stored(Penalty() with { Severity = "minor" }, Written);
        minor.PublicUntil = D("2026-11-22");

        Assert.False(minor.Published);
        Assert.False(minor.IsPublicOn(D("2026-11-23"), IndividualsPublic));
        Assert.False(minor.HasEndedBefore(D("2026-11-23")));
    }

    [Fact]
    public void The_version_standing_at_an_instant_is_the_one_written_by_then_and_not_yet_superseded()
    {
        var superseded = Written.AddHours(2);
        var old = Stored(Licence(), Written, supersededAt: superseded);
        var standing = RecordPublicOn.StandingAt(Written.AddHours(1)).Compile();
        var later = RecordPublicOn.StandingAt(superseded).Compile();
        var before = RecordPublicOn.StandingAt(Written.AddTicks(-10)).Compile();

        Assert.True(standing(old));
        Assert.False(later(old));
        Assert.False(before(old));
    }

    [Fact]
    public void Today_in_china_decides_publicity_not_the_utc_date()
    {
        // 16:00 UTC on 24 November is 00:00 on 25 November in China: the last day has passed.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        var licence = Stored(Licence() with { PublicUntil = "2026-11-24" }, Written);

        var now = PublicMoment.Now(clock);

        Assert.Equal(D("2026-11-25"), now.Day);
        Assert.True(now.IsNow);
        Assert.False(PublicOn(licence, now.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(RecordPublicity.EndsAt(D("2026-11-24")), clock.GetUtcNow());
    }
}
