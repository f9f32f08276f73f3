using PublicCredit.Data;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Web.Tests.Infrastructure;

namespace PublicCredit.Web.Tests.Storage;

/// <summary>ADR 0001: each provider's migrations match the model; a model change without its migrations fails here.</summary>
public abstract class ModelTests(ITestDatabases databases)
{
    [Fact]
    public async Task The_migrations_of_this_provider_match_the_model()
    {
        var target = await databases.CreateAsync(TestContext.Current.CancellationToken);
        await using var db = StorageServices.CreateContext(target);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration for this provider");
    }
}

public sealed class ModelTests_on_SQLite() : ModelTests(new SqliteTestDatabases());

public sealed class ModelTests_on_PostgreSQL(PostgresClusterFixture cluster) : ModelTests(new PostgresTestDatabases(cluster));
