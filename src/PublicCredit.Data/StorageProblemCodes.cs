using PublicCredit.Errors;

namespace PublicCredit.Data;

/// <summary>The stable problem codes of the database connection and pool: the capability's error catalogue (ADR 0040).</summary>
[PublicCredit.Errors.ProblemCatalogue("storage")]
public static class StorageProblemCodes
{
    [Problem(422, "Not a valid PostgreSQL connection string: …", Field = "db")]
    public const string DbConnectionInvalid = "db-connection-invalid";
    [Problem(503, "The database is at its connection limit; retry after Retry-After (a retried write is stored once).")]
    public const string DatabaseBusy = "database-busy";
    [Problem(0, "--db-pool-size is larger than the database allows connections.", Field = "dbPoolSize")]
    public const string PoolTooLarge = "setting-db-pool-too-large";
}
