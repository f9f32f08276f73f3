using System.Reflection;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Core.Tests.Demo;
using PublicCredit.Core.Tests.Records;
using PublicCredit.Changes;
using PublicCredit.Checks;
using PublicCredit.Designations;
using PublicCredit.Ledger;
using PublicCredit.Objections;
using PublicCredit.Records;
using PublicCredit.Reports;
using PublicCredit.Restorations;

namespace PublicCredit.Core.Tests.Ledger;

/// <summary>
/// The ledger event registry (ADR 0040): each typed event writes byte for byte the payload its untyped predecessor
/// wrote (the chain hashes that text, and old rows must keep verifying), and every registered type has a feed
/// decision, a verifier rule and its line in docs/ledger.md.
/// </summary>
public class LedgerEventRegistryTests
{
    private static readonly Guid A = Guid.Parse("0191f0a0-0000-7000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("0191f0a0-0000-7000-8000-000000000002");
    private static readonly Guid C = Guid.Parse("0191f0a0-0000-7000-8000-000000000003");
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static RecordRow Row(NegativeGrade? severity = NegativeGrade.Serious, bool? late = false) => new()
    {
        Id = A,
        Version = 2,
        Department = "samr",
        DocumentNumber = "市监罚〔2026〕1号",
        Category = "admin-penalty",
        SubjectId = RecordSamples.OrganisationId,
        SubjectName = "某公司",
        LegalBasis = "法",
        RecordedBy = "key:x",
        ContentHash = new string('a', 64),
        DecisionDate = Day,
        PublicUntil = Day.AddYears(1),
        Published = true,
        Late = late,
        Severity = severity,
    };

    /// <summary>Each typed event beside the anonymous object or dictionary the use case wrote before it was typed.</summary>
    public static TheoryData<string, object, object> TypedAndBefore()
    {
        var row = Row();
        var data = new TheoryData<string, object, object>
        {
            { "report-issued", new ReportIssued("ABCD", "s1", 42, "ff"), new { code = "ABCD", subject = "s1", dataVersion = 42L, sha256 = "ff" } },
            { "subject-token-revoked", new SubjectTokenRevoked(A, "lk", At), new { tokenId = A, lookup = "lk", revokedAt = At } },
            { "subject-token-issued", new SubjectTokenIssued(A, "lk", At, "operator", null), new { tokenId = A, lookup = "lk", expiresAt = At, origin = "operator" } },
            {
                "subject-token-issued (activation)", new SubjectTokenIssued(A, "lk", At, "activation", B),
                new { tokenId = A, lookup = "lk", expiresAt = At, origin = "activation", activationCodeId = B }
            },
            {
                "api-key-created", new ApiKeyCreated(A, "lk", "recorder", "名", At, null),
                new { keyId = A, lookup = "lk", role = "recorder", name = "名", expiresAt = (DateTimeOffset?)At }
            },
            {
                "api-key-created (rotated)", new ApiKeyCreated(A, "lk", "recorder", "n", null, B),
                new { keyId = A, lookup = "lk", role = "recorder", name = "n", expiresAt = (DateTimeOffset?)null, rotatedFrom = B }
            },
            { "api-key-revoked", new ApiKeyRevoked(A, "lk", "admin", At, null), new { keyId = A, lookup = "lk", role = "admin", revokedAt = At } },
            {
                "api-key-revoked (replaced)", new ApiKeyRevoked(A, "lk", "admin", At, B),
                new { keyId = A, lookup = "lk", role = "admin", revokedAt = At, replacedBy = B }
            },
            { "subject-activation-code-issued", new ActivationCodeIssued(A, B, At), new { codeId = A, designationId = B, expiresAt = At } },
            {
                "subject-activation-code-redeemed", new ActivationCodeRedeemed(A, null, C),
                new { codeId = A, designationId = (Guid?)null, tokenId = C }
            },
            {
                "catalog-activated", new CatalogActivated("2026.1", "hh", 3, 4, 5, 6),
                new { version = "2026.1", contentHash = "hh", categories = 3, listTypes = 4, measures = 5, memoranda = 6 }
            },
            {
                "check-feedback", new CheckFeedbackGiven(A, B, "m", null, true, "nn"),
                new { id = A, checkId = B, measure = "m", memorandum = (string?)null, applied = true, noteSha256 = "nn" }
            },
            { "record-created", RecordCreated.Of(row), SubmitRecords.EventPayload(row) },
            { "record-created (no severity)", RecordCreated.Of(Row(null, null)), SubmitRecords.EventPayload(Row(null, null)) },
            {
                "record-corrected", new RecordCorrected(A, 1, 2, "更正", "pp", RecordCreated.Of(row)),
                new { id = A, fromVersion = 1, toVersion = 2, reason = "更正", previousContentHash = "pp", record = SubmitRecords.EventPayload(row) }
            },
            { "record-withdrawn", new RecordWithdrawn(A, 2, Day), new { id = A, version = 2, publicUntil = (DateOnly?)Day } },
            {
                "records-withdrawn", new RecordsWithdrawn(2, [new RecordWithdrawn(A, 1, Day), new RecordWithdrawn(B, 3, null)]),
                new
                {
                    count = 2,
                    records = new[] { new { id = A, version = 1, publicUntil = (DateOnly?)Day }, new { id = B, version = 3, publicUntil = (DateOnly?)null } },
                }
            },
            {
                "restoration-submitted", new RestorationSubmitted(A, B, null, true, null, Day, Day, Day.AddDays(5)),
                new
                {
                    restorationId = A, designationId = (Guid?)B, recordId = (Guid?)null, commitment = true, evidenceSha256 = (string?)null,
                    earliestRestoration = Day, acceptBy = Day, decideBy = Day.AddDays(5),
                }
            },
            {
                "designation-noticed", new DesignationNoticed(A, "dishonest", null, "noticed", "通知1号", "ns", Day, 10, "organisation", ["m1", "m2"], 2, B),
                new Dictionary<string, object?>
                {
                    ["designationId"] = A, ["listType"] = "dishonest", ["from"] = null, ["to"] = "noticed", ["document"] = "通知1号",
                    ["noticeSha256"] = "ns", ["objectionDeadline"] = Day, ["objectionWindowWorkingDays"] = 10, ["subjectKind"] = "organisation",
                    ["measures"] = new List<string> { "m1", "m2" }, ["responsiblePersons"] = 2, ["activationCodeId"] = B,
                }
            },
            {
                "designation-effective", new DesignationTransition(A, "dishonest", "noticed", "effective", "决定1号", "rs")
                {
                    Details = new Dictionary<string, object?> { ["effectiveFrom"] = At, ["term"] = "P3Y", ["statementFiled"] = false },
                },
                new Dictionary<string, object?>
                {
                    ["designationId"] = A, ["listType"] = "dishonest", ["from"] = "noticed", ["to"] = "effective", ["document"] = "决定1号",
                    ["reasonsSha256"] = "rs", ["effectiveFrom"] = At, ["term"] = "P3Y", ["statementFiled"] = false,
                }
            },
            {
                "restoration step", new RestorationStepTaken(A, null, B, "accept", true, null, false),
                new Dictionary<string, object?>
                {
                    ["restorationId"] = A, ["designationId"] = null, ["recordId"] = B, ["step"] = "accept", ["outcome"] = true,
                    ["reasonsSha256"] = null, ["late"] = false,
                }
            },
            {
                "record-restored", new RestorationStepTaken(A, null, B, "decide", true, "rs", true, 3),
                new Dictionary<string, object?>
                {
                    ["restorationId"] = A, ["designationId"] = null, ["recordId"] = B, ["step"] = "decide", ["outcome"] = true,
                    ["reasonsSha256"] = "rs", ["late"] = true, ["version"] = 3,
                }
            },
            {
                "objection-upheld (record)", new ObjectionOnRecord(A, B, 2, "suspended", "withdrawn", true)
                {
                    Details = new Dictionary<string, object?> { ["reasonsSha256"] = "rs" },
                },
                new Dictionary<string, object?>
                {
                    ["objectionId"] = A, ["recordId"] = B, ["version"] = 2, ["from"] = "suspended", ["to"] = "withdrawn", ["public"] = true,
                    ["reasonsSha256"] = "rs",
                }
            },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(TypedAndBefore))]
    public void A_typed_event_stores_exactly_the_payload_text_written_before_it_was_typed(string name, object typed, object before)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(CanonicalJson.Serialize(before), CanonicalJson.Serialize(typed));
    }

    [Fact]
    public void A_chunk_of_records_is_stored_as_the_text_of_its_typed_event()
    {
        var rows = new[] { Row(), Row() };
        rows[1].Id = B;
        var typed = new RecordsCreated(2, [.. rows.Select(r => new ChunkRecord(r.Id, r.ContentHash))]);

        Assert.Equal(SubmitRecords.ChunkPayload(rows).Json, CanonicalJson.Serialize(typed));
    }

    [Fact]
    public void Every_registered_event_has_one_name_a_feed_decision_and_a_verifier_rule()
    {
        var feedItems = typeof(ChangeTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var reconciled = StateReconcilers.Create().Select(r => r.Table).ToHashSet();
        Assert.Equal(LedgerEvents.All.Count, LedgerEvents.All.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var e in LedgerEvents.All)
        {
            // In the feed with the item types it yields, or out of it for a stated reason — never undecided.
            Assert.True(e.InFeed != !string.IsNullOrWhiteSpace(e.NotInFeedBecause), $"{e.Name}: feed mapping undecided");
            Assert.All(e.FeedItems, item => Assert.Contains(item, feedItems));

            // Proved by the reconcilers of named tables, or by the chain alone for a stated reason.
            Assert.True(e.ProvedBy.Count > 0 != !string.IsNullOrWhiteSpace(e.NotReconciledBecause), $"{e.Name}: verifier rule undecided");
            Assert.All(e.ProvedBy, table => Assert.Contains(table, reconciled));
            Assert.NotEmpty(e.Payloads);
        }
    }

    [Fact]
    public void Every_typed_event_of_the_code_is_registered_under_the_name_it_declares()
    {
        var typed = typeof(ILedgerEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(ILedgerEvent).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(typed);
        foreach (var type in typed)
        {
            var registered = LedgerEvents.All.Where(e => e.Payloads.Contains(type)).ToList();
            Assert.True(registered.Count > 0, $"{type.Name} is a ledger event type with no registry entry");
            if (type.GetField("EventType", BindingFlags.Public | BindingFlags.Static) is { } declared)
            {
                Assert.Equal((string)declared.GetRawConstantValue()!, LedgerEvents.NameOf(type));
            }
        }
    }

    /// <summary>
    /// An event name spelled in the source — a typed event's <c>EventType</c>, or a constant of an <c>…Events</c> class —
    /// is registered: an event appended under a name the registry lacks has no feed decision, verifier rule or docs line.
    /// </summary>
    [Fact]
    public void Every_event_name_the_source_declares_is_registered()
    {
        var src = Path.Combine(DemoCatalog.RepositoryRoot(), "src");
        var declared = new List<(string File, string Name)>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text,
                         """(?:const string \w*Event\w* = "([a-z0-9-]+)";)"""))
            {
                declared.Add((Path.GetFileName(file), m.Groups[1].Value));
            }

            foreach (System.Text.RegularExpressions.Match events in System.Text.RegularExpressions.Regex.Matches(text,
                         """static class \w+Events\s*\{(?<body>[^}]*)\}"""))
            {
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(events.Groups["body"].Value,
                             """const string \w+ = "([a-z0-9-]+)";"""))
                {
                    declared.Add((Path.GetFileName(file), m.Groups[1].Value));
                }
            }
        }

        Assert.True(declared.Count >= 20, $"only {declared.Count} event names found in the source");
        var missing = declared.Where(d => LedgerEvents.Named(d.Name) is null).Select(d => $"{d.File}: {d.Name}").ToList();
        Assert.True(missing.Count == 0, "event names the registry lacks:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_changes_feed_reads_the_events_the_registry_maps()
    {
        Assert.Equal(
            ["designation-confirmed", "designation-effective", "designation-expired", "designation-removed", "designation-restored", "designation-revoked",
                "designation-suspended-by-conflict", "objection-filed", "objection-rejected",
                "objection-suspended", "objection-upheld", "record-corrected", "record-created", "record-restored", "record-withdrawn",
                "records-created", "records-withdrawn"],
            LedgerEvents.FeedSources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Docs_ledger_lists_every_registered_event_as_the_registry_describes_it()
    {
        const string Begin = "<!-- ledger-events:begin -->";
        const string End = "<!-- ledger-events:end -->";
        var path = Path.Combine(DemoCatalog.RepositoryRoot(), "docs", "ledger.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var expected = LedgerEvents.DocsTable();
        var (from, to) = (text.IndexOf(Begin, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        var current = from >= 0 && to > from ? text[(from + Begin.Length)..to].Trim('\n') + "\n" : null;
        if (current != expected && Environment.GetEnvironmentVariable("PCREDIT_WRITE_DOCS") == "1" && from >= 0 && to > from)
        {
            File.WriteAllText(path, text[..(from + Begin.Length)] + "\n" + expected + text[to..]);
            return;
        }

        Assert.True(current == expected,
            $"docs/ledger.md: the table between {Begin} and {End} differs from the registry (PCREDIT_WRITE_DOCS=1 rewrites it). Expected:\n{expected}");
    }
}
