using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using PublicCredit.Data;
using PublicCredit.Testing;

namespace PublicCredit.Bench.ImportBench;

/// <summary>A fresh database of one provider, migrated to the platform's schema: an SQLite file or a database on the run's cluster.</summary>
internal sealed class BenchDatabase
{
    private BenchDatabase(DatabaseTarget target, string? sqlitePath)
    {
        Target = target;
        SqlitePath = sqlitePath;
    }

    public DatabaseTarget Target { get; }

    /// <summary>The <c>--db</c> value for <c>pcredit import</c>.</summary>
    public string DbArgument => SqlitePath ?? Target.ConnectionString;

    private string? SqlitePath { get; }

    public static async Task<BenchDatabase> CreateAsync(
        DatabaseProvider provider, PostgresCluster? cluster, string folder, string name, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var target = await cluster!.CreateDatabaseAsync(cancellationToken);
            return new BenchDatabase(target, null);
        }

        var path = Path.Combine(folder, name + ".db");
        foreach (var stale in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(stale);
        }

        var sqlite = DatabaseTarget.Parse(path);
        await StorageServices.MigrateAsync(sqlite, cancellationToken);
        return new BenchDatabase(sqlite, path);
    }

    public DbConnection Open()
    {
        DbConnection connection = Target.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(Target.ConnectionString)
            : new NpgsqlConnection(Target.ConnectionString);
        connection.Open();
        return connection;
    }

    public long Count(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Bytes the table takes with its indexes (PostgreSQL: <c>pg_total_relation_size</c>) or, for SQLite, the whole
    /// file after a checkpoint — for the import that includes its ledger events, which are part of its work.
    /// </summary>
    public long Size(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        if (Target.Provider == DatabaseProvider.Postgres)
        {
            command.CommandText = $"SELECT pg_total_relation_size('{table}')";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        return new FileInfo(SqlitePath!).Length;
    }

    /// <summary>Drops what the measurement left behind (a 1M-row database is about a gigabyte).</summary>
    public async Task DropAsync(PostgresCluster? cluster)
    {
        if (SqlitePath is { } path)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(Target.ConnectionString).Database;
        await using var admin = new NpgsqlConnection(cluster!.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Makes <see cref="RawLoad.Table"/> the twin of the platform's <c>records</c> table as the migrations created it in
/// the same database — every column with its type, the primary key and every index, the filtered unique one
/// included — and checks that the twin has as many columns and indexes. Read from the migrated schema rather than
/// written out here, so the baseline follows the migrations when they change.
/// </summary>
internal static partial class EquivalentTable
{
    public static string Create(BenchDatabase database)
    {
        using var connection = database.Open();
        if (database.Target.Provider == DatabaseProvider.Postgres)
        {
            Execute(connection, $"CREATE TABLE {RawLoad.Table} (LIKE records INCLUDING ALL)");
        }
        else
        {
            var statements = new List<string>();
            using (var schema = connection.CreateCommand())
            {
                schema.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'records' AND sql IS NOT NULL ORDER BY type DESC";
                using var reader = schema.ExecuteReader();
                while (reader.Read())
                {
                    statements.Add(reader.GetString(0));
                }
            }

            foreach (var statement in statements)
            {
                // "records" as a quoted name (the table) and as the prefix of index and key names.
                Execute(connection, RecordsName().Replace(statement, m => m.Value.Replace("records", RawLoad.Table, StringComparison.Ordinal)));
            }
        }

        var (columns, indexes) = Shape(database, connection, "records");
        var twin = Shape(database, connection, RawLoad.Table);
        if (twin != (columns, indexes))
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"{RawLoad.Table} has {twin.Columns} columns and {twin.Indexes} indexes; records has {columns} and {indexes}."));
        }

        return FormattableString.Invariant($"{columns} columns, {indexes} indexes (as records)");
    }

    private static (long Columns, long Indexes) Shape(BenchDatabase database, DbConnection connection, string table) =>
        database.Target.Provider == DatabaseProvider.Postgres
            ? (Scalar(connection, $"SELECT COUNT(*) FROM information_schema.columns WHERE table_name = '{table}'"),
               Scalar(connection, $"SELECT COUNT(*) FROM pg_indexes WHERE tablename = '{table}'"))
            : (Scalar(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}')"),
               Scalar(connection, $"SELECT COUNT(*) FROM pragma_index_list('{table}')"));

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GeneratedRegex("\"(records|pk_records|ix_records_[a-z_]+)\"")]
    private static partial Regex RecordsName();
}
