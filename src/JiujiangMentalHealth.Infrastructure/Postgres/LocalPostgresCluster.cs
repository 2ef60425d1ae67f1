using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace JiujiangMentalHealth.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL cluster run from the server binaries installed on this machine (no Docker):
/// used by `dotnet run` when no connection string is configured, and by the integration tests.
/// initdb refuses to run as root, so when we are root every server command runs as the
/// `postgres` OS user, which then owns the data and socket directories.
/// </summary>
public sealed class LocalPostgresCluster
{
    private readonly ILogger _logger;
    private readonly string _serverOptions;

    private LocalPostgresCluster(string binDirectory, string dataDirectory, string runDirectory, int port, bool throwaway, ILogger logger)
    {
        BinDirectory = binDirectory;
        DataDirectory = dataDirectory;
        RunDirectory = runDirectory;
        Port = port;
        _logger = logger;
        _serverOptions = $"-p {port} -k {runDirectory} -c listen_addresses=127.0.0.1";
        if (throwaway)
        {
            _serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }
    }

    public string BinDirectory { get; }

    public string DataDirectory { get; }

    /// <summary>Holds the Unix socket and the server log.</summary>
    public string RunDirectory { get; }

    public int Port { get; }

    /// <summary>False when a server was already running on the port and we reused it.</summary>
    public bool StartedHere { get; private set; }

    public string LogFile => Path.Combine(RunDirectory, "postgres.log");

    /// <summary>
    /// Through the server's Unix-domain socket when it is in our run directory (a server we started,
    /// or one an earlier command of this clone started), else through TCP on loopback (a server another
    /// clone started on the port). The socket skips the TCP stack: on this project's sandboxed build
    /// machines a TCP send to loopback costs about as much CPU as a small query (docs/PERFORMANCE.md).
    /// </summary>
    public string ConnectionString(string database)
    {
        var socket = Path.Combine(RunDirectory, $".s.PGSQL.{Port}");
        // Socket paths longer than about 100 bytes cannot be bound or connected to.
        return File.Exists(socket) && socket.Length < 100
            ? $"Host={RunDirectory};Port={Port};Username=postgres;Database={database}"
            : $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Where the server binaries are: $JMH_PG_BIN, the newest /usr/lib/postgresql/*/bin, or PATH.</summary>
    public static string? FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("JMH_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb")))
        {
            return fromEnv;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    public static async Task<bool> IsAcceptingConnectionsAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Finds a free TCP port on loopback (for a throwaway test cluster).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Initialises the cluster if its data directory is empty, then starts it, or reuses a
    /// server already answering on the port.
    /// </summary>
    /// <param name="baseDirectory">Holds data/ and run/; created if missing.</param>
    /// <param name="throwaway">For tests: no fsync, no synchronous commit (data may be lost on a crash).</param>
    public static async Task<LocalPostgresCluster> StartAsync(
        string baseDirectory, int port, bool throwaway, ILogger logger, CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries were found (looked in $JMH_PG_BIN, /usr/lib/postgresql/*/bin and PATH). " +
            "Install them (Debian: apt-get install postgresql) or set ConnectionStrings__Default.");
        baseDirectory = Path.GetFullPath(baseDirectory);
        var cluster = new LocalPostgresCluster(
            bin, Path.Combine(baseDirectory, "data"), Path.Combine(baseDirectory, "run"), port, throwaway, logger);

        if (await IsAcceptingConnectionsAsync(port, cancellationToken))
        {
            logger.LogInformation("A PostgreSQL server already answers on 127.0.0.1:{Port}; using it", port);
            return cluster;
        }

        await cluster.InitialiseAsync(cancellationToken);
        await cluster.StartServerAsync(cancellationToken);
        return cluster;
    }

    /// <summary>
    /// Starts the server of an initialised cluster on its port with its options: after
    /// <see cref="StopAsync"/>, this is the same server coming back (tests of a database outage).
    /// </summary>
    public async Task StartServerAsync(CancellationToken cancellationToken = default)
    {
        _logger.LogInformation("Starting PostgreSQL ({Bin}) on 127.0.0.1:{Port}, data in {Data}", BinDirectory, Port, DataDirectory);
        await RunAsync("pg_ctl", ["-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", _serverOptions, "start"], cancellationToken);
        StartedHere = true;
    }

    public async Task StopAsync()
    {
        if (!StartedHere)
        {
            return;
        }

        _logger.LogInformation("Stopping PostgreSQL on 127.0.0.1:{Port}", Port);
        await RunAsync("pg_ctl", ["-w", "-D", DataDirectory, "-m", "fast", "stop"], CancellationToken.None);
        StartedHere = false;
    }

    /// <summary>Creates a database (owned by postgres) unless it exists.</summary>
    public async Task CreateDatabaseIfMissingAsync(string database, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var sql = $"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        if (template is not null)
        {
            sql += $" TEMPLATE \"{template.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        }

        await using var create = new Npgsql.NpgsqlCommand(sql, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops a server left running in a data directory by a process that has gone (immediate mode).</summary>
    public static async Task StopAbandonedAsync(string dataDirectory)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException("No PostgreSQL server binaries");
        var pgCtl = Path.Combine(bin, "pg_ctl");
        string[] arguments = ["-w", "-D", dataDirectory, "-m", "immediate", "stop"];
        await (RunningAsRoot
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", pgCtl, .. arguments], CancellationToken.None)
            : RunProcessAsync(pgCtl, arguments, CancellationToken.None));
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(RunDirectory);
        await HandToPostgresUserAsync(RunDirectory, cancellationToken);
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        await HandToPostgresUserAsync(DataDirectory, cancellationToken);
        _logger.LogInformation("Initialising a new PostgreSQL cluster in {Data}", DataDirectory);
        await RunAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
    }

    private static async Task HandToPostgresUserAsync(string directory, CancellationToken cancellationToken)
    {
        if (RunningAsRoot)
        {
            await RunProcessAsync("chown", ["-R", "postgres:postgres", directory], cancellationToken);
        }

        // The server refuses a data directory that others can read.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(BinDirectory, tool);
        return RunningAsRoot
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken)
            : RunProcessAsync(path, arguments, cancellationToken);
    }

    private static async Task RunProcessAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
