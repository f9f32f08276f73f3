using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Identifiers;
using PublicCredit.Storage;
using PublicCredit.Subjects;
using PublicCredit.Web.Tests.Infrastructure;
using PublicCredit.Web.Tests.Objections;

namespace PublicCredit.Web.Tests.Subjects;

/// <summary>
/// The search index agrees with the public profile (ADR 0046): after every step of a random history — public and
/// never-public records, renames, publicity ending at midnight China time, objections, granted restorations — a subject
/// is found by its current name exactly when its public profile answers, and never by a name it no longer bears.
/// </summary>
public abstract class PublicSearchIndexTests(ITestDatabases databases) : ServerTests(databases)
{
    private const int Subjects = 6;

    /// <summary>The <paramref name="n"/>-th organisation of the history: a valid USCC (both check characters computed).</summary>
    private static string Organisation(int n)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{70_000_000 + n:D8}");
        var first17 = "91350100" + body + Uscc.ComputeOrganisationCodeCheckCharacter(body);
        return first17 + Uscc.ComputeCheckCharacter(first17);
    }

    /// <summary>Names of one length that no other name contains: 轮换主体{k}之{v}号 with one digit each.</summary>
    private static string Name(int subject, int version) => string.Create(CultureInfo.InvariantCulture, $"轮换主体{subject}之{version}号");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_subject_is_found_by_its_current_name_exactly_while_its_public_profile_answers(int seed)
    {
        var random = new Random(seed);
        using var recorder = Server.Client(await Server.KeyAsync(Role.Recorder, Departments.Samr));
        using var anonymous = Server.Client();
        // Searches of now answer staff exactly as the public; a key is not held to the per-address allowance.
        using var searcher = Server.Client(await Server.KeyAsync(Role.Checker, Departments.Mof));
        var versions = new int[Subjects];
        var penalties = Enumerable.Range(0, Subjects).Select(_ => new List<GivenRecord>()).ToArray();
        // A penalty under objection or already restored is not applied for again.
        var objected = new HashSet<Guid>();
        var restored = new HashSet<Guid>();
        var monthsPassed = false;
        // The name the register holds: the one the subject's latest record was written under.
        var stored = new string?[Subjects];
        var document = 0;

        for (var step = 0; step < 30; step++)
        {
            var k = random.Next(Subjects);
            var subject = Organisation(k);
            var name = Name(k, versions[k]);
            switch (random.Next(8))
            {
                case 0 or 1:
                    // A licence public for 0–2 more days (its last day inclusive).
                    var until = DateOnly.FromDateTime(Server.Clock.GetUtcNow().AddHours(8).UtcDateTime).AddDays(random.Next(3));
                    await Given.PublishedRecordAsync(body: SubjectBodies.Licence($"闽食许〔2026〕{++document}号", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), subject, name), recorder: recorder);
                    stored[k] = name;
                    break;
                case 2:
                    // A minor penalty: never public, yet the platform now holds the subject.
                    var minor = RecordBodies.Penalty($"闽市监罚〔2026〕{++document}号").With("severity", "minor");
                    minor["subject"] = new JsonObject { ["id"] = subject, ["name"] = name };
                    await Given.PublishedRecordAsync(body: minor, recorder: recorder);
                    stored[k] = name;
                    break;
                case 3:
                    var penalty = RecordBodies.Penalty($"闽市监罚〔2026〕{++document}号");
                    penalty["subject"] = new JsonObject { ["id"] = subject, ["name"] = name };
                    penalties[k].Add(await Given.PublishedRecordAsync(body: penalty, recorder: recorder));
                    stored[k] = name;
                    break;
                case 4 when penalties[k].FirstOrDefault(p => !objected.Contains(p.Id) && !restored.Contains(p.Id)) is { } target:
                    using (var asSubject = Server.Client(await Server.SubjectTokenAsync(subject)))
                    {
                        await asSubject.PostExpectAsync("/api/v1/objections", ObjectionSteps.Objection(target.Id, record: true), HttpStatusCode.Created, Cancel);
                    }

                    objected.Add(target.Id);
                    break;
                case 6 when monthsPassed && penalties[k].FirstOrDefault(p => !objected.Contains(p.Id) && !restored.Contains(p.Id)) is { } target:
                    // Past the penalty's shortest publicity: the department grants the subject's restoration, which
                    // ends the record's publication at once.
                    await Given.RestorationAsync(target, RestorationStep.Granted);
                    restored.Add(target.Id);
                    break;
                case 7 when !monthsPassed:
                    // Past 2027-02-20, the earliest restoration of the penalties decided 2026-11-20.
                    Server.Clock.Advance(TimeSpan.FromDays(100));
                    monthsPassed = true;
                    break;
                default:
                    // Across midnight China time: licences whose last day it was stop being public.
                    Server.Clock.Advance(TimeSpan.FromDays(1));
                    break;
            }

            // Now and then the next record about a subject names it anew (the register keeps the latest name).
            if (stored[k] is not null && random.Next(4) == 0)
            {
                versions[k]++;
            }

            for (var s = 0; s < Subjects; s++)
            {
                if (stored[s] is not { } current)
                {
                    continue;
                }

                using var profile = await anonymous.GetAsync(new Uri($"/api/v1/public/subjects/{Organisation(s)}", UriKind.Relative), Cancel);
                var found = await searcher.GetJsonAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString(current)}", Cancel);
                var expected = profile.StatusCode == HttpStatusCode.OK ? 1 : 0;
                Assert.True(expected == found.GetProperty("total").GetInt32(),
                    $"seed {seed} step {step}: subject {s} ('{current}') profile {(int)profile.StatusCode}, search total {found.GetProperty("total").GetInt32()}");
                Assert.Equal(expected, found.GetProperty("items").GetArrayLength());
                for (var old = 0; old <= versions[s]; old++)
                {
                    if (Name(s, old) != current)
                    {
                        var stale = await searcher.GetJsonAsync($"/api/v1/public/subjects?q={Uri.EscapeDataString(Name(s, old))}", Cancel);
                        Assert.Equal(0, stale.GetProperty("total").GetInt32());
                    }
                }
            }
        }

        Assert.True(restored.Count > 0 && objected.Count > 0, $"seed {seed}: the history granted {restored.Count} restorations and filed {objected.Count} objections");
        await AssertIndexHoldsExactlyTheCurrentNamesAsync();
    }

    /// <summary>The triggers leave no row of a former name behind and miss none of the current one (a stale row would
    /// be hidden from results by the whole-query match, so only the table itself shows it).</summary>
    private async Task AssertIndexHoldsExactlyTheCurrentNamesAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicCreditDbContext>();
        var subjects = await db.Subjects.AsNoTracking().Select(s => new { s.SubjectId, s.PublicId, s.NameKey }).ToListAsync(Cancel);
        var expected = subjects
            .SelectMany(s => SubjectNameGrams.Of(s.NameKey).Select(g => $"{g}|{FirstCodePoints(s.NameKey)}|{s.PublicId}|{s.SubjectId}"))
            .Order(StringComparer.Ordinal).ToList();
        var actual = (await db.SubjectNameGrams.AsNoTracking().Select(g => new { g.Gram, g.SortKey, g.PublicId, g.SubjectId }).ToListAsync(Cancel))
            .Select(g => $"{g.Gram}|{g.SortKey}|{g.PublicId}|{g.SubjectId}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    private static string FirstCodePoints(string key) =>
        string.Concat(key.EnumerateRunes().Take(SubjectNameGrams.SortLength).Select(r => r.ToString()));
}

public sealed class PublicSearchIndexTests_on_SQLite() : PublicSearchIndexTests(new SqliteTestDatabases());

public sealed class PublicSearchIndexTests_on_PostgreSQL(PostgresClusterFixture cluster) : PublicSearchIndexTests(new PostgresTestDatabases(cluster));
