using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PublicCredit.Data;

namespace PublicCredit.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run (or one benchmark run): <c>initdb</c> in a temp folder,
/// <c>pg_ctl start</c> on a free loopback port, one fresh database per test. There is no Docker here, and an in-memory
/// fake would prove nothing about PostgreSQL. If the server binaries are missing the run fails and says how to install
/// them — it never skips. Call <see cref="InitializeAsync"/> once before use (the test project's assembly fixture
/// does); <see cref="DisposeAsync"/> stops the server and removes the folder.
/// </summary>
public class PostgresCluster : IAsyncDisposable
{
    private const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with `sudo apt-get install -y postgresql` " +
        "(Debian) — or run the README's test command, scripts/test.sh, which installs them — or point PCREDIT_PG_BIN at the folder that holds them.";

    private readonly string root = Path.Combine(Path.GetTempPath(), "pcredit-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private string binDirectory = string.Empty;
    private bool asPostgresUser;
    private int port;
    private int databaseCount;

    /// <summary>
    /// False (the tests' default): fsync, synchronous commit and full-page writes are off, as nothing outlives the run.
    /// True: the server's own durable defaults, so a benchmark pays for every commit what production would pay.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>The server's <c>max_connections</c>: high for the test run; low for a test of the node's pool bound.</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>The <c>Maximum Pool Size</c> written into each test database's connection string; null leaves the node to choose.</summary>
    public int? PoolSize { get; init; } = 50;

    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    /// <summary>The server's process id (postmaster) once started, for a benchmark that counts the server's CPU time.</summary>
    public int? ServerProcessId
    {
        get
        {
            var pidFile = Path.Combine(root, "data", "postmaster.pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
    }

    public async ValueTask InitializeAsync()
    {
        binDirectory = FindBinaries() ?? throw new InvalidOperationException(InstallHint);
        asPostgresUser = Environment.UserName == "root";
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        if (asPostgresUser)
        {
            // initdb refuses to run as root; the Debian package creates the `postgres` system user.
            await RunAsync("chown", ["-R", "postgres:postgres", root], asUser: false);
        }

        await RunAsync(Path.Combine(binDirectory, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgresUser);
        port = FreePort();
        string[] durability = Durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"];
        var options = string.Join(' ',
            [$"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {root}", .. durability, $"-c max_connections={MaxConnections}", "-c shared_buffers=128MB"]);
        await RunAsync(Path.Combine(binDirectory, "pg_ctl"),
            ["-D", data, "-o", options, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"], asPostgresUser);
    }

    /// <summary>A new empty database, migrated to the current schema.</summary>
    public async Task<DatabaseTarget> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"pcredit_test_{Interlocked.Increment(ref databaseCount)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var settings = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            Pooling = true,
            // Hundreds of test databases each leave a pool behind; idle connections close within seconds.
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        };
        if (PoolSize is { } size)
        {
            settings.MaxPoolSize = size;
        }

        var target = DatabaseTarget.Parse(settings.ConnectionString);
        await StorageServices.MigrateAsync(target, cancellationToken);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        NpgsqlConnection.ClearAllPools();
        if (binDirectory.Length > 0 && Directory.Exists(Path.Combine(root, "data")))
        {
            try
            {
                await RunAsync(Path.Combine(binDirectory, "pg_ctl"),
                    ["-D", Path.Combine(root, "data"), "-m", "immediate", "-w", "stop"], asPostgresUser);
            }
            catch (InvalidOperationException)
            {
                // The cluster may already be gone; the folder is removed either way.
            }
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("PCREDIT_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asUser)
    {
        var start = new ProcessStartInfo(asUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
