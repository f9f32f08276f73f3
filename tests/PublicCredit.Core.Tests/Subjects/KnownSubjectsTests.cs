using PublicCredit.Subjects;

namespace PublicCredit.Core.Tests.Subjects;

/// <summary>A long import's memory of the subjects it has met (ADR 0024 §4).</summary>
public sealed class KnownSubjectsTests
{
    private const string Subject = "91350100M000100Y43";

    [Fact]
    public void A_subject_never_remembered_is_unknown()
    {
        var known = new KnownSubjects();

        Assert.False(known.Contains(Subject));
        Assert.False(known.TryMatch(Subject, "福州某某科技有限公司", out var sameName));
        Assert.False(sameName);
    }

    [Fact]
    public void A_remembered_subject_matches_its_last_name_only()
    {
        var known = new KnownSubjects();
        known.Remember(Subject, "福州某某科技有限公司");
        known.Remember(Subject, "福州某某科技股份有限公司");

        Assert.True(known.TryMatch(Subject, "福州某某科技股份有限公司", out var same));
        Assert.True(same);
        Assert.True(known.TryMatch(Subject, "福州某某科技有限公司", out var old));
        Assert.False(old);
        Assert.Equal(1, known.Count);
    }

    [Fact]
    public void Ids_and_names_that_differ_in_one_character_are_told_apart()
    {
        var known = new KnownSubjects();
        known.Remember(Subject, "某某公司");

        Assert.False(known.Contains("91350100M000100Y44"));
        Assert.True(known.TryMatch(Subject, "某某公司 ", out var same));
        Assert.False(same);
    }

    [Fact]
    public void Past_its_capacity_it_starts_over_and_keeps_only_the_newest()
    {
        var known = new KnownSubjects(capacity: 2);
        known.Remember("A", "a");
        known.Remember("B", "b");
        known.Remember("B", "b2"); // a known subject renamed does not count as a new one

        Assert.Equal(2, known.Count);
        known.Remember("C", "c");

        Assert.Equal(1, known.Count);
        Assert.True(known.Contains("C"));
        Assert.False(known.Contains("A"));
        Assert.False(known.Contains("B"));
    }

    [Fact]
    public void Clearing_forgets_everything()
    {
        var known = new KnownSubjects();
        known.Remember(Subject, "某某公司");

        known.Clear();

        Assert.Equal(0, known.Count);
        Assert.False(known.Contains(Subject));
    }
}
