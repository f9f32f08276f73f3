using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PublicCredit.Catalog;
using PublicCredit.Import;
using PublicCredit.Inquiries;
using PublicCredit.Records;
using PublicCredit.Storage;

namespace PublicCredit.Data;

public static class StorageServices
{
    /// <summary>Registers a pooled context factory and a scoped context for the chosen database.</summary>
    public static IServiceCollection AddPublicCreditStorage(this IServiceCollection services, DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        services.AddSingleton(target);
        services.AddPooledDbContextFactory<PublicCreditDbContext>(target.Configure);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PublicCreditDbContext>>().CreateDbContext());
        if (target.Provider == DatabaseProvider.Postgres)
        {
            // One pool for the whole node when the host bounded it (ADR 0039 §2); disposed with the services.
            services.AddSingleton(_ => target.DataSource ?? NpgsqlDataSource.Create(target.ConnectionString));
            services.AddSingleton<IInquiryBatchWriter, PostgresInquiryWriter>();
        }
        else
        {
            services.AddSingleton<IInquiryBatchWriter>(new SqliteInquiryWriter(target));
        }

        return services;
    }

    /// <summary>The bulk write path of the provider (ADR 0011): binary COPY on PostgreSQL, a reused prepared INSERT on SQLite.</summary>
    public static IBulkInsert CreateBulkInsert(DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Provider == DatabaseProvider.Postgres ? new PostgresBulkInsert() : new SqliteBulkInsert();
    }

    /// <summary>
    /// The import pipeline on its own bulk context and the provider's bulk path (ADR 0011, 0041), as `pcredit import`,
    /// the console upload and the benchmark run it; disposing the pipeline disposes its context.
    /// </summary>
    public static ImportPipeline OpenImport(
        DatabaseTarget target, CreditCatalog catalog, TimeProvider clock, IEnumerable<IRecordsCommitted>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ImportPipeline.Over(CreateBulkContext(target), CreateBulkInsert(target), catalog, clock, ownsContext: true, committed);
    }

    public static PublicCreditDbContext CreateContext(DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = new DbContextOptionsBuilder<PublicCreditDbContext>();
        target.Configure(builder);
        return new PublicCreditDbContext(builder.Options);
    }

    /// <summary>
    /// A context for the bulk write path (ADR 0011): on PostgreSQL its connection prepares the statements it repeats —
    /// a chunk sends the same dozen per 5000 rows, and parsing and planning them each time cost the server 1.3 µs per
    /// imported row (ADR 0024 §10). SQLite's provider keeps its prepared statements anyway.
    /// </summary>
    public static PublicCreditDbContext CreateBulkContext(DatabaseTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Provider != DatabaseProvider.Postgres)
        {
            return CreateContext(target);
        }

        var connection = new NpgsqlConnectionStringBuilder(target.ConnectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 };
        // Its own connection, outside the node's pool: prepared statements are per connection string (ADR 0024 §10).
        return CreateContext(target with { ConnectionString = connection.ConnectionString, DataSource = null });
    }

    /// <summary>
    /// Applies the provider's migrations (`pcredit db migrate`, and on first `serve`). For SQLite it first creates
    /// the file's folder and switches the file to WAL so readers never wait for the writer.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder) && !path.StartsWith(':'))
            {
                // The database holds personal data: its folder (when we make it) 0700, the file 0600 (ADR 0036).
                // SQLite creates the -wal and -shm files with the database file's mode.
                PublicCredit.Storage.PrivateFiles.CreateDirectory(folder);
                var file = Path.GetFullPath(path);
                if (!File.Exists(file))
                {
                    using (new FileStream(file, PublicCredit.Storage.PrivateFiles.CreateOptions(FileMode.CreateNew, FileShare.ReadWrite)))
                    {
                        // an empty file is a new SQLite database
                    }
                }

                PublicCredit.Storage.PrivateFiles.Restrict(file);
            }
        }

        await using var db = CreateContext(target);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }
}
