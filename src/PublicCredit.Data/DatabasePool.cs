using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using PublicCredit.Errors;

namespace PublicCredit.Data;

/// <summary>How the node's PostgreSQL pool was bounded, for the start-up lines (ADR 0039 §2).</summary>
public sealed record DatabasePoolBound(DatabaseTarget Target, int Size, int ServerMaxConnections, int ServerReserved, bool Configured)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"database pool: at most {Size} connections ({(Configured ? "configured" : "a quarter of what the server admits")}; server max_connections {ServerMaxConnections}, {ServerReserved} reserved); requests beyond it wait, then 503 database-busy");
}

/// <summary>
/// The node's one bounded pool of PostgreSQL connections (docs/design.md#edges-public-limits-and-audit-reads; ADR 0039 §2). Without a bound every pool took up
/// to Npgsql's 100 connections — the EF pool and the inquiry writer's each — so 200 concurrent writes asked the server
/// for more than its <c>max_connections</c> and got <c>53300 too many clients</c>, answered 500. Now every connection
/// of the web host (EF contexts, the inquiry writer, the ledger follower) comes from one data source whose size is
/// below what the server admits; a request beyond it waits in Npgsql's queue for a free connection (up to the
/// connection string's <c>Timeout</c>, default 15 s), and a saturated database is answered 503 <c>database-busy</c>
/// with <c>Retry-After</c>, never 500.
/// </summary>
public static class DatabasePool
{
    /// <summary>A node needs a few at least: the follower's LISTEN holds one for good, the inquiry writer one at a time.</summary>
    public const int MinimumSize = 4;

    /// <summary>Default ceiling: more connections than this do not make a 2-core node faster, only the server slower.</summary>
    public const int DefaultCeiling = 50;

    public const string BusyCode = StorageProblemCodes.DatabaseBusy;
    public const string PoolTooLargeCode = StorageProblemCodes.PoolTooLarge;

    /// <summary>What a refused request is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads the server's <c>max_connections</c> and reserved slots and bounds the pool: the configured size
    /// (<paramref name="configured"/>, else a <c>Maximum Pool Size</c> written in the connection string) if it is below
    /// what the server admits, else a coded refusal; by default a quarter of what the server admits (so three nodes and
    /// the operator's tools fit beside each other), at least <see cref="MinimumSize"/>, at most <see cref="DefaultCeiling"/>.
    /// Returns the target with its one data source. SQLite: the target as it is.
    /// </summary>
    public static async Task<DatabasePoolBound?> BoundAsync(DatabaseTarget target, int? configured, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Provider != DatabaseProvider.Postgres)
        {
            return null;
        }

        int max, superuserReserved, reserved;
        var probe = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(probe.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int, " +
                "coalesce(current_setting('reserved_connections', true), '0')::int", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (max, superuserReserved, reserved) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        var admitted = Math.Max(1, max - superuserReserved - reserved);
        var wanted = configured ?? ExplicitSize(target.ConnectionString);
        int size;
        if (wanted is { } n)
        {
            if (n < 1 || n >= admitted)
            {
                throw DomainException.Invalid("dbPoolSize", PoolTooLargeCode, string.Create(CultureInfo.InvariantCulture,
                    $"the database pool size {n} must be from 1 to {admitted - 1}: the server admits {admitted} connections (max_connections {max} less {superuserReserved + reserved} reserved), and other nodes and tools need some too"));
            }

            size = n;
        }
        else
        {
            size = Math.Min(Math.Clamp(admitted / 4, MinimumSize, DefaultCeiling), Math.Max(1, admitted - 1));
        }

        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { MaxPoolSize = size };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, size);
        var bounded = target with { ConnectionString = builder.ConnectionString, DataSource = NpgsqlDataSource.Create(builder.ConnectionString) };
        return new DatabasePoolBound(bounded, size, max, superuserReserved + reserved, wanted is not null);
    }

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says the database is saturated, not that anything is wrong
    /// with the request: no pooled connection came free in time, the server refused a connection (<c>53300</c> too many
    /// clients, <c>57P03</c> cannot connect now), or SQLite stayed busy or locked past its timeout.
    /// </summary>
    public static bool IsSaturated(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow:
                    return true;
                case NpgsqlException npgsql when npgsql.InnerException is TimeoutException
                                                 && npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                    return true;
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsSaturated):
                    return true;
            }
        }

        return false;
    }

    private static int? ExplicitSize(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Maximum Pool Size", "Max Pool Size", "MaxPoolSize" })
        {
            if (raw.TryGetValue(key, out var value) && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
        }

        return null;
    }
}
