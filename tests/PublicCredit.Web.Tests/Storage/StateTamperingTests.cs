using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicCredit.Access;
using PublicCredit.Data;
using PublicCredit.Inquiries;
using PublicCredit.Ledger;
using PublicCredit.Storage;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Designations;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>
/// docs/design.md#the-ledger-proves-the-state: the ledger proves the state, not only itself. A database administrator changes the state tables (or
/// the events) with straight SQL; `GET /api/v1/ledger/verification` and `pcredit ledger verify` name the first table,
/// row and field that disagree with the events (ADR 0032).
/// </summary>
public abstract class StateTamperingTests(ITestDatabases databases) : ServerTests(databases)
{
    private const string Organisation = DesignationBodies.Organisation;
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Each case: what the administrator runs, and the table and field verification must name (null: the chain breaks).</summary>
    public static TheoryData<string> Cases => new(Tampering.Keys);

    private static readonly Dictionary<string, (Func<Scenario, string> Sql, string? Table, string? Field)> Tampering = new()
    {
        ["edit a record's content"] = (_ => "UPDATE records SET content = '警告' WHERE document_number = '闽市监罚〔2026〕101号'", "records", "content"),
        ["extend a record's publicity for ever"] = (_ => "UPDATE records SET public_until = NULL WHERE document_number = '闽市监罚〔2026〕101号'", "records", "public_until"),
        ["set a designation's status to revoked"] = (_ => "UPDATE designations SET status = 'revoked'", "designations", "status"),
        ["move a designation's expiry"] = (_ => "UPDATE designations SET expires_at = effective_from", "designations", "expires_at"),
        ["delete an objection"] = (_ => "DELETE FROM objections", "objections", "id"),
        ["reject an objection in the table"] = (_ => "UPDATE objections SET status = 'rejected'", "objections", "status"),
        ["delete a restoration"] = (_ => "DELETE FROM restorations", "restorations", "id"),
        ["delete a statement"] = (_ => "DELETE FROM designation_statements", "designation_statements", "id"),
        ["delete a responsible person"] = (s => $"DELETE FROM responsible_persons WHERE resident_id = '{DesignationBodies.LegalRepresentative}'", "responsible_persons", "designation_id"),
        ["raise an API key's role"] = (_ => "UPDATE api_keys SET role = 'admin' WHERE role = 'checker'", "api_keys", "role"),
        ["move an API key to another department"] = (_ => "UPDATE api_keys SET department = 'ndrc' WHERE role = 'checker'", "api_keys", "department"),
        ["create an API key row with no event"] = (s =>
            $"INSERT INTO api_keys (id, lookup, secret_hash, name, role, department, created_at, created_by) " +
            $"SELECT {s.Uuid(Guid.NewGuid())}, 'forgedlookup1', secret_hash, 'forged', 'admin', department, created_at, created_by FROM api_keys WHERE role = 'checker'",
            "api_keys", "id"),
        ["revoke a key in the table without its event"] = (_ => "UPDATE api_keys SET revoked_at = created_at WHERE role = 'checker'", "api_keys", "revoked"),
        ["move a subject token to another subject"] = (_ => "UPDATE subject_tokens SET subject_id = '" + DesignationBodies.OtherOrganisation + "'", "subject_tokens", "subject_id"),
        ["insert a record row with no event"] = (s =>
            "INSERT INTO records (id, version, department, document_number, category, subject_id, subject_kind, subject_name, decision_date, severity, " +
            "legal_basis, facts, content, amount, legal_representative, public_until, published, late, submitted_at, recorded_at, recorded_by, reason, " +
            "content_hash, ledger_position, superseded_at, withdrawal_position, restored_at) " +
            $"SELECT {s.Uuid(Guid.NewGuid())}, version, department, '闽市监罚〔2026〕999号', category, subject_id, subject_kind, subject_name, decision_date, severity, " +
            "legal_basis, facts, content, amount, legal_representative, public_until, published, late, submitted_at, recorded_at, recorded_by, reason, " +
            "content_hash, ledger_position, superseded_at, withdrawal_position, restored_at FROM records WHERE document_number = '闽市监罚〔2026〕101号'",
            "records", "id"),
        ["delete the sealed inquiries"] = (_ => "DELETE FROM inquiries WHERE batch_id IN (SELECT id FROM inquiry_batches WHERE sealed_position IS NOT NULL)",
            "inquiries", "count"),
        ["change why an inquiry was made"] = (_ => "UPDATE inquiries SET purpose = 'audit'", "inquiries", "digest"),
        ["add a note to why an inquiry was made"] = (_ => "UPDATE inquiries SET note = '补记'", "inquiries", "digest"),
        ["insert an inquiry in no batch"] = (s =>
            "INSERT INTO inquiries (id, at, subject_id, department, role, actor, purpose, endpoint, returned) " +
            $"SELECT {s.Uuid(Guid.NewGuid())}, at, subject_id, department, role, actor, purpose, endpoint, returned FROM inquiries WHERE batch_id = {s.Uuid(s.SealedBatch)}",
            "inquiries", "batch_id"),
        ["delete a sealed inquiry batch with its inquiries"] = (s =>
            $"DELETE FROM inquiries WHERE batch_id = {s.Uuid(s.SealedBatch)}; DELETE FROM inquiry_batches WHERE id = {s.Uuid(s.SealedBatch)}",
            "inquiry_batches", "id"),
        ["delete inquiries and rewrite their sealed batch's count and digest"] = (s =>
            $"DELETE FROM inquiries WHERE batch_id = {s.Uuid(s.SealedBatch)}; UPDATE inquiry_batches SET count = 0, digest = '' WHERE id = {s.Uuid(s.SealedBatch)}",
            "inquiry_batches", "count"),
        ["edit an event's payload"] = (_ => "UPDATE ledger_events SET payload = replace(payload, 'samr', 'mof') WHERE position = 3", null, null),
        ["delete an event"] = (_ => "DELETE FROM ledger_events WHERE position = 4", null, null),
        ["reorder two events"] = (_ =>
            "UPDATE ledger_events SET position = -2 WHERE position = 2; UPDATE ledger_events SET position = 2 WHERE position = 3; " +
            "UPDATE ledger_events SET position = 3 WHERE position = -2", null, null),
    };

    [Fact]
    public async Task An_untouched_database_verifies_with_every_table_reconciled()
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);

        var verification = await scenario.VerifyAsync();

        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        var cli = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString);
        Assert.Equal((0, $"ok {verification.GetProperty("events").GetInt64()} events"), (cli.ExitCode, cli.Lines[0]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Tampering_with_the_database_is_detected_and_named(string tampering)
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);
        var (sql, table, field) = Tampering[tampering];

        await scenario.ExecuteAsync(sql(scenario));

        var verification = await scenario.VerifyAsync();
        Assert.False(verification.GetProperty("ok").GetBoolean(), $"{tampering} went unnoticed: {verification}");
        if (table is null)
        {
            Assert.Equal(JsonValueKind.Number, verification.GetProperty("brokenAt").ValueKind);
        }
        else
        {
            Assert.Equal((table, field), (verification.GetProperty("table").GetString(), verification.GetProperty("field").GetString()));
            Assert.False(string.IsNullOrEmpty(verification.GetProperty("row").GetString()));
        }

        var cli = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains(table ?? "broken at position", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_the_chain_from_an_event_to_the_head_with_recomputed_hashes_is_caught_by_the_signed_checkpoint()
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);
        var signed = await scenario.CheckpointAsync();

        await scenario.RewriteChainFromAsync(2);

        var unkeyed = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString);
        Assert.Equal(0, unkeyed.ExitCode); // the chain alone is self-consistent: only the key outside the database tells
        var verification = await scenario.VerifyAsync();
        Assert.False(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        // The first checkpoint at or after the rewritten event names it (the node's timer may have signed one before ours).
        Assert.InRange(verification.GetProperty("brokenAt").GetInt64(), 2, signed);
        Assert.Contains("rewritten", verification.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var keyed = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString, "--keys", scenario.KeysDirectory);
        Assert.Equal(1, keyed.ExitCode);
        Assert.Contains("rewritten", keyed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cutting_the_tail_and_moving_the_head_is_caught_by_the_signed_checkpoint()
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);
        var signed = await scenario.CheckpointAsync();

        await scenario.CutTailAfterAsync(signed - 3);

        var verification = await scenario.VerifyAsync();
        Assert.False(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        Assert.Contains("cut off", verification.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var keyed = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString, "--keys", scenario.KeysDirectory);
        Assert.Equal(1, keyed.ExitCode);
    }

    [Fact]
    public async Task A_forged_checkpoint_is_detected()
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);
        var signed = await scenario.CheckpointAsync();
        var checkpoints = new LedgerCheckpoints(scenario.KeysDirectory);
        var genuine = checkpoints.Last()!;
        // Someone without the private key signs a head of their own with a key of their own, under the node's key id.
        var forger = new LedgerCheckpoints(Path.Combine(Path.GetTempPath(), "pcredit-forger-" + Guid.NewGuid().ToString("N")));
        var forged = forger.Sign(signed, new string('a', 64), Server.Clock.GetUtcNow()) with { KeyId = genuine.KeyId };
        await File.AppendAllTextAsync(Path.Combine(scenario.KeysDirectory, LedgerCheckpoints.JournalFile), forged.ToLine() + "\n", Cancel);

        var verification = await scenario.VerifyAsync();

        Assert.False(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        Assert.Contains("forged", verification.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_key_rotation_old_checkpoints_keep_verifying_and_the_last_one_is_reported()
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);
        var first = await scenario.CheckpointAsync();
        var rotated = await CliRunner.RunAsync("ledger", "rotate-key", "--keys", scenario.KeysDirectory);
        Assert.Equal(0, rotated.ExitCode);
        _ = await Server.KeyAsync(Role.Checker, Departments.Sta);
        var second = await scenario.CheckpointAsync();

        var verification = await scenario.VerifyAsync();
        var cli = await CliRunner.RunAsync("ledger", "verify", "--db", Server.Database.ConnectionString, "--keys", scenario.KeysDirectory);

        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.ToString());
        var journal = new LedgerCheckpoints(scenario.KeysDirectory).Journal().OfType<LedgerCheckpoint>().ToList();
        Assert.Equal(2, journal.Where(c => c.Position == first || c.Position == second).Select(c => c.KeyId).Distinct().Count());
        Assert.Equal(second, verification.GetProperty("lastCheckpoint").GetProperty("position").GetInt64());
        Assert.Equal(0, cli.ExitCode);
        Assert.StartsWith($"last verified signed checkpoint: position {second} ", cli.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_signs_a_checkpoint_on_its_timer_once_the_head_moved()
    {
        await using var server = await RunningServer.RestartAsync(Server.Database, s => s with
        {
            Checkpoints = new CheckpointSchedule(EveryEvents: 2, MaxAge: TimeSpan.FromHours(1), Poll: TimeSpan.FromSeconds(1)),
        }, Cancel);
        var checkpoints = server.Services.GetRequiredService<LedgerCheckpoints>();
        var before = checkpoints.Journal().Count;
        _ = await server.KeyAsync(Role.Checker, Departments.Sta);
        _ = await server.KeyAsync(Role.Checker, Departments.Mof);

        for (var tries = 0; checkpoints.Journal().Count == before && tries < 200; tries++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, Cancel);
        }

        var last = Assert.IsType<LedgerCheckpoint>(checkpoints.Last());
        Assert.True(checkpoints.IsValid(last));
        Assert.True(last.Position >= 2, last.ToString());
    }

    [Fact]
    public async Task The_node_seals_new_inquiry_batches_on_its_timer_and_a_second_round_finds_nothing_to_seal()
    {
        await using var server = await RunningServer.RestartAsync(Server.Database, s => s with { InquirySealInterval = TimeSpan.FromSeconds(1) }, Cancel);
        using var checker = server.Client(await server.KeyAsync(Role.Checker, Departments.Mof));
        await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Organisation, ["matter"] = "government-procurement" }, HttpStatusCode.OK, Cancel);

        await using var db = StorageServices.CreateContext(server.Database);
        for (var tries = 0; await db.InquiryBatches.AnyAsync(b => b.SealedPosition == null, Cancel) && tries < 200; tries++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, Cancel);
        }

        var batch = await db.InquiryBatches.AsNoTracking().SingleAsync(Cancel);
        var seal = await db.LedgerEvents.AsNoTracking().SingleAsync(e => e.Type == SealInquiryBatches.EventType, Cancel);
        Assert.Equal(seal.Position, batch.SealedPosition);
        Assert.Contains(batch.Digest, seal.Payload, StringComparison.Ordinal);
        Assert.Equal(0, await server.Services.GetRequiredService<InquirySealer>().RunOnceAsync(Cancel));
    }

    [Fact]
    public async Task Inquiries_logged_before_batches_were_kept_are_adopted_by_the_first_seal_and_then_verify()
    {
        var scenario = await Scenario.BuildAsync(Server, Cancel);
        // A database from before this version: inquiries without batches, no seal in the ledger.
        await scenario.ExecuteAsync("UPDATE inquiries SET batch_id = NULL");
        await scenario.ExecuteAsync("DELETE FROM inquiry_batches");
        await scenario.ExecuteAsync($"DELETE FROM ledger_events WHERE type = '{SealInquiryBatches.EventType}'");
        // (The cut chain is beside the point here; only the state tables are read below.)

        Assert.True(await Server.Services.GetRequiredService<InquirySealer>().RunOnceAsync(Cancel) > 0);

        await using var db = StorageServices.CreateContext(Server.Database);
        Assert.False(await db.Inquiries.AnyAsync(i => i.BatchId == null, Cancel));
        var adopted = await db.InquiryBatches.SingleAsync(Cancel);
        Assert.Equal(await db.Inquiries.CountAsync(Cancel), adopted.Count);
        Assert.Equal(adopted.Digest, InquiryDigest.Of(await db.Inquiries.ToListAsync(Cancel)));
        Assert.NotNull(adopted.SealedPosition);
    }

    /// <summary>
    /// The state every case starts from, made over HTTP: SAMR records two penalties, designates the organisation (with
    /// two responsible persons), the subject states its case and SAMR decides; the subject objects to one penalty and,
    /// once the minimum publicity has passed, applies to restore the other; a checker's and an auditor's keys exist.
    /// </summary>
    internal sealed class Scenario
    {
        private readonly RunningServer server;
        private readonly CancellationToken cancel;
        private string auditorKey = "";

        private Scenario(RunningServer server, CancellationToken cancel) => (this.server, this.cancel) = (server, cancel);

        public static async Task<Scenario> BuildAsync(RunningServer server, CancellationToken cancel)
        {
            var scenario = new Scenario(server, cancel);
            await scenario.BuildAsync();
            return scenario;
        }

        private async Task BuildAsync()
        {
            using var recorder = server.Client(await server.KeyAsync(Role.Recorder, Departments.Samr));
            using var reviewer = server.Client(await server.KeyAsync(Role.Reviewer, Departments.Samr));
            auditorKey = await server.KeyAsync(Role.Auditor, Departments.Ndrc);
            var checkerKey = await server.KeyAsync(Role.Checker, Departments.Mof);
            using var subject = server.Client(await server.SubjectTokenAsync(Organisation));

            var objected = (await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty("闽市监罚〔2026〕101号"), HttpStatusCode.Created, cancel))
                .GetProperty("id").GetGuid();
            var restored = (await recorder.PostExpectAsync("/api/v1/records", RecordBodies.Penalty("闽市监罚〔2026〕102号"), HttpStatusCode.Created, cancel))
                .GetProperty("id").GetGuid();
            var designation = (await recorder.PostExpectAsync("/api/v1/designations", DesignationBodies.MarketDesignation(), HttpStatusCode.Created, cancel))
                .GetProperty("id").GetGuid();
            await subject.PostExpectAsync($"/api/v1/designations/{designation}/statements", DesignationBodies.Statement(), HttpStatusCode.Created, cancel);
            await reviewer.PostExpectAsync($"/api/v1/designations/{designation}/decide", DesignationBodies.Decision(), HttpStatusCode.OK, cancel);
            await subject.PostExpectAsync("/api/v1/objections", new JsonObject
            {
                ["target"] = new JsonObject { ["recordId"] = objected.ToString() },
                ["grounds"] = "处罚所依据的事实有误。",
            }, HttpStatusCode.Created, cancel);

            // The general penalty may be restored three months after its decision (earliest 2027-02-20).
            server.Clock.Advance(new DateTimeOffset(2027, 3, 1, 10, 0, 0, China) - server.Clock.GetUtcNow());
            using var later = server.Client(await server.SubjectTokenAsync(Organisation));
            await later.PostExpectAsync("/api/v1/restorations", new JsonObject
            {
                ["target"] = new JsonObject { ["recordId"] = restored.ToString() },
                ["commitment"] = true,
                ["evidence"] = "已履行行政处罚决定并完成整改。",
            }, HttpStatusCode.Created, cancel);

            // Checks leave inquiries: one batch sealed in the ledger, and one written after the seal.
            using var checker = server.Client(checkerKey);
            await CheckAsync(checker);
            Assert.True(await server.Services.GetRequiredService<InquirySealer>().RunOnceAsync(cancel) > 0, "nothing to seal");
            await using (var db = StorageServices.CreateContext(server.Database))
            {
                SealedBatch = (await db.InquiryBatches.FirstAsync(b => b.SealedPosition != null, cancel)).Id;
            }

            await CheckAsync(checker);
        }

        private async Task CheckAsync(HttpClient checker) =>
            await checker.PostExpectAsync("/api/v1/checks", new JsonObject { ["subject"] = Organisation, ["matter"] = "government-procurement" }, HttpStatusCode.OK, cancel);

        /// <summary>An inquiry batch the ledger has sealed.</summary>
        public Guid SealedBatch { get; private set; }

        /// <summary>A UUID literal as the provider's SQL takes it (EF stores them as upper-case text on SQLite).</summary>
        public string Uuid(Guid id) => server.Database.Provider == DatabaseProvider.Sqlite
            ? $"'{id.ToString().ToUpperInvariant()}'"
            : $"'{id}'::uuid";

        public async Task ExecuteAsync(string sql)
        {
            await using var db = StorageServices.CreateContext(server.Database);
#pragma warning disable EF1002 // the test plays a database administrator: constant SQL, on purpose
            await db.Database.ExecuteSqlRawAsync(sql, cancel);
#pragma warning restore EF1002
        }

        public string KeysDirectory => server.Services.GetRequiredService<LedgerCheckpoints>().Directory;

        /// <summary>Signs the head on demand, as an operator does with `pcredit ledger checkpoint`; returns the signed position.</summary>
        public async Task<long> CheckpointAsync()
        {
            var signed = await CliRunner.RunAsync("ledger", "checkpoint", "--db", server.Database.ConnectionString, "--keys", KeysDirectory);
            Assert.True(signed.ExitCode == 0, signed.Output + signed.Error);
            return new LedgerCheckpoints(KeysDirectory).Last()!.Position;
        }

        /// <summary>The administrator edits event <paramref name="from"/> and recomputes every hash after it, and the head.</summary>
        public async Task RewriteChainFromAsync(long from)
        {
            await using var db = StorageServices.CreateContext(server.Database);
            var events = await db.LedgerEvents.Where(e => e.Position >= from).OrderBy(e => e.Position).ToListAsync(cancel);
            events[0].Actor = "someone-else";
            var previous = events[0].PreviousHash;
            foreach (var row in events)
            {
                row.PreviousHash = previous;
                row.Hash = LedgerChain.ComputeHash(previous, row.Content);
                previous = row.Hash;
            }

            var head = await db.LedgerHead.SingleAsync(cancel);
            head.Hash = previous;
            await db.SaveChangesAsync(cancel);
        }

        /// <summary>The administrator deletes the events after <paramref name="position"/> and points the head at it.</summary>
        public async Task CutTailAfterAsync(long position)
        {
            await using var db = StorageServices.CreateContext(server.Database);
            var last = await db.LedgerEvents.AsNoTracking().SingleAsync(e => e.Position == position, cancel);
            await db.LedgerEvents.Where(e => e.Position > position).ExecuteDeleteAsync(cancel);
            var head = await db.LedgerHead.SingleAsync(cancel);
            head.Position = position;
            head.Hash = last.Hash;
            await db.SaveChangesAsync(cancel);
        }

        public async Task<JsonElement> VerifyAsync()
        {
            using var auditor = server.Client(auditorKey);
            return await auditor.GetJsonAsync("/api/v1/ledger/verification", cancel);
        }
    }
}

public sealed class StateTamperingTests_on_SQLite() : StateTamperingTests(new SqliteTestDatabases());

public sealed class StateTamperingTests_on_PostgreSQL(PostgresClusterFixture cluster) : StateTamperingTests(new PostgresTestDatabases(cluster));

/// <summary>ADR 0032: no state table can be forgotten — each has a reconciler or a stated reason it is not ledgered.</summary>
public sealed class StateReconcilerCoverageTests
{
    [Fact]
    public async Task Every_table_of_the_model_is_reconciled_with_the_ledger_or_says_why_not()
    {
        var target = await new SqliteTestDatabases().CreateAsync(TestContext.Current.CancellationToken);
        await using var db = StorageServices.CreateContext(target);
        var reconciled = StateReconcilers.Create().Select(r => r.Table).ToList();

        var tables = db.Model.GetEntityTypes().Where(e => !e.IsOwned()).Select(e => e.ClrType).ToList();

        Assert.Equal(reconciled.Count, reconciled.Distinct().Count());
        Assert.Empty(reconciled.Intersect(StateReconcilers.NotLedgered.Keys));
        Assert.Empty(tables.Where(t => !reconciled.Contains(t) && !StateReconcilers.NotLedgered.ContainsKey(t)).Select(t => t.Name));
        Assert.Empty(reconciled.Concat(StateReconcilers.NotLedgered.Keys).Where(t => !tables.Contains(t)).Select(t => t.Name));
        Assert.All(StateReconcilers.NotLedgered.Values, reason => Assert.True(reason.Length > 20, reason));
    }
}
