using PublicCredit.Data;
using PublicCredit.Testing;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Makes a fresh, migrated database of one provider. Every data-touching test runs once per provider.</summary>
public interface ITestDatabases
{
    string Provider { get; }

    Task<DatabaseTarget> CreateAsync(CancellationToken cancellationToken = default);
}

public sealed class SqliteTestDatabases : ITestDatabases
{
    public string Provider => "SQLite";

    public async Task<DatabaseTarget> CreateAsync(CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pcredit-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        var target = DatabaseTarget.Parse(Path.Combine(folder, "pcredit.db"));
        await StorageServices.MigrateAsync(target, cancellationToken);
        return target;
    }
}

public sealed class PostgresTestDatabases(PostgresCluster cluster) : ITestDatabases
{
    public string Provider => "PostgreSQL";

    public Task<DatabaseTarget> CreateAsync(CancellationToken cancellationToken = default) =>
        cluster.CreateDatabaseAsync(cancellationToken);
}
