using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Ledger;
using PublicCredit.Records;
using PublicCredit.Web.Tests.Cli;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Import;

/// <summary>
/// docs/design.md#one-bad-input-stops-no-node for imports: a date at or beyond the edges (0001-01-01, 9999-12-31), an impossible one (2026-02-30) or
/// garbage in one row of a CSV or NDJSON file given to <c>pcredit import</c> is that row's rejection — named by its row
/// number and field in the rejection file — while every other row is imported, nothing is half-written and the ledger
/// (with every state table) verifies. A CSV's row 1 is its header; an NDJSON file's row 1 is its first line.
/// </summary>
public abstract class ImportDateTests(ITestDatabases databases)
{
    private const string Header = "category,subjectId,subjectName,documentNumber,decisionDate,severity,legalBasis,facts,content,amount,legalRepresentative,publicUntil";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string> BadDates => new()
    {
        { "csv", "decisionDate", "0001-01-01", RecordProblemCodes.DecisionDateTooEarly },
        { "csv", "decisionDate", "1949-09-30", RecordProblemCodes.DecisionDateTooEarly },
        { "csv", "decisionDate", "9999-12-31", RecordProblemCodes.DecisionDateInFuture },
        { "csv", "decisionDate", "2026-02-30", RecordProblemCodes.DecisionDateInvalid },
        { "csv", "decisionDate", "garbage", RecordProblemCodes.DecisionDateInvalid },
        { "csv", "publicUntil", "9999-12-31", PublicCredit.Time.InputRange.OutOfRangeCode },
        { "csv", "publicUntil", "2026-02-30", RecordProblemCodes.PublicUntilInvalid },
        { "ndjson", "decisionDate", "0001-01-01", RecordProblemCodes.DecisionDateTooEarly },
        { "ndjson", "decisionDate", "9999-12-31", RecordProblemCodes.DecisionDateInFuture },
        { "ndjson", "decisionDate", "2026-02-30", RecordProblemCodes.DecisionDateInvalid },
        { "ndjson", "decisionDate", "0001-01-01T00:00:00+08:00", RecordProblemCodes.DecisionDateInvalid },
        { "ndjson", "publicUntil", "0001-01-01", PublicCredit.Time.InputRange.OutOfRangeCode },
        { "ndjson", "publicUntil", "2026-13-01", RecordProblemCodes.PublicUntilInvalid },
    };

    [Theory]
    [MemberData(nameof(BadDates))]
    public async Task A_bad_date_in_one_row_is_rejected_as_that_row_and_field_and_every_other_row_is_imported(string format, string field, string value, string code)
    {
        var target = await databases.CreateAsync(Cancel);
        // Rows 1–5 of the records (the CSV's header makes them rows 2–6 there); the third carries the bad date.
        var records = Enumerable.Range(1, 5).Select(i => (Number: $"D{i}", Bad: i == 3)).ToList();
        var path = format == "csv"
            ? Write(string.Join('\n', [Header, .. records.Select(r => CsvRow(r.Number, r.Bad ? field : null, value)), ""]), ".csv")
            : Write(string.Join('\n', [.. records.Select(r => NdjsonRow(r.Number, r.Bad ? field : null, value)), ""]), ".ndjson");

        var result = await CliRunner.RunAsync("import", path, "--dept", "samr", "--db", target.ConnectionString, "--catalog", RepositoryPaths.Catalog);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("created=4 unchanged=0 rejected=1", result.Output, StringComparison.Ordinal);
        var rejected = await File.ReadAllLinesAsync(path + ".rejected.csv", Cancel);
        Assert.Equal(ImportPipeline.RejectionHeader, rejected[0]);
        var row = format == "csv" ? 4 : 3;
        var line = Assert.Single(rejected.Skip(1));
        Assert.StartsWith($"{row},D3,{field},{code},", line, StringComparison.Ordinal);
        await using var db = StorageServices.CreateContext(target);
        Assert.Equal(new[] { "D1", "D2", "D4", "D5" }, await db.Records.Current().OrderBy(r => r.DocumentNumber).Select(r => r.DocumentNumber).ToListAsync(Cancel));
        var verified = await new VerifyLedger(db).RunAsync(Cancel);
        Assert.True(verified.Ok, verified.Problem);
    }

    private static string CsvRow(string documentNumber, string? badField, string value) =>
        string.Join(',', "administrative-penalty", "91350100M000100Y43", "福州某某科技有限公司", documentNumber,
            badField == "decisionDate" ? value : "2026-10-09", "general", "《企业信息公示暂行条例》第八条", "未按规定公示年度报告", "罚款", "1.5", "张三",
            badField == "publicUntil" ? value : "");

    private static string NdjsonRow(string documentNumber, string? badField, string value)
    {
        var json = new StringBuilder("{\"category\":\"administrative-penalty\",\"subject\":{\"id\":\"91350100M000100Y43\",\"name\":\"福州某某科技有限公司\"}");
        json.Append(",\"documentNumber\":\"").Append(documentNumber).Append('"');
        json.Append(",\"decisionDate\":\"").Append(badField == "decisionDate" ? value : "2026-10-09").Append('"');
        json.Append(",\"severity\":\"general\",\"legalBasis\":\"《企业信息公示暂行条例》第八条\",\"facts\":\"未按规定公示年度报告\"");
        if (badField == "publicUntil")
        {
            json.Append(",\"publicUntil\":\"").Append(value).Append('"');
        }

        return json.Append('}').ToString();
    }

    private static string Write(string text, string extension)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pcredit-import-dates-").FullName, "records" + extension);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}

public sealed class ImportDateTests_on_SQLite() : ImportDateTests(new SqliteTestDatabases());

public sealed class ImportDateTests_on_PostgreSQL(PostgresClusterFixture cluster) : ImportDateTests(new PostgresTestDatabases(cluster));
