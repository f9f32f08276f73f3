using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PublicCredit.Errors;

namespace PublicCredit.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives, decided by the `--db` value (docs/api.md): a PostgreSQL connection string (`Host=…`) or an
/// SQLite file (a path, or `Data Source=…`). The default is the embedded SQLite file `./data/pcredit.db`.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "./data/pcredit.db";

    /// <summary>
    /// The web host's one bounded PostgreSQL pool (ADR 0039 §2), when <see cref="DatabasePool.BoundAsync"/> made it:
    /// every context configured from this target then takes its connections from it. Null: a pool per connection string.
    /// </summary>
    public NpgsqlDataSource? DataSource { get; init; }

    public static DatabaseTarget Parse(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? DefaultSqlitePath : value.Trim();
        if (LooksLikePostgres(text))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(text);
                return new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw DomainException.Invalid("db", StorageProblemCodes.DbConnectionInvalid, $"Not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        var sqlite = text.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(text)
            : new SqliteConnectionStringBuilder { DataSource = text };
        if (string.IsNullOrWhiteSpace(sqlite.DataSource))
        {
            throw DomainException.Invalid("db", StorageProblemCodes.DbConnectionInvalid, "An SQLite connection string needs a Data Source.");
        }

        // Foreign keys on; the default command timeout doubles as the busy timeout for concurrent writers.
        sqlite.ForeignKeys = true;
        sqlite.Pooling = true;
        return new DatabaseTarget(DatabaseProvider.Sqlite, sqlite.ConnectionString);
    }

    /// <summary>The migrations of each provider live in their own assembly (bitwarden-style, ADR 0001).</summary>
    public string MigrationsAssembly => Provider switch
    {
        DatabaseProvider.Sqlite => "PublicCredit.Data.Sqlite",
        _ => "PublicCredit.Data.Postgres",
    };

    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
            case DatabaseProvider.Postgres:
                if (DataSource is not null)
                {
                    builder.UseNpgsql(DataSource, o => o.MigrationsAssembly(MigrationsAssembly));
                }
                else
                {
                    builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                }

                break;
        }
    }

    /// <summary>A description safe to print: no password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    private static bool LooksLikePostgres(string text) =>
        text.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
}
