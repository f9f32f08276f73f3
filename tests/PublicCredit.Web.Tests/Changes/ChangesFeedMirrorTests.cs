using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Changes;
using PublicCredit.Time;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Changes;

/// <summary>
/// A downstream system keeps the lists from the changes feed alone (docs/changes.md#designation-items; ADR 0044): after
/// any history of decisions (some taking effect later), objections upheld and rejected or left open, revocations,
/// restorations and time moving past the ends of terms, its copy of every list equals
/// <c>GET /api/v1/public/lists/{listType}</c> at that moment, and every term that ended is announced.
/// </summary>
public abstract class ChangesFeedMirrorTests(ITestDatabases databases) : ServerTests(databases)
{
    /// <summary>The subjects the history designates: three organisations and a person (the defaulters list publishes individuals).</summary>
    private static readonly string[] Organisations = [Given.Organisation, RecordBodies.OtherOrganisationId, "91320583503380797Q"];

    private const string Person = DesignationBodies.Person;

    private static readonly string[] Lists = [DesignationBodies.MarketList, DesignationBodies.DefaultersList];

    [Theory]
    [InlineData(17)]
    [InlineData(2026)]
    [InlineData(44)]
    [InlineData(90210)]
    public async Task A_copy_of_the_lists_kept_from_the_feed_alone_equals_the_public_lists_after_a_random_history(int seed)
    {
        var random = new Random(seed);
        var history = new History(Server, Given, Cancel);
        var mirror = new Mirror(Server.Services.GetRequiredService<CreditCatalog>());
        var steps = new List<string>();
        for (var step = 0; step < 28; step++)
        {
            steps.Add(await history.RandomStepAsync(random));
            await mirror.ReadFeedAsync(Server, Cancel);
            foreach (var list in Lists)
            {
                var expected = mirror.ListAt(list, Server.Clock.GetUtcNow());
                var actual = await PublicListAsync(list);
                Assert.True(expected.SetEquals(actual),
                    $"seed {seed}, after {string.Join(" → ", steps)}: the copy of {list} holds [{string.Join(", ", expected.Order())}], the public list [{string.Join(", ", actual.Order())}]");
            }

            var unannounced = mirror.EndedWithoutEndItem(Server.Clock.GetUtcNow());
            Assert.True(unannounced.Count == 0,
                $"seed {seed}, after {string.Join(" → ", steps)}: terms ended with no end on the feed: {string.Join(", ", unannounced)}");
        }

        Assert.True(mirror.Seen(ChangeTypes.DesignationEffective) >= 3, $"seed {seed}: the history decided too little to test anything");
    }

    private async Task<HashSet<Guid>> PublicListAsync(string list)
    {
        using var anyone = Server.Client();
        var ids = new HashSet<Guid>();
        for (var page = 1; ; page++)
        {
            var body = await anyone.GetJsonAsync($"/api/v1/public/lists/{list}?page={page}", Cancel);
            var items = body.GetProperty("items").EnumerateArray().ToList();
            ids.UnionWith(items.Select(i => i.GetProperty("id").GetGuid()));
            if (page * body.GetProperty("pageSize").GetInt32() >= body.GetProperty("total").GetInt32())
            {
                return ids;
            }
        }
    }

    /// <summary>Random steps of departments and subjects, each through the API as they take it.</summary>
    private sealed class History(RunningServer server, Given given, CancellationToken cancel)
    {
        private readonly List<Designation> designations = [];
        private int documents;

        private sealed record Designation(GivenDesignation Given, string List, DateTimeOffset EffectiveFrom, string? Term)
        {
            public bool Ended { get; set; }

            public Guid? OpenObjection { get; set; }
        }

        private DateTimeOffset Now => server.Clock.GetUtcNow();

        public async Task<string> RandomStepAsync(Random random)
        {
            var live = designations.Where(d => !d.Ended).ToList();
            var choice = random.Next(10);
            return (live.Count == 0 ? 0 : choice) switch
            {
                < 4 => await DecideAsync(random),
                4 => await ObjectAsync(UnderObjection(live, random) ?? live[random.Next(live.Count)], random),
                5 => await RevokeAsync(live[random.Next(live.Count)]),
                6 => await RestoreAsync(live, random),
                7 => await ProposeOnlyAsync(random),
                _ => await MoveTimeAsync(random),
            };
        }

        /// <summary>Mostly the answer to an open objection, when there is one, so histories reach both outcomes.</summary>
        private static Designation? UnderObjection(List<Designation> live, Random random)
        {
            var open = live.Where(d => d.OpenObjection is not null).ToList();
            return open.Count > 0 && random.Next(3) > 0 ? open[random.Next(open.Count)] : null;
        }

        private async Task<string> DecideAsync(Random random)
        {
            var list = Lists[random.Next(Lists.Length)];
            var subject = list == DesignationBodies.DefaultersList && random.Next(2) == 0 ? Person : Organisations[random.Next(Organisations.Length)];
            var notice = NextDocument(list);
            var proposed = await given.ProposedDesignationAsync(list, subject, notice: notice, statement: true);
            var later = random.Next(3) == 0 ? random.Next(1, 6) : 0;
            var term = random.Next(3) switch { 0 => "P6M", 1 => "P1Y", _ => null };
            var decision = DesignationBodies.Decision(term, NextDocument(list));
            if (later > 0)
            {
                decision["effectiveFrom"] = ChinaTime.Today(server.Clock).AddDays(later).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            using var reviewer = await given.StaffAsync(Role.Reviewer, proposed.Department);
            var decided = await reviewer.PostExpectAsync($"{proposed.Path}/decide", decision, HttpStatusCode.OK, cancel);
            designations.Add(new Designation(proposed, list, decided.GetProperty("effectiveFrom").GetDateTimeOffset(), term));
            return $"decide {list} {subject[..4]} +{later}d {term ?? "default"}";
        }

        private async Task<string> ObjectAsync(Designation designation, Random random)
        {
            if (designation.OpenObjection is { } open)
            {
                var upheld = random.Next(3) == 0;
                await given.ResolvedAsync(new GivenObjection(open, designation.Given.Id, null, designation.Given.Department, default), upheld);
                designation.OpenObjection = null;
                designation.Ended |= upheld;
                return upheld ? "objection upheld" : "objection rejected";
            }

            // The notice's token may have lapsed: the subject asks the operator for one.
            var token = await server.SubjectTokenAsync(designation.Given.Subject);
            var objection = await given.ObjectionAsync(designation.Given with { Token = token });
            designation.OpenObjection = objection.Id;
            return "objection filed";
        }

        private async Task<string> RevokeAsync(Designation designation)
        {
            if (designation.OpenObjection is not null)
            {
                return "revoke skipped (under objection)";
            }

            using var reviewer = await given.StaffAsync(Role.Reviewer, designation.Given.Department);
            await reviewer.PostExpectAsync($"{designation.Given.Path}/revoke", new JsonObject { ["reasons"] = "复核后撤销" }, HttpStatusCode.OK, cancel);
            designation.Ended = true;
            return "revoke";
        }

        /// <summary>A market-list entry of the default three-year term may be restored once a year of it has passed.</summary>
        private async Task<string> RestoreAsync(List<Designation> live, Random random)
        {
            var restorable = live.Where(d => d.List == DesignationBodies.MarketList && d.Term is null && d.OpenObjection is null
                && Now >= d.EffectiveFrom.AddYears(1).AddDays(1)).ToList();
            if (restorable.Count == 0)
            {
                return await MoveTimeAsync(random);
            }

            var designation = restorable[random.Next(restorable.Count)];
            await given.RestorationAsync(designation.Given, RestorationStep.Granted);
            designation.Ended = true;
            return "restore";
        }

        private async Task<string> ProposeOnlyAsync(Random random)
        {
            var subject = Organisations[random.Next(Organisations.Length)];
            await given.ProposedDesignationAsync(DesignationBodies.MarketList, subject, notice: NextDocument(DesignationBodies.MarketList), activate: false);
            return "notice only";
        }

        private async Task<string> MoveTimeAsync(Random random)
        {
            // Sometimes just past the end of a live term, sometimes hours, days or months on.
            var ends = designations.Where(d => !d.Ended).Select(End).Where(e => e > Now && e < Horizon).ToList();
            var to = ends.Count > 0 && random.Next(2) == 0
                ? ends.Min() + TimeSpan.FromSeconds(random.Next(0, 90))
                : Now + TimeSpan.FromHours(random.Next(1, 24 * 90));
            if (to >= Horizon)
            {
                return "time stays (the catalog's calendar ends)";
            }

            given.MoveTo(to);
            foreach (var ended in designations.Where(d => !d.Ended && End(d) <= Now))
            {
                ended.Ended = true;
            }

            // What the background round does within its interval, done now so the test need not wait for it.
            await server.Services.GetRequiredService<ExpiryAnnouncer>().RunOnceAsync(cancel);
            return $"time → {ChinaTime.DateOf(Now):yyyy-MM-dd}";
        }

        /// <summary>The default catalog's working-day calendar covers 2026–2027: notices and restorations count their deadlines in it.</summary>
        private static readonly DateTimeOffset Horizon = new(2027, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

        private static DateTimeOffset End(Designation d) => d.Term switch
        {
            "P6M" => d.EffectiveFrom.AddMonths(6),
            "P1Y" => d.EffectiveFrom.AddYears(1),
            _ => d.EffectiveFrom.AddYears(d.List == DesignationBodies.MarketList ? 3 : 2),
        };

        private string NextDocument(string list) => list == DesignationBodies.DefaultersList
            ? $"（2026）闽01执{++documents}号"
            : $"国市监信〔2026〕{++documents}号";
    }

    /// <summary>A downstream copy of the lists: the feed's designation items and the catalog, nothing else.</summary>
    private sealed class Mirror(CreditCatalog catalog)
    {
        private readonly Dictionary<Guid, Entry> entries = [];
        private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);
        private long after;

        private sealed record Entry(string ListType, DateTimeOffset EffectiveFrom, DateTimeOffset ExpiresAt, string Status, bool Individual, bool EndSeen);

        public int Seen(string type) => seen.GetValueOrDefault(type);

        public async Task ReadFeedAsync(RunningServer server, CancellationToken cancel)
        {
            // A fresh key each time: keys end a year after issue, and the history moves time on.
            using var checker = server.Client(await server.KeyAsync(Role.Checker, Departments.Mof));
            while (true)
            {
                var page = await checker.GetJsonAsync($"/api/v1/changes?after={after}&limit=1000", cancel);
                foreach (var item in page.GetProperty("items").EnumerateArray().Where(i => i.TryGetProperty("designationId", out _)))
                {
                    Apply(item);
                }

                var next = page.GetProperty("next").GetInt64();
                if (next == after)
                {
                    return;
                }

                after = next;
            }
        }

        private void Apply(JsonElement item)
        {
            var type = item.GetProperty("type").GetString()!;
            seen[type] = seen.GetValueOrDefault(type) + 1;
            var id = item.GetProperty("designationId").GetGuid();
            var status = item.GetProperty("status").GetString()!;
            var ends = status is "revoked" or "restored" or "removed" or "expired";
            entries[id] = new Entry(
                item.GetProperty("listType").GetString()!,
                item.GetProperty("effectiveFrom").GetDateTimeOffset(),
                item.GetProperty("expiresAt").GetDateTimeOffset(),
                status,
                item.GetProperty("subjectId").GetString()!.Contains('*', StringComparison.Ordinal),
                ends || (entries.TryGetValue(id, out var before) && before.EndSeen));
        }

        public HashSet<Guid> ListAt(string listType, DateTimeOffset now)
        {
            var individualsPublic = catalog.Categories[catalog.ListTypes[listType].Category].IndividualsPublic;
            return [.. entries
                .Where(e => e.Value.ListType == listType && e.Value.Status == "effective"
                    && e.Value.EffectiveFrom <= now && now < e.Value.ExpiresAt
                    && (!e.Value.Individual || individualsPublic))
                .Select(e => e.Key)];
        }

        /// <summary>Designations whose term ended (the announcer has run) with no item that took them off the list.</summary>
        public List<Guid> EndedWithoutEndItem(DateTimeOffset now) =>
            [.. entries.Where(e => e.Value.ExpiresAt <= now && !e.Value.EndSeen).Select(e => e.Key)];
    }
}

public sealed class ChangesFeedMirrorTests_on_SQLite() : ChangesFeedMirrorTests(new SqliteTestDatabases());

public sealed class ChangesFeedMirrorTests_on_PostgreSQL(PostgresClusterFixture cluster) : ChangesFeedMirrorTests(new PostgresTestDatabases(cluster));
