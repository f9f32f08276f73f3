using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PublicCredit.Storage;
using Sylvan.Data.Csv;

namespace PublicCredit.Bench.ImportBench;

/// <summary>
/// What a raw load did: rows written, the time from opening the file to the commit and, filled in by the caller, the
/// CPU time of the loading process and of the database server (PostgreSQL) meanwhile.
/// </summary>
internal sealed record LoadResult(long Rows, TimeSpan Elapsed, TimeSpan Cpu = default, TimeSpan ServerCpu = default);

/// <summary>
/// The baseline of docs/performance.md#import: the same CSV rows, parsed minimally (Sylvan's CSV reader, each field converted to
/// its column type, nothing validated, normalised or hashed) and written raw into <c>raw_records</c>, a table with
/// the columns and indexes of the platform's <c>records</c> (<see cref="EquivalentTable"/>) — binary <c>COPY</c> on
/// PostgreSQL, one prepared <c>INSERT</c> reused in one transaction on SQLite.
/// </summary>
/// <remarks>
/// The columns the platform derives (id, subject kind, the effective <c>publicUntil</c>, published, late, the times,
/// the content hash, the ledger position) get cheap stand-ins of the same type and width — a version-7 id, a guess of
/// the kind from the identifier's shape, the file's <c>publicUntil</c> or decision date + 3 years, a fixed hash — so
/// the raw rows are as wide as the imported ones; computing the real values is the import's work, and so is its cost.
/// </remarks>
internal static class RawLoad
{
    public const string Table = "raw_records";

    private const string Columns =
        "id, version, department, document_number, category, subject_id, subject_kind, subject_name, decision_date, " +
        "severity, legal_basis, facts, content, amount, legal_representative, public_until, published, late, " +
        "submitted_at, recorded_at, recorded_by, reason, content_hash, ledger_position, superseded_at";

    private static readonly string StandInHash = new('0', 64);

    public static LoadResult Sqlite(string csvPath, string connectionString)
    {
        var started = Stopwatch.GetTimestamp();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var names = Columns.Split(", ");
        insert.CommandText = $"INSERT INTO {Table} ({Columns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
        var p = names.ToDictionary(n => n, n => insert.Parameters.Add("$" + n, SqliteType.Text), StringComparer.Ordinal);
        insert.Prepare();

        var now = TimeProvider.System.GetUtcNow();
        var nowText = UtcInstantTextConverter.Format(now);
        var actor = "import:" + Path.GetFileName(csvPath);
        long rows = 0;
        foreach (var row in RawRows.Read(csvPath))
        {
            // The text forms EF Core writes for these columns on SQLite: GUID upper-case, dates ISO, instants as UTC text.
            p["id"].Value = Guid.CreateVersion7(now).ToString().ToUpperInvariant();
            p["version"].Value = 1;
            p["department"].Value = row.Department;
            p["document_number"].Value = row.DocumentNumber;
            p["category"].Value = row.Category;
            p["subject_id"].Value = row.SubjectId;
            p["subject_kind"].Value = row.SubjectKind;
            p["subject_name"].Value = row.SubjectName;
            p["decision_date"].Value = Date(row.DecisionDate);
            p["severity"].Value = (object?)row.Severity ?? DBNull.Value;
            p["legal_basis"].Value = row.LegalBasis;
            p["facts"].Value = (object?)row.Facts ?? DBNull.Value;
            p["content"].Value = (object?)row.Content ?? DBNull.Value;
            p["amount"].Value = row.Amount is { } amount ? amount.ToString("0.0###########################", CultureInfo.InvariantCulture) : DBNull.Value;
            p["legal_representative"].Value = (object?)row.LegalRepresentative ?? DBNull.Value;
            p["public_until"].Value = Date(row.PublicUntil);
            p["published"].Value = 1;
            p["late"].Value = 0;
            p["submitted_at"].Value = nowText;
            p["recorded_at"].Value = nowText;
            p["recorded_by"].Value = actor;
            p["reason"].Value = DBNull.Value;
            p["content_hash"].Value = StandInHash;
            p["ledger_position"].Value = 0;
            p["superseded_at"].Value = DBNull.Value;
            insert.ExecuteNonQuery();
            rows++;
        }

        transaction.Commit();
        return new LoadResult(rows, Stopwatch.GetElapsedTime(started));
    }

    public static async Task<LoadResult> PostgresAsync(string csvPath, string connectionString, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var now = TimeProvider.System.GetUtcNow();
        var actor = "import:" + Path.GetFileName(csvPath);
        long rows = 0;
        using (var copy = await connection.BeginBinaryImportAsync($"COPY {Table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in RawRows.Read(csvPath))
            {
                copy.StartRow();
                copy.Write(Guid.CreateVersion7(now), NpgsqlDbType.Uuid);
                copy.Write(1, NpgsqlDbType.Integer);
                copy.Write(row.Department, NpgsqlDbType.Varchar);
                copy.Write(row.DocumentNumber, NpgsqlDbType.Varchar);
                copy.Write(row.Category, NpgsqlDbType.Varchar);
                copy.Write(row.SubjectId, NpgsqlDbType.Varchar);
                copy.Write(row.SubjectKind, NpgsqlDbType.Varchar);
                copy.Write(row.SubjectName, NpgsqlDbType.Varchar);
                copy.Write(row.DecisionDate, NpgsqlDbType.Date);
                WriteOrNull(copy, row.Severity, NpgsqlDbType.Varchar);
                copy.Write(row.LegalBasis, NpgsqlDbType.Text);
                WriteOrNull(copy, row.Facts, NpgsqlDbType.Text);
                WriteOrNull(copy, row.Content, NpgsqlDbType.Text);
                if (row.Amount is { } amount)
                {
                    copy.Write(amount, NpgsqlDbType.Numeric);
                }
                else
                {
                    copy.WriteNull();
                }

                WriteOrNull(copy, row.LegalRepresentative, NpgsqlDbType.Varchar);
                copy.Write(row.PublicUntil, NpgsqlDbType.Date);
                copy.Write(true, NpgsqlDbType.Boolean);
                copy.Write(false, NpgsqlDbType.Boolean);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(actor, NpgsqlDbType.Varchar);
                copy.WriteNull();
                copy.Write(StandInHash, NpgsqlDbType.Char);
                copy.Write(0L, NpgsqlDbType.Bigint);
                copy.WriteNull();
                rows++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return new LoadResult(rows, Stopwatch.GetElapsedTime(started));
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteOrNull(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }
}

/// <summary>One CSV row as the raw load sees it: the file's fields typed, empty fields as null. One instance, reused.</summary>
internal sealed class RawRow
{
    public string Category { get; set; } = "";

    public string SubjectId { get; set; } = "";

    public string SubjectKind { get; set; } = "";

    public string SubjectName { get; set; } = "";

    public string DocumentNumber { get; set; } = "";

    public DateOnly DecisionDate { get; set; }

    public string? Severity { get; set; }

    public string LegalBasis { get; set; } = "";

    public string? Facts { get; set; }

    public string? Content { get; set; }

    public decimal? Amount { get; set; }

    public string? LegalRepresentative { get; set; }

    public DateOnly PublicUntil { get; set; }

    public string Department { get; set; } = "";
}

internal static class RawRows
{
    /// <summary>The rows of a file written by <c>SyntheticRecordWriter</c> (its English header), in file order.</summary>
    public static IEnumerable<RawRow> Read(string path)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        int O(string name) => csv.GetOrdinal(name);
        var (category, subjectId, subjectName, documentNumber, decisionDate, severity, legalBasis) =
            (O("category"), O("subjectId"), O("subjectName"), O("documentNumber"), O("decisionDate"), O("severity"), O("legalBasis"));
        var (facts, content, amount, legalRepresentative, publicUntil, department) =
            (O("facts"), O("content"), O("amount"), O("legalRepresentative"), O("publicUntil"), O("department"));
        var row = new RawRow();
        while (csv.Read())
        {
            row.Category = csv.GetString(category);
            row.SubjectId = csv.GetString(subjectId);
            row.SubjectKind = KindGuess(row.SubjectId);
            row.SubjectName = csv.GetString(subjectName);
            row.DocumentNumber = csv.GetString(documentNumber);
            row.DecisionDate = DateOnly.ParseExact(csv.GetString(decisionDate), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            row.Severity = OrNull(csv.GetString(severity));
            row.LegalBasis = csv.GetString(legalBasis);
            row.Facts = OrNull(csv.GetString(facts));
            row.Content = OrNull(csv.GetString(content));
            row.Amount = OrNull(csv.GetString(amount)) is { } a ? decimal.Parse(a, CultureInfo.InvariantCulture) : null;
            row.LegalRepresentative = OrNull(csv.GetString(legalRepresentative));
            row.PublicUntil = OrNull(csv.GetString(publicUntil)) is { } until
                ? DateOnly.ParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : row.DecisionDate.AddYears(3);
            row.Department = csv.GetString(department);
            yield return row;
        }
    }

    private static string? OrNull(string value) => value.Length == 0 ? null : value;

    /// <summary>A shape guess, not validation: a resident ID carries a 19xx/20xx birth year after its 6-digit division.</summary>
    private static string KindGuess(string id) =>
        id.Length == 18 && id.AsSpan(6, 2) is "19" or "20" && long.TryParse(id.AsSpan(0, 17), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? "individual"
            : "organisation";
}
