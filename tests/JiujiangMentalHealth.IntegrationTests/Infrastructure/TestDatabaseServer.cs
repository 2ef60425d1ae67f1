using JiujiangMentalHealth.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, found in this order: a Testcontainers
/// container when a Docker engine answers; else a throwaway cluster started from the machine's
/// PostgreSQL binaries; else the server named by $JMH_TEST_POSTGRES (a connection string).
/// A template database is migrated and seeded once; each test class gets a copy of it.
/// </summary>
public sealed class TestDatabaseServer
{
    public const string TemplateDatabase = "jmh_template";

    private const string ClusterFolderPrefix = "jmh-test-pg-";

    private static readonly Lazy<Task<TestDatabaseServer>> Shared = new(StartAsync);
    private static int _counter;

    private readonly NpgsqlConnectionStringBuilder _server;

    private TestDatabaseServer(string serverConnectionString, string kind)
    {
        _server = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        Kind = kind;
    }

    /// <summary>Which server this run uses, for the test log.</summary>
    public string Kind { get; }

    public static Task<TestDatabaseServer> InstanceAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>
    /// A fresh database: by default a copy of the migrated and seeded template; from template0 an empty
    /// one, as pg_restore wants it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix, string template = TemplateDatabase)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _counter)}_{Environment.ProcessId}";
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\"");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<TestDatabaseServer> StartAsync()
    {
        var server = await TryTestcontainersAsync() ?? await TryLocalClusterAsync() ?? FromEnvironment();
        Report($"Integration tests use PostgreSQL from: {server.Kind}");
        await server.ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateDatabase}\"");
        await server.ExecuteAsync($"CREATE DATABASE \"{TemplateDatabase}\"");
        await TemplateBuilder.MigrateAndSeedAsync(server.ConnectionString(TemplateDatabase));
        // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
        NpgsqlConnection.ClearAllPools();
        return server;
    }

    private static async Task<TestDatabaseServer?> TryTestcontainersAsync()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new TestDatabaseServer(container.GetConnectionString(), "Testcontainers (postgres:16-alpine)");
        }
        catch (Exception e) when (e.GetType().Name == "DockerUnavailableException" || e is InvalidOperationException or TimeoutException)
        {
            Report($"No Docker engine answered ({e.GetType().Name}); trying a local cluster");
            return null;
        }
    }

    private static async Task<TestDatabaseServer?> TryLocalClusterAsync()
    {
        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            Report("No PostgreSQL server binaries on this machine; trying $JMH_TEST_POSTGRES");
            return null;
        }

        await RemoveAbandonedClustersAsync();
        var directory = ClusterDirectory();
        var cluster = await LocalPostgresCluster.StartAsync(
            directory, LocalPostgresCluster.FreePort(), throwaway: true, NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            TryDelete(directory);
        };
        return new TestDatabaseServer(cluster.ConnectionString("postgres"), $"a throwaway local cluster ({cluster.BinDirectory}, port {cluster.Port})");
    }

    /// <summary>
    /// The folder of a throwaway cluster of this run: the shared one, or another named one (a server a
    /// test stops and starts). Named after the process, so a later run can clean up after a killed one.
    /// </summary>
    internal static string ClusterDirectory(string? name = null) =>
        Path.Combine(Path.GetTempPath(), $"{ClusterFolderPrefix}{Environment.ProcessId}{(name is null ? "" : "-" + name)}");

    /// <summary>
    /// A test run that was killed never reaches ProcessExit: its servers keep running and their folders
    /// stay. The next run stops such servers and removes their folders (the owning process is gone).
    /// </summary>
    internal static async Task RemoveAbandonedClustersAsync()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), ClusterFolderPrefix + "*"))
        {
            var owner = Path.GetFileName(directory)[ClusterFolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || pid == Environment.ProcessId || IsRunning(pid))
            {
                continue;
            }

            if (File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
            {
                try
                {
                    await LocalPostgresCluster.StopAbandonedAsync(Path.Combine(directory, "data"));
                }
                catch (InvalidOperationException)
                {
                    // Already stopped: nothing to do.
                }
            }

            TryDelete(directory);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static void TryDelete(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The server may still be closing files; a leftover folder under /tmp is harmless.
                Thread.Sleep(200);
            }
        }
    }

    private static TestDatabaseServer FromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable("JMH_TEST_POSTGRES");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                "The integration tests need PostgreSQL: a Docker engine, PostgreSQL server binaries (apt-get install postgresql), " +
                "or a connection string with CREATE DATABASE rights in $JMH_TEST_POSTGRES.")
            : new TestDatabaseServer(connectionString, "$JMH_TEST_POSTGRES");
    }

    private static void Report(string message)
    {
        Console.WriteLine(message);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "database-server.log"), $"{DateTimeOffset.Now:O} {message}{Environment.NewLine}");
    }
}
