using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PublicCredit.Catalog;
using PublicCredit.Enforcement;

namespace PublicCredit.Core.Tests.Enforcement;

/// <summary>The in-memory enforcement index: what the embedded check reads instead of the database (docs/design.md#the-hot-path-the-embedded-check).</summary>
public class EnforcementIndexTests
{
    private static readonly CreditCatalog Catalog = CatalogLoader.Load(CatalogPath()).GetCatalogOrThrow();
    private static readonly MeasureRules Rules = new(Catalog);
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Until = From.AddYears(2);
    private static readonly SubjectKey Company = SubjectKey.Of("91350100M000100Y43");
    private static readonly SubjectKey Representative = SubjectKey.Of("11010519491231002X");

    private static string CatalogPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicCredit.slnx")))
            {
                return Path.Combine(dir.FullName, "catalog");
            }
        }

        throw new InvalidOperationException("run inside the checkout");
    }

    private static EnforcedDesignation Entry(Guid id, string listType, Reach reach = Reach.Subject)
    {
        Assert.True(Rules.TryListType(listType, out var list));
        return new EnforcedDesignation(id, list, reach, EnforcedDesignation.Seconds(From), EnforcedDesignation.Seconds(Until));
    }

    private static List<AppliedMeasure> Check(EnforcementIndex index, SubjectKey subject, string matter, DateTimeOffset asOf)
    {
        Assert.True(Rules.TryMatter(matter, out var m));
        var result = new List<AppliedMeasure>();
        index.Check(subject, m, asOf, result);
        return result;
    }

    [Fact]
    public void A_judgment_defaulter_may_not_take_part_in_government_procurement_while_designated()
    {
        var index = new EnforcementIndex(Rules);
        var id = Guid.NewGuid();
        index.Put(Company, Entry(id, "judgment-defaulters"));

        var measures = Check(index, Company, "government-procurement", From.AddDays(1));

        var applied = Assert.Single(measures, m => m.Rule.Measure.Code == "restrict-government-procurement");
        Assert.Equal(id, applied.DesignationId);
        Assert.Equal("judgment-defaulters-2016", applied.Rule.Memorandum.Code);
        Assert.Contains(applied.Rule.Measure.LegalBasis, b => b.Law.Contains("政府采购法", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_applies_before_the_term_starts_or_from_the_instant_it_ends()
    {
        var index = new EnforcementIndex(Rules);
        index.Put(Company, Entry(Guid.NewGuid(), "judgment-defaulters"));

        Assert.Empty(Check(index, Company, "government-procurement", From.AddTicks(-TimeSpan.TicksPerSecond)));
        Assert.NotEmpty(Check(index, Company, "government-procurement", From));
        Assert.NotEmpty(Check(index, Company, "government-procurement", Until.AddSeconds(-1)));
        Assert.Empty(Check(index, Company, "government-procurement", Until));
    }

    [Fact]
    public void A_responsible_person_is_reached_only_by_measures_that_reach_responsible_persons()
    {
        var index = new EnforcementIndex(Rules);
        index.Put(Representative, Entry(Guid.NewGuid(), "judgment-defaulters", Reach.ResponsiblePerson));

        var flights = Check(index, Representative, "air-ticket", From.AddDays(1));
        var procurement = Check(index, Representative, "government-procurement", From.AddDays(1));

        Assert.Contains(flights, m => m.Rule.Measure.Code == "restrict-air-travel" && m.Reach == Reach.ResponsiblePerson);
        Assert.All(flights, m => Assert.True(m.Rule.Measure.ReachesResponsiblePersons));
        Assert.Empty(procurement);
    }

    [Fact]
    public void A_removed_designation_triggers_nothing_and_others_stay()
    {
        var index = new EnforcementIndex(Rules);
        var defaulter = Guid.NewGuid();
        var tax = Guid.NewGuid();
        index.Put(Company, Entry(defaulter, "judgment-defaulters"));
        index.Put(Company, Entry(tax, "serious-tax-violators"));

        index.Remove(Company, defaulter);

        var measures = Check(index, Company, "government-procurement", From.AddDays(1));
        Assert.All(measures, m => Assert.Equal(tax, m.DesignationId));
        Assert.NotEmpty(measures);
        index.Remove(Company, tax);
        Assert.Equal(0, index.Subjects);
    }

    [Fact]
    public void A_red_list_gives_incentives_only()
    {
        var index = new EnforcementIndex(Rules);
        index.Put(Company, Entry(Guid.NewGuid(), "a-grade-taxpayers"));

        var measures = Catalog.Matters.SelectMany(m => Check(index, Company, m.Code, From.AddDays(1))).ToList();

        Assert.NotEmpty(measures);
        Assert.All(measures, m => Assert.Equal(MeasureKind.Incentive, m.Rule.Measure.Kind));
    }

    [Fact]
    public void The_data_version_only_moves_forward()
    {
        var index = new EnforcementIndex(Rules);
        index.Advance(10);
        index.Advance(7);

        Assert.Equal(10, index.Position);
    }

    [Property(MaxTest = 300)]
    public Property Different_identifiers_never_share_a_key(NonEmptyString a, NonEmptyString b)
    {
        static string Id(string s) => new([.. s.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).Take(18)]);
        var (x, y) = (Id(a.Get), Id(b.Get));
        return (x.Length > 0 && y.Length > 0).Implies(() => (SubjectKey.Of(x) == SubjectKey.Of(y)) == (x == y));
    }

    [Fact]
    public async Task Readers_see_whole_states_while_a_writer_changes_the_index()
    {
        var index = new EnforcementIndex(Rules);
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var writing = true;
        var started = 0;
        Assert.True(Rules.TryMatter("government-procurement", out var matter));
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            Interlocked.Increment(ref started);
            var result = new List<AppliedMeasure>();
            var checks = 0;
            do
            {
                result.Clear();
                index.Check(Company, matter, From.AddDays(1), result);
                // every designation contributes exactly one procurement restriction: never a half-written entry
                Assert.Equal(result.Count, result.Select(r => r.DesignationId).Distinct().Count());
                checks++;
            }
            while (Volatile.Read(ref writing));

            return checks;
        })).ToArray();
        SpinWait.SpinUntil(() => Volatile.Read(ref started) == readers.Length);

        for (var round = 0; round < 5; round++)
        {
            foreach (var id in ids)
            {
                index.Put(Company, Entry(id, "judgment-defaulters"));
            }

            foreach (var id in ids)
            {
                index.Remove(Company, id);
            }
        }

        Volatile.Write(ref writing, false);
        var counts = await Task.WhenAll(readers);
        Assert.All(counts, c => Assert.True(c > 0));
        Assert.Equal(0, index.Subjects);
    }
}
