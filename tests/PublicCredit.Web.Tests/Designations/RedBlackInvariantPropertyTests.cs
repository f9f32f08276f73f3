using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Changes;
using PublicCredit.Designations;
using PublicCredit.Storage;
using PublicCredit.Time;
using PublicCredit.Web.Tests.Errors;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;
using PublicCredit.Web.Tests.Restorations;

namespace PublicCredit.Web.Tests.Designations;

/// <summary>
/// The red/black invariant holds after any history (docs/designations.md#red-and-black; ADR 0042). Random histories of
/// proposals on the A-grade taxpayer red list and on three black lists (serious tax violators and the market list name
/// responsible persons, abnormal operations does not) for two organisations, decisions (now or later, default or short
/// terms), objections filed, upheld and rejected, restoration applications granted or refused, revocations,
/// confirmations of red entries a conflict set aside, and the clock moved past the ends of terms. After every step:
/// <list type="bullet">
/// <item>no red entry is in force while a black entry of its subject stands (the stored state);</item>
/// <item>a subject, or a responsible person a black entry reaches, with an effective black entry gets no incentive
/// measure (the catalog's kind) from <c>POST /api/v1/checks</c> in any matter of the catalog;</item>
/// <item>neither the public profile nor the credit report (the PDF, as its reader sees it) shows a red entry beside an
/// effective black one, and the report shows a red entry exactly when the profile does.</item>
/// </list>
/// Steps the platform refuses are fine, but only as coded refusals (409/422 with a catalogued code), never a 5xx. The
/// server runs with a report limit the history cannot reach: the test downloads two reports a step.
/// </summary>
public abstract class RedBlackInvariantPropertyTests(ITestDatabases databases) : IAsyncLifetime
{
    private static readonly string[] Organisations = [DesignationBodies.Organisation, DesignationBodies.OtherOrganisation];

    /// <summary>The persons the black lists' bodies name (tax: the legal representative; market: both).</summary>
    private static readonly string[] Persons = [DesignationBodies.LegalRepresentative, DesignationBodies.DirectlyResponsible];

    private static readonly string[] BlackLists = [DesignationBodies.TaxList, DesignationBodies.MarketList, DesignationBodies.AbnormalList];

    /// <summary>The default catalog's working-day calendar covers 2026–2027: notices, restorations and conflict reviews
    /// count their deadlines in it, so the history stays well inside it.</summary>
    private static readonly DateTimeOffset Horizon = new(2027, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private RunningServer Server { get; set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await RunningServer.StartAsync(databases, s => s with { ReportsPerMinutePerAddress = 1_000_000 }, Cancel);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    [Theory]
    [InlineData(42)]
    [InlineData(1717)]
    [InlineData(2026)]
    public async Task No_incentive_and_no_red_entry_beside_an_effective_black_entry_after_any_random_history(int seed)
    {
        var random = new Random(seed);
        var given = new Given(Server, Cancel);
        // One organisation's history is known since 2019 (a registration record), so the green channel is in play.
        await given.RegisteredOrganisationAsync();
        var history = new History(Server, given, Cancel);
        var observed = new Observed();
        var steps = new List<string>();
        for (var step = 0; step < 24; step++)
        {
            steps.Add(await history.RandomStepAsync(random));
            await AssertInvariantAsync(observed, $"seed {seed}, after {string.Join(" → ", steps)}");
        }

        // The history reached the states the invariant is about, and the checks could have failed it.
        var story = $"seed {seed}: {string.Join(" → ", steps)}";
        Assert.True(await SuspendedByConflictAsync() > 0, $"no red entry was ever set aside by a black one: {story}");
        Assert.True(observed.BlackInForce > 0, $"no black entry was ever in force: {story}");
        Assert.True(observed.Incentives > 0, $"no check ever gave an incentive, so none could have been wrong: {story}");
    }

    /// <summary>What the steps' assertions saw, so a history that tested nothing fails.</summary>
    private sealed class Observed
    {
        public int BlackInForce { get; set; }

        public int Incentives { get; set; }
    }

    private async Task AssertInvariantAsync(Observed observed, string context)
    {
        var now = Server.Clock.GetUtcNow();
        var catalog = Server.Services.GetRequiredService<CreditCatalog>();
        var state = await StoredStateAsync(catalog, now);
        observed.BlackInForce += state.BlackInForce.Count;

        var beside = state.RedInForce.Where(r => state.BlackStanding.Contains(r.Subject)).ToList();
        Assert.True(beside.Count == 0, $"{context}: red entries in force beside a standing black one: {string.Join(", ", beside.Select(r => r.Id))}");

        // Every subject in every matter: those with an effective black entry must get no incentive.
        using var checker = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Ndrc));
        var incentives = catalog.Measures.Where(m => m.Kind == MeasureKind.Incentive).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var checks = Organisations.Concat(Persons)
            .SelectMany(subject => catalog.Matters.Select(matter => (subject, matter: matter.Code)))
            .Select(async c =>
            {
                var answer = await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = c.subject, ["matter"] = c.matter }, HttpStatusCode.OK, Cancel);
                var given = answer.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measure").GetString()!).Where(incentives.Contains).ToList();
                return (c.subject, c.matter, given);
            });
        foreach (var (subject, matter, given) in await Task.WhenAll(checks))
        {
            observed.Incentives += given.Count;
            Assert.False(given.Count > 0 && state.BlackInForce.Contains(subject),
                $"{context}: {subject} has an effective black entry, yet the {matter} check gives {string.Join(", ", given)}");
        }

        using var anyone = Server.Client();
        // The red list as the public reads it holds no entry of a subject with an effective black entry either.
        foreach (var list in catalog.ListTypes.Where(l => l.Kind == ListKind.Red))
        {
            var published = (await anyone.GetJsonAsync($"/api/v1/public/lists/{list.Code}?page=1", Cancel))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            var wrong = state.Subjects.Where(d => published.Contains(d.Key) && state.BlackInForce.Contains(d.Value)).Select(d => d.Key).ToList();
            Assert.True(wrong.Count == 0, $"{context}: the public {list.Code} list shows {string.Join(", ", wrong)} beside an effective black entry");
        }

        var red = catalog.ListTypes.Where(l => l.Kind == ListKind.Red).Select(l => l.Name.Zh).ToList();
        foreach (var organisation in Organisations)
        {
            var profile = await anyone.GetAsync($"/api/v1/public/subjects/{organisation}", Cancel);
            var shown = new List<string>();
            if (profile.StatusCode != HttpStatusCode.NotFound)
            {
                Assert.True(profile.StatusCode == HttpStatusCode.OK, $"{context}: the public profile of {organisation} answered {(int)profile.StatusCode}");
                var body = await profile.Content.ReadFromJsonAsync<JsonElement>(Cancel);
                shown.AddRange(body.GetProperty("designations").EnumerateArray().Select(d => d.GetProperty("kind").GetString()!));
            }

            Assert.False(shown.Contains("red") && (shown.Contains("black") || state.BlackInForce.Contains(organisation)),
                $"{context}: the public profile of {organisation} shows [{string.Join(", ", shown)}]");

            var report = await ReportTextAsync(anyone, organisation);
            var reportShowsRed = red.Any(name => report.Contains(name, StringComparison.Ordinal));
            Assert.True(reportShowsRed == shown.Contains("red"),
                $"{context}: the credit report of {organisation} {(reportShowsRed ? "shows" : "does not show")} a red entry, the profile shows [{string.Join(", ", shown)}]");
        }
    }

    private sealed record StoredEntry(Guid Id, string Subject);

    /// <summary>The stored designations read straight from the tables with the rule written out here (effective, no
    /// objection under review, decided, within its term), not through the platform's own predicates.</summary>
    private sealed record StoredState(
        HashSet<string> BlackInForce, HashSet<string> BlackStanding, List<StoredEntry> RedInForce, Dictionary<Guid, string> Subjects);

    private async Task<StoredState> StoredStateAsync(CreditCatalog catalog, DateTimeOffset now)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
        var rows = await db.Designations.AsNoTracking()
            .Where(d => d.Status == DesignationStatus.Effective && !d.ObjectionOpen && d.DecisionDocument != null)
            .ToListAsync(Cancel);
        var persons = await db.ResponsiblePersons.AsNoTracking().Where(p => p.ReachSuspendedAt == null && p.ReachEndedAt == null).ToListAsync(Cancel);
        bool IsBlack(DesignationRow d) => catalog.ListTypes[d.ListType].Kind == ListKind.Black;
        IEnumerable<string> Reached(DesignationRow d) => catalog.ListTypes[d.ListType].ReachesResponsiblePersons
            ? persons.Where(p => p.DesignationId == d.Id).Select(p => p.ResidentId)
            : [];

        var inForce = rows.Where(d => d.EffectiveFrom <= now && now < d.ExpiresAt).ToList();
        var standing = rows.Where(d => now < d.ExpiresAt && IsBlack(d)).ToList();
        return new StoredState(
            [.. inForce.Where(IsBlack).SelectMany(d => Reached(d).Prepend(d.SubjectId))],
            [.. standing.SelectMany(d => Reached(d).Prepend(d.SubjectId))],
            [.. inForce.Where(d => !IsBlack(d)).Select(d => new StoredEntry(d.Id, d.SubjectId))],
            await db.Designations.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.SubjectId, Cancel));
    }

    private async Task<int> SuspendedByConflictAsync()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
        return await db.LedgerEvents.CountAsync(e => e.Type == "designation-suspended-by-conflict", Cancel);
    }

    /// <summary>The credit report's text as its reader sees it (poppler's pdftotext), or nothing when the subject has no
    /// public profile (the report answers 404 then, like the profile).</summary>
    private static async Task<string> ReportTextAsync(HttpClient client, string subject)
    {
        using var response = await client.GetAsync($"/public/subjects/{subject}/report.pdf", Cancel);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return "";
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the report of {subject} answered {(int)response.StatusCode}");
        var file = Path.Combine(Path.GetTempPath(), "pcredit-invariant-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Cancel), Cancel);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-raw", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
            var text = await process.StandardOutput.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + await process.StandardError.ReadToEndAsync(Cancel));
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Random steps of the departments and subjects, each through the API as they take it. The platform decides
    /// what is allowed: a step it refuses is recorded with its code.</summary>
    private sealed class History(RunningServer server, Given given, CancellationToken cancel)
    {
        private readonly List<Entry> entries = [];
        private int documents;

        private sealed record Entry(Guid Id, string Subject, string List, string Department)
        {
            public string Path => $"/api/v1/designations/{Id}";

            public bool Red => List == DesignationBodies.RedList;

            public bool Closed { get; set; }

            public bool Decided { get; set; }

            public Guid? OpenObjection { get; set; }

            public string Name => $"{(Red ? "red" : List)}@{Subject[..6]}";
        }

        private DateTimeOffset Now => server.Clock.GetUtcNow();

        public async Task<string> RandomStepAsync(Random random)
        {
            var live = entries.Where(e => !e.Closed).ToList();
            var noticed = live.Where(e => !e.Decided).ToList();
            return (live.Count == 0 ? random.Next(6) : random.Next(17)) switch
            {
                < 3 => await ProposeAsync(random, red: true),
                < 6 => await ProposeAsync(random, red: false),
                6 or 7 => await DecideAsync(noticed.Count > 0 ? noticed[random.Next(noticed.Count)] : live[random.Next(live.Count)], random),
                8 or 9 => await ObjectAsync(live[random.Next(live.Count)], random),
                10 => await RevokeAsync(live[random.Next(live.Count)]),
                11 or 12 => await ConfirmAsync(live, random),
                13 => await RestoreAsync(live, random),
                _ => await MoveTimeAsync(random),
            };
        }

        /// <summary>A notice on a red or black list, the subject's statement, and mostly the decision at once. A black
        /// entry mostly goes to a subject that holds a red one, so conflicts are frequent.</summary>
        private async Task<string> ProposeAsync(Random random, bool red)
        {
            var honoured = entries.Where(e => e.Red && !e.Closed).Select(e => e.Subject).Distinct().ToList();
            var subject = !red && honoured.Count > 0 && random.Next(3) > 0
                ? honoured[random.Next(honoured.Count)]
                : Organisations[random.Next(Organisations.Length)];
            var list = red ? DesignationBodies.RedList : BlackLists[random.Next(BlackLists.Length)];
            var number = ++documents;
            var body = list switch
            {
                DesignationBodies.RedList => DesignationBodies.AGradeDesignation(subject, $"税总信告〔2026〕{number}号"),
                DesignationBodies.TaxList => DesignationBodies.TaxViolatorDesignation(subject, $"税总稽告〔2026〕{number}号"),
                DesignationBodies.MarketList => DesignationBodies.MarketDesignation($"国市监信告〔2026〕{number}号", subject),
                _ => AbnormalDesignation(subject, $"国市监异告〔2026〕{number}号"),
            };
            var department = list is DesignationBodies.RedList or DesignationBodies.TaxList ? Departments.Sta : Departments.Samr;
            using var recorder = await given.StaffAsync(Role.Recorder, department);
            var (proposed, refusal) = await SendAsync(recorder, "/api/v1/designations", body);
            if (proposed is not { } notice)
            {
                return $"propose {list}@{subject[..6]} refused ({refusal})";
            }

            var entry = new Entry(notice.GetProperty("id").GetGuid(), subject, list, department);
            entries.Add(entry);
            using (var asSubject = server.Client(await server.ActivateAsync(notice)))
            {
                await asSubject.PostExpectAsync($"{entry.Path}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, cancel);
            }

            return random.Next(4) == 0 ? $"notice {entry.Name}" : "notice and " + await DecideAsync(entry, random);
        }

        /// <summary>The department decides: effective today or on a later day, for the list's term or a shorter one.</summary>
        private async Task<string> DecideAsync(Entry entry, Random random)
        {
            var decision = DesignationBodies.Decision(random.Next(3) == 0 ? "P6M" : null, $"决〔2026〕{++documents}号");
            var later = random.Next(4) == 0 ? random.Next(1, 30) : 0;
            if (later > 0)
            {
                decision["effectiveFrom"] = ChinaTime.Today(server.Clock).AddDays(later).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            using var reviewer = await given.StaffAsync(Role.Reviewer, entry.Department);
            var (decided, refusal) = await SendAsync(reviewer, $"{entry.Path}/decide", decision);
            entry.Decided |= decided is not null;
            return decided is null ? $"decide {entry.Name} refused ({refusal})" : $"decide {entry.Name}{(later > 0 ? $" from +{later}d" : "")}";
        }

        /// <summary>The subject objects (which suspends an entry in force); an open objection is mostly resolved instead.</summary>
        private async Task<string> ObjectAsync(Entry entry, Random random)
        {
            if (entry.OpenObjection is { } open)
            {
                var upheld = random.Next(3) == 0;
                using var reviewer = await given.StaffAsync(Role.Reviewer, entry.Department);
                var (resolved, refused) = await SendAsync(reviewer, $"/api/v1/objections/{open}/resolve",
                    ObjectionSteps.Resolution(upheld ? "upheld" : "rejected"));
                entry.OpenObjection = null;
                entry.Closed |= upheld && resolved is not null;
                return $"objection on {entry.Name} {(upheld ? "upheld" : "rejected")}{(resolved is null ? $" refused ({refused})" : "")}";
            }

            using var asSubject = server.Client(await server.SubjectTokenAsync(entry.Subject));
            var (filed, refusal) = await SendAsync(asSubject, "/api/v1/objections", ObjectionSteps.Objection(entry.Id));
            if (filed is not { } objection)
            {
                return $"objection on {entry.Name} refused ({refusal})";
            }

            entry.OpenObjection = objection.GetProperty("id").GetGuid();
            return $"objection on {entry.Name}";
        }

        private async Task<string> RevokeAsync(Entry entry)
        {
            using var reviewer = await given.StaffAsync(Role.Reviewer, entry.Department);
            var (revoked, refusal) = await SendAsync(reviewer, $"{entry.Path}/revoke", new JsonObject { ["reasons"] = "复核后撤销" });
            if (revoked is null)
            {
                return $"revoke {entry.Name} refused ({refusal})";
            }

            entry.Closed = true;
            entry.OpenObjection = null; // a revocation closes an objection under review with it (ADR 0013 §6)
            return $"revoke {entry.Name}";
        }

        /// <summary>The tax department confirms a red entry — whatever its state: only one a conflict set aside, of a
        /// subject eligible again, may be confirmed.</summary>
        private async Task<string> ConfirmAsync(List<Entry> live, Random random)
        {
            var reds = live.Where(e => e.Red).ToList();
            if (reds.Count == 0)
            {
                return await MoveTimeAsync(random);
            }

            var entry = reds[random.Next(reds.Count)];
            using var reviewer = await given.StaffAsync(Role.Reviewer, entry.Department);
            var (confirmed, refusal) = await SendAsync(reviewer, $"{entry.Path}/confirm", new JsonObject { ["reasons"] = "已无冲突，确认保留。" });
            return confirmed is null ? $"confirm {entry.Name} refused ({refusal})" : $"confirm {entry.Name}";
        }

        /// <summary>The subject applies to restore a black entry; if the department accepts it, it grants or refuses.</summary>
        private async Task<string> RestoreAsync(List<Entry> live, Random random)
        {
            var black = live.Where(e => !e.Red).ToList();
            if (black.Count == 0)
            {
                return await MoveTimeAsync(random);
            }

            var entry = black[random.Next(black.Count)];
            using var asSubject = server.Client(await server.SubjectTokenAsync(entry.Subject));
            var (applied, refusal) = await SendAsync(asSubject, "/api/v1/restorations", RestorationScenario.Application(designationId: entry.Id));
            if (applied is not { } application)
            {
                return $"restore {entry.Name} refused ({refusal})";
            }

            var path = $"/api/v1/restorations/{application.GetProperty("id").GetGuid()}";
            using var reviewer = await given.StaffAsync(Role.Reviewer, entry.Department);
            var granted = random.Next(4) > 0;
            var (accepted, notAccepted) = await SendAsync(reviewer, $"{path}/accept", RestorationScenario.Accept());
            if (accepted is null)
            {
                return $"restore {entry.Name} not accepted ({notAccepted})";
            }

            var (decided, notDecided) = await SendAsync(reviewer, $"{path}/decide", RestorationScenario.Decide(granted, granted ? "准予修复。" : "尚未整改。"));
            if (decided is null)
            {
                return $"restore {entry.Name} refused ({notDecided})";
            }

            entry.Closed |= granted;
            return $"restore {entry.Name} {(granted ? "granted" : "refused by the department")}";
        }

        /// <summary>Sometimes just past the end of a term, sometimes hours, days or months on.</summary>
        private async Task<string> MoveTimeAsync(Random random)
        {
            List<DateTimeOffset> ends;
            using (var scope = server.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
                var ids = entries.Where(e => !e.Closed).Select(e => e.Id).ToList();
                var terms = await db.Designations.AsNoTracking().Where(d => ids.Contains(d.Id) && d.ExpiresAt != null)
                    .Select(d => new { d.EffectiveFrom, d.ExpiresAt }).ToListAsync(cancel);
                ends = [.. terms.SelectMany(t => new[] { t.EffectiveFrom!.Value, t.ExpiresAt!.Value }).Where(e => e > Now && e < Horizon)];
            }

            var to = ends.Count > 0 && random.Next(2) == 0
                ? ends[random.Next(ends.Count)] + TimeSpan.FromSeconds(random.Next(0, 90))
                : Now + TimeSpan.FromHours(random.Next(1, 24 * 100));
            if (to >= Horizon)
            {
                return "time stays (the calendar ends)";
            }

            given.MoveTo(to);
            // What the background round does within its interval, done now so the test need not wait for it.
            await server.Services.GetRequiredService<ExpiryAnnouncer>().RunOnceAsync(cancel);
            return $"time → {ChinaTime.DateOf(Now):yyyy-MM-dd}";
        }

        /// <summary>Posts; a success returns its body, a refusal must be a coded 409 or 422 from the error catalogues.</summary>
        private async Task<(JsonElement? Body, string? Refusal)> SendAsync(HttpClient client, string path, JsonNode body)
        {
            using var response = await client.PostAsJsonAsync(path, body, cancel);
            var text = await response.Content.ReadAsStringAsync(cancel);
            if (response.IsSuccessStatusCode)
            {
                return (JsonDocument.Parse(text).RootElement, null);
            }

            Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity,
                $"POST {path} answered {(int)response.StatusCode}: {text}");
            var code = JsonDocument.Parse(text).RootElement.GetProperty("code").GetString();
            Assert.True(ErrorCatalogueTests.Entries.Any(e => e.Code == code && e.Status == (int)response.StatusCode),
                $"POST {path} refused with {(int)response.StatusCode} {code}, which is not in the error catalogues with that status");
            return (null, code);
        }

        private static JsonObject AbnormalDesignation(string subject, string notice) => new()
        {
            ["listType"] = DesignationBodies.AbnormalList,
            ["subject"] = new JsonObject { ["id"] = subject, ["name"] = Given.OrganisationName },
            ["facts"] = "未按规定期限公示年度报告。",
            ["legalBasis"] = "《企业信息公示暂行条例》第十七条",
            ["noticeDocument"] = notice,
        };
    }
}

public sealed class RedBlackInvariantPropertyTests_on_SQLite() : RedBlackInvariantPropertyTests(new SqliteTestDatabases());

public sealed class RedBlackInvariantPropertyTests_on_PostgreSQL(PostgresClusterFixture cluster) : RedBlackInvariantPropertyTests(new PostgresTestDatabases(cluster));
