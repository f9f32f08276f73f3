using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PublicCredit.Access;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Subjects;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Import;

/// <summary>`pcredit import` (docs/api.md#command-line): exact counts, a usable rejection file, idempotent and resumable.</summary>
public abstract class ImportTests(ITestDatabases databases)
{
    private const string Header = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil";

    private static readonly CreditCatalog Catalog = CatalogLoader.Load(RepositoryPaths.Catalog).GetCatalogOrThrow();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));

    private static string Row(string documentNumber, string subjectId = "91350100M000100Y43", string decisionDate = "2026-10-09",
        string severity = "general", string category = "administrative-penalty", string publicUntil = "", string facts = "未按规定公示年度报告",
        string subjectName = "福州某某科技有限公司") =>
        $"{category},{subjectId},{subjectName},{documentNumber},{decisionDate},{severity},《企业信息公示暂行条例》第八条,{facts},罚款,1.5,张三,{publicUntil}";

    private static string WriteFile(string text, string extension = ".csv")
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pcredit-import-").FullName, "records" + extension);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Imports as the CLI does: one context, the real use cases, the department `samr`.</summary>
    private async Task<ImportSummary> ImportAsync(
        DatabaseTarget target, string path, int chunk = SubmitRecords.MaxChunk, IProgress<ImportProgress>? progress = null, CancellationToken? cancel = null,
        int knownSubjects = KnownSubjects.DefaultCapacity)
    {
        await using var db = StorageServices.CreateBulkContext(target);
        var writer = new RecordChunkWriter(db, new AppendToLedger(db, clock), new RecordValidator(Catalog), Catalog, clock, StorageServices.CreateBulkInsert(target))
        {
            KnownSubjectsCapacity = knownSubjects,
        };
        var format = path.EndsWith(".ndjson", StringComparison.Ordinal) ? ImportFormat.Ndjson : ImportFormat.Csv;
        await using var import = new ImportPipeline(db, writer, Catalog, clock);
        return await import.RunAsync(new ImportRequest(path, format, "samr", chunk), progress, cancel ?? Cancel);
    }

    private static async Task<int> CurrentRecordsAsync(DatabaseTarget target)
    {
        await using var db = StorageServices.CreateContext(target);
        return await db.Records.Current().CountAsync(Cancel);
    }

    [Fact]
    public async Task Good_and_bad_rows_give_exact_counts_and_a_rejection_file_naming_row_field_and_code()
    {
        var target = await databases.CreateAsync(Cancel);
        var path = WriteFile(string.Join('\n',
            Header,
            Row("A1"),
            Row("A2", category: "no-such-category"),
            Row("A3", subjectId: "91350100M000100Y44"),
            Row(""),
            Row("A5", decisionDate: "2027-01-01"),
            Row("A6", publicUntil: "2030-01-01"),
            Row("A7"),
            "") );

        var summary = await ImportAsync(target, path);

        Assert.Equal((2L, 0L, 5L), (summary.Created, summary.Unchanged, summary.Rejected));
        var rejected = await File.ReadAllLinesAsync(summary.RejectionFile, Cancel);
        Assert.Equal(ImportPipeline.RejectionHeader, rejected[0]);
        Assert.Contains("3,A2,category,record-unknown-category,", rejected[1], StringComparison.Ordinal);
        Assert.Contains(rejected, l => l.StartsWith("4,A3,subject.id,subject-id-invalid,", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.StartsWith("5,,documentNumber,record-document-number-missing,", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.StartsWith("6,A5,decisionDate,record-decision-date-in-future,", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.StartsWith("7,A6,publicUntil,record-public-until-too-late,", StringComparison.Ordinal));
        Assert.Equal(2, await CurrentRecordsAsync(target));
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_changes_nothing()
    {
        var target = await databases.CreateAsync(Cancel);
        var path = WriteFile(string.Join('\n', Header, Row("B1"), Row("B2"), Row("B3", category: "nope"), ""));
        await ImportAsync(target, path);
        await using var db = StorageServices.CreateContext(target);
        var events = await db.LedgerEvents.CountAsync(Cancel);

        var again = await ImportAsync(target, path);

        Assert.Equal((0L, 2L, 1L), (again.Created, again.Unchanged, again.Rejected));
        Assert.Equal(events, await db.LedgerEvents.CountAsync(Cancel));
        Assert.Equal(2, await CurrentRecordsAsync(target));
    }

    [Fact]
    public async Task Duplicate_rows_in_one_file_are_recorded_once_and_a_differing_duplicate_is_rejected()
    {
        var target = await databases.CreateAsync(Cancel);
        // chunk of 2: C1 twice in one chunk, and again (different) in the next chunk
        var path = WriteFile(string.Join('\n', Header, Row("C1"), Row("C1"), Row("C2"), Row("C1", facts: "另一事实"), ""));

        var summary = await ImportAsync(target, path, chunk: 2);

        Assert.Equal((2L, 1L, 1L), (summary.Created, summary.Unchanged, summary.Rejected));
        var rejected = await File.ReadAllLinesAsync(summary.RejectionFile, Cancel);
        Assert.StartsWith("5,C1,documentNumber,record-conflict,", rejected[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_load_still_finds_the_numbers_it_created_in_earlier_chunks()
    {
        // Into a department with no records, numbers not created by the run are not looked up (ADR 0024 §9); the ones
        // it created still are: the same row again is unchanged, the same number with other facts a conflict.
        var target = await databases.CreateAsync(Cancel);
        var path = WriteFile(string.Join('\n', Header, Row("D1"), Row("D2"), Row("D3"), Row("D4"), Row("D1"), Row("D3", facts: "另一事实"), Row("D5"), ""));

        var summary = await ImportAsync(target, path, chunk: 2);

        Assert.Equal((5L, 1L, 1L), (summary.Created, summary.Unchanged, summary.Rejected));
        var rejected = await File.ReadAllLinesAsync(summary.RejectionFile, Cancel);
        Assert.StartsWith("7,D3,documentNumber,record-conflict,", rejected[1], StringComparison.Ordinal);
        Assert.Equal(5, await CurrentRecordsAsync(target));
    }

    [Fact]
    public async Task Rows_that_cannot_be_read_are_rejected_and_the_rest_of_the_file_is_imported()
    {
        var target = await databases.CreateAsync(Cancel);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes($"{Header}\n{Row("D1")}\n{Row("D2", facts: new string('长', 20 * 1024 * 1024))}\n"));
        var broken = Encoding.UTF8.GetBytes(Row("D3"));
        broken[40] = 0xFF;
        bytes.AddRange(broken);
        bytes.AddRange(Encoding.UTF8.GetBytes($"\n{Row("D4")}\n"));
        var path = WriteFile("");
        await File.WriteAllBytesAsync(path, [.. bytes], Cancel);

        var summary = await ImportAsync(target, path);

        Assert.Equal((2L, 0L, 2L), (summary.Created, summary.Unchanged, summary.Rejected));
        var rejected = await File.ReadAllLinesAsync(summary.RejectionFile, Cancel);
        Assert.StartsWith("3,,,row-too-long,", rejected[1], StringComparison.Ordinal);
        Assert.StartsWith("4,,,row-invalid-utf8,", rejected[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rejection_file_lists_rejected_rows_in_the_order_of_the_file()
    {
        var target = await databases.CreateAsync(Cancel);
        var bytes = new List<byte>(Encoding.UTF8.GetBytes($"{Header}\n{Row("F1")}\n{Row("F2", category: "no-such-category")}\n"));
        var broken = Encoding.UTF8.GetBytes(Row("F3"));
        broken[40] = 0xFF;
        bytes.AddRange(broken);
        bytes.AddRange(Encoding.UTF8.GetBytes($"\n{Row("F4", decisionDate: "2027-01-01")}\nonly,three,fields\n{Row("F6")}\n"));
        var path = WriteFile("");
        await File.WriteAllBytesAsync(path, [.. bytes], Cancel);

        var summary = await ImportAsync(target, path);

        Assert.Equal((2L, 0L, 4L), (summary.Created, summary.Unchanged, summary.Rejected));
        var rows = (await File.ReadAllLinesAsync(summary.RejectionFile, Cancel)).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]);
        Assert.Equal(["3", "4", "5", "6"], rows);
    }

    [Fact]
    public async Task A_wrong_header_refuses_the_file_and_changes_nothing()
    {
        var target = await databases.CreateAsync(Cancel);
        var path = WriteFile($"category,subjectId,documentNumber,colour\n{Row("E1")}\n");

        var result = await CliRunner.RunAsync("import", path, "--dept", "samr", "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("import-header-invalid", result.Error, StringComparison.Ordinal);
        Assert.Contains("colour", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CurrentRecordsAsync(target));
    }

    [Fact]
    public async Task The_national_Chinese_penalty_template_imports_with_its_extra_fields_kept()
    {
        var target = await databases.CreateAsync(Cancel);
        var path = WriteFile(
            "名称,统一社会信用代码,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,严重程度,处罚机关\n" +
            "福州某某科技有限公司,91350100M000100Y43,张三,榕市监罚〔2026〕12号,虚假宣传,发布虚假广告,《中华人民共和国广告法》第五十五条,罚款,罚款一万元,1,2026-10-09,一般,福州市市场监督管理局\n");

        var summary = await ImportAsync(target, path);

        Assert.Equal(1L, summary.Created);
        await using var db = StorageServices.CreateContext(target);
        var record = await db.Records.Current().SingleAsync(Cancel);
        Assert.Equal("administrative-penalty", record.Category);
        Assert.Contains("处罚类别：罚款", record.Content, StringComparison.Ordinal);
        Assert.Contains("决定机关：福州市市场监督管理局", record.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NDJSON_rows_are_read_like_API_bodies()
    {
        var target = await databases.CreateAsync(Cancel);
        var path = WriteFile(
            "{\"category\":\"administrative-penalty\",\"subject\":{\"id\":\"91350100M000100Y43\",\"name\":\"某公司\"},\"documentNumber\":\"N1\",\"decisionDate\":\"2026-10-09\",\"severity\":\"general\",\"legalBasis\":\"某法第一条\"}\n" +
            "{\"category\":\"administrative-penalty\",\"subjectId\":\"91350100M000100Y43\",\"subjectName\":\"某公司\",\"documentNumber\":\"N2\",\"decisionDate\":\"2026-10-09\",\"severity\":\"general\",\"legalBasis\":\"某法第一条\",\"colour\":\"red\"}\n",
            ".ndjson");

        var summary = await ImportAsync(target, path);

        Assert.Equal((1L, 1L), (summary.Created, summary.Rejected));
        Assert.Contains("record-field-unknown", await File.ReadAllTextAsync(summary.RejectionFile, Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_import_resumes_after_its_last_committed_chunk_and_ends_in_the_same_state()
    {
        var target = await databases.CreateAsync(Cancel);
        var rows = Enumerable.Range(1, 10).Select(i => Row($"F{i}", category: i == 4 ? "nope" : "administrative-penalty"));
        var path = WriteFile(string.Join('\n', [Header, .. rows, ""]));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var chunks = 0;
        var progress = new InlineProgress(p =>
        {
            // The first report is the run opening (no rows yet); then one per committed chunk.
            if (p.Rows > 0 && ++chunks == 2)
            {
                stop.Cancel(); // the run dies after its second committed chunk
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(target, path, chunk: 3, progress, stop.Token));
        Assert.Equal(5, await CurrentRecordsAsync(target)); // two chunks of three rows, one of them rejected

        var resumed = await ImportAsync(target, path, chunk: 3);

        Assert.Equal(8L, resumed.ResumedAtLine); // rows on lines 2–7 were committed
        Assert.Equal(9, await CurrentRecordsAsync(target));
        var rejected = await File.ReadAllLinesAsync(resumed.RejectionFile, Cancel);
        Assert.Equal(2, rejected.Length); // the rejection found before the interruption is kept, once
        await using var db = StorageServices.CreateContext(target);
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task A_record_and_a_rename_written_by_someone_else_between_two_chunks_are_seen_by_the_next_chunk()
    {
        // The run remembers the subjects it met (ADR 0024 §4). After chunk 1's commit another clerk of the department
        // submits F5 with other content and renames the subject of F3 and F6: chunk 2 must see both, not what the run
        // remembers.
        var target = await databases.CreateAsync(Cancel);
        const string renamedId = "91110108551385082Q";
        var rows = Enumerable.Range(1, 9).Select(i => Row($"F{i}", subjectId: i is 3 or 6 ? renamedId : "91350100M000100Y43"));
        var path = WriteFile(string.Join('\n', [Header, .. rows, ""]));
        var chunks = 0;
        var progress = new InlineProgress(p =>
        {
            if (p.Rows > 0 && ++chunks == 1)
            {
                SubmitAsOtherClerkAsync(target, [Input("F5", "91350100M000100Y43", "福州某某科技有限公司", "另一事实"), Input("F10", renamedId, "新名称有限公司", "另一事实")])
                    .GetAwaiter().GetResult();
            }
        });

        var summary = await ImportAsync(target, path, chunk: 3, progress);

        Assert.Equal((8L, 0L, 1L), (summary.Created, summary.Unchanged, summary.Rejected));
        var rejected = await File.ReadAllLinesAsync(summary.RejectionFile, Cancel);
        Assert.Contains(rejected, line => line.StartsWith("6,F5,documentNumber,record-conflict,", StringComparison.Ordinal));
        await using var db = StorageServices.CreateContext(target);
        Assert.Equal(10, await db.Records.Current().CountAsync(Cancel));
        var subject = await db.Subjects.SingleAsync(s => s.SubjectId == renamedId, Cancel);
        Assert.Equal("福州某某科技有限公司", subject.Name); // the file's F6, recorded after the clerk's F10, names it last
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task A_subject_the_file_renames_from_chunk_to_chunk_ends_under_the_name_it_was_last_recorded_under()
    {
        // Chunks of two: the run knows the subject from chunk 1 under one name, renames it in chunk 2 and back in chunk 3 —
        // a run that did not remember the rename of chunk 2 would take chunk 3's name for the one it already has.
        var target = await databases.CreateAsync(Cancel);
        string[] names = ["福州甲科技有限公司", "福州甲科技有限公司", "福州乙科技有限公司", "福州乙科技有限公司", "福州甲科技有限公司", "福州甲科技有限公司"];
        var rows = names.Select((name, i) => Row($"N{i + 1}", subjectName: name));
        var path = WriteFile(string.Join('\n', [Header, .. rows, ""]));

        var summary = await ImportAsync(target, path, chunk: 2);

        Assert.Equal((6L, 0L), (summary.Created, summary.Rejected));
        await using var db = StorageServices.CreateContext(target);
        var subject = await db.Subjects.SingleAsync(Cancel);
        Assert.Equal(("91350100M000100Y43", "福州甲科技有限公司"), (subject.SubjectId, subject.Name));
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    [Fact]
    public async Task A_run_that_forgets_the_subjects_it_met_reads_them_again_and_creates_each_once()
    {
        // Four subjects in turn and a memory of two: it starts over after almost every chunk, and a subject it forgot
        // must be read again — not created a second time.
        var target = await databases.CreateAsync(Cancel);
        string[] subjects = ["91110108MAKJ5JM931", "91150102MAFG8YMB53", "91310101MAYML8KM2Y", "91320583503380797Q"];
        var rows = Enumerable.Range(1, 24).Select(i => Row($"F{i}", subjectId: subjects[(i * 3 / 2) % 4]));
        var path = WriteFile(string.Join('\n', [Header, .. rows, ""]));

        var summary = await ImportAsync(target, path, chunk: 3, knownSubjects: 2);

        Assert.Equal((24L, 0L), (summary.Created, summary.Rejected));
        await using var db = StorageServices.CreateContext(target);
        Assert.Equal(subjects.Order(StringComparer.Ordinal), await db.Subjects.Select(s => s.SubjectId).OrderBy(s => s).ToListAsync(Cancel));
        Assert.True((await new VerifyLedger(db).RunAsync(Cancel)).Ok);
    }

    private static RecordInput Input(string documentNumber, string subjectId, string subjectName, string facts) => new()
    {
        Category = "administrative-penalty",
        SubjectId = subjectId,
        SubjectName = subjectName,
        DocumentNumber = documentNumber,
        DecisionDate = "2026-10-09",
        Severity = "general",
        LegalBasis = "《企业信息公示暂行条例》第八条",
        Facts = facts,
        Content = "罚款",
        Amount = "1.5",
    };

    private async Task SubmitAsOtherClerkAsync(DatabaseTarget target, IReadOnlyList<RecordInput> inputs)
    {
        await using var db = StorageServices.CreateContext(target);
        var submit = new SubmitRecords(db, new AppendToLedger(db, clock), new RecordValidator(Catalog), Catalog, clock);
        var outcomes = await submit.RunAsync(Caller.Staff("key:clerk", Role.Recorder, "samr"), inputs, Cancel);
        Assert.All(outcomes, o => Assert.Equal(SubmissionStatus.Created, o.Status));
    }

    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

public sealed class ImportTests_on_SQLite() : ImportTests(new SqliteTestDatabases());

public sealed class ImportTests_on_PostgreSQL(PostgresClusterFixture cluster) : ImportTests(new PostgresTestDatabases(cluster));
