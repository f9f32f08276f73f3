using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Import;

/// <summary>
/// The import's bulk write path (ADR 0011) stores exactly what the API's change-tracker path stores: the same chunks
/// submitted both ways to two fresh databases give the same outcomes and, column by column as the database returns
/// them, the same records, subjects and ledger events — only the random ids differ, in value but not in form.
/// </summary>
public abstract class BulkPathTests(ITestDatabases databases)
{
    private const string Organisation = "91350100M000100Y43";
    private const string OtherOrganisation = "91110108551385082Q";
    private const string Person = "11010519491231002X";

    private static readonly CreditCatalog Catalog = CatalogLoader.Load(RepositoryPaths.Catalog).GetCatalogOrThrow();

    private static readonly Caller Recorder = Caller.Staff("import:records.csv", Role.Recorder, "samr");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static RecordInput Penalty(string number, string subject = Organisation, string name = "福州示例食品有限公司", string decided = "2026-11-20",
        string? severity = "general", string? amount = "12.5", string? publicUntil = null, string category = "administrative-penalty") => new()
        {
            Category = category,
            SubjectId = subject,
            SubjectName = name,
            DocumentNumber = number,
            DecisionDate = decided,
            Severity = severity,
            LegalBasis = "《中华人民共和国食品安全法》第一百二十四条",
            Facts = severity is null ? null : "生产经营超范围使用食品添加剂的食品",
            Content = "罚款",
            Amount = amount,
            LegalRepresentative = subject == Person ? null : "张三",
            PublicUntil = publicUntil,
        };

    /// <summary>Every kind of row the write path meets: published or not, late or not, ended before written, renamed subjects, duplicates, conflicts, invalid items.</summary>
    private static readonly RecordInput[][] Chunks =
    [
        [
            Penalty("A1"),
            Penalty("A2", severity: "serious", amount: "12345.678901", decided: "2025-01-10"),
            Penalty("A3", severity: "minor", amount: null),
            Penalty("A4", subject: Person, name: "李四"),
            Penalty("A5", decided: "2025-01-10", publicUntil: "2025-06-30"),
            Penalty("A6", category: "administrative-licensing", severity: null, amount: null),
            Penalty("A7", name: "福州示例食品有限公司（更名）"),
            Penalty("A1"),
            Penalty("A1", amount: "13"),
            Penalty("A9", category: "no-such-category"),
        ],
        [
            Penalty("A1"),
            Penalty("A2", amount: "1"),
            Penalty("B1", name: "福州示例食品股份有限公司"),
            Penalty("B2", subject: OtherOrganisation, name: "北京示例科技有限公司", amount: "0.000001"),
        ],
    ];

    [Fact]
    public async Task The_bulk_path_stores_the_same_rows_as_the_change_tracker_path()
    {
        var viaTracker = await databases.CreateAsync(Cancel);
        var viaBulk = await databases.CreateAsync(Cancel);

        var trackerOutcomes = await SubmitAsync(viaTracker, bulk: false);
        var bulkOutcomes = await SubmitAsync(viaBulk, bulk: true);

        Assert.Equal(
            trackerOutcomes.Select(o => (o.Index, o.Status, Codes: string.Join(' ', (o.Errors ?? []).Select(e => e.Code)))),
            bulkOutcomes.Select(o => (o.Index, o.Status, Codes: string.Join(' ', (o.Errors ?? []).Select(e => e.Code)))));
        Assert.Equal(9, trackerOutcomes.Count(o => o.Status == SubmissionStatus.Created));
        foreach (var (table, order, random) in new[]
        {
            ("records", "document_number, version", new[] { "id" }),
            ("subjects", "subject_id", ["public_id"]),
            // The search index's triggers (row-wise on SQLite, per statement on PostgreSQL) see both paths alike.
            ("subject_name_grams", "subject_id, gram", ["public_id"]),
            ("ledger_events", "position", ["payload", "previous_hash", "hash"]),
            ("ledger_head", "id", ["hash"]),
        })
        {
            var expected = await RowsAsync(viaTracker, table, order);
            var actual = await RowsAsync(viaBulk, table, order);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                foreach (var (column, value) in expected[i])
                {
                    var other = actual[i][column];
                    if (random.Contains(column))
                    {
                        Assert.Equal(Form(value), Form(other));
                    }
                    else
                    {
                        Assert.True(Equals(value, other), $"{table} row {i} column {column}: {Show(value)} via the change tracker, {Show(other)} via the bulk path");
                    }
                }
            }
        }

        foreach (var target in new[] { viaTracker, viaBulk })
        {
            var verify = await CliRunner.RunAsync("ledger", "verify", "--db", target.ConnectionString);
            Assert.Equal(0, verify.ExitCode);
            Assert.StartsWith("ok ", verify.Lines[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bulk_chunk_whose_write_fails_leaves_nothing_of_itself_behind()
    {
        var target = await databases.CreateAsync(Cancel);
        await SubmitAsync(target, bulk: true);
        var before = await CountsAsync(target);

        // Break the write inside the transaction: a record row that violates the current-document index.
        await using var db = StorageServices.CreateContext(target);
        var bulk = StorageServices.CreateBulkInsert(target);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
        var existing = await db.Records.AsNoTracking().FirstAsync(r => r.DocumentNumber == "A1", Cancel);
        await using (var transaction = await db.Database.BeginTransactionAsync(Cancel))
        {
            await new AppendToLedger(db, clock).AppendAsync(new LedgerEntry("records-created", "test", "samr", null, new { count = 1 }), Cancel);
            await db.SaveChangesAsync(Cancel);
            existing.Id = Guid.CreateVersion7();
            await Assert.ThrowsAnyAsync<DbException>(() => bulk.InsertAsync(db, [existing], Cancel));
        }

        Assert.Equal(before, await CountsAsync(target));
    }

    private static async Task<List<SubmissionOutcome>> SubmitAsync(DatabaseTarget target, bool bulk)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var db = bulk ? StorageServices.CreateBulkContext(target) : StorageServices.CreateContext(target);
        var submit = new SubmitRecords(db, new AppendToLedger(db, clock), new RecordValidator(Catalog), Catalog, clock);
        var writer = new RecordChunkWriter(db, new AppendToLedger(db, clock), new RecordValidator(Catalog), Catalog, clock, StorageServices.CreateBulkInsert(target));
        var outcomes = new List<SubmissionOutcome>();
        foreach (var chunk in Chunks)
        {
            if (bulk)
            {
                await using var written = await writer.WriteAsync(Recorder, writer.Validate(Recorder, chunk), Cancel);
                await written.CommitAsync(cancellationToken: Cancel);
                outcomes.AddRange(written.Outcomes);
            }
            else
            {
                outcomes.AddRange(await submit.RunAsync(Recorder, chunk, Cancel));
            }

            clock.Advance(TimeSpan.FromMinutes(1));
        }

        return outcomes;
    }

    private static async Task<(int Records, int Subjects, int Events)> CountsAsync(DatabaseTarget target)
    {
        await using var db = StorageServices.CreateContext(target);
        return (await db.Records.CountAsync(Cancel), await db.Subjects.CountAsync(Cancel), await db.LedgerEvents.CountAsync(Cancel));
    }

    /// <summary>Every column as the database returns it (on SQLite its storage class: text, integer, real).</summary>
    private static async Task<List<Dictionary<string, object?>>> RowsAsync(DatabaseTarget target, string table, string order)
    {
        await using var db = StorageServices.CreateContext(target);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table and order are the test's own constants
        command.CommandText = $"SELECT * FROM {table} ORDER BY {order}";
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(
                reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i), StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>What a random value must share across the two paths: its stored type, length and letter case.</summary>
    private static string Form(object? value) => value switch
    {
        null => "null",
        string text => $"string/{text.Length}/{Case(text)}",
        _ => value.GetType().Name,
    };

    private static string Case(string text) =>
        text.Any(char.IsLower) ? (text.Any(char.IsUpper) ? "mixed" : "lower") : "upper";

    private static string Show(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}

public sealed class BulkPathTests_on_SQLite() : BulkPathTests(new SqliteTestDatabases());

public sealed class BulkPathTests_on_PostgreSQL(PostgresClusterFixture cluster) : BulkPathTests(new PostgresTestDatabases(cluster));
