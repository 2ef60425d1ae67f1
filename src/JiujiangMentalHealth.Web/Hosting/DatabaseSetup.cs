using JiujiangMentalHealth.Infrastructure.Postgres;

namespace JiujiangMentalHealth.Web.Hosting;

/// <summary>
/// Finds the database. A configured connection string (ConnectionStrings:Default) always wins.
/// Without one, in Development only, the portal uses the local cluster under .local/postgres at
/// the repository root on 127.0.0.1:LocalPostgres:Port — reusing a server that already answers
/// there, or initialising and starting one from the machine's PostgreSQL binaries.
/// </summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Starts the local cluster when Development has no connection string, and puts its
    /// connection string into the configuration. The DbContext reads the final configuration
    /// when it is first resolved, so tests can override it.
    /// </summary>
    /// <returns>The cluster when this call started it (the caller stops it after a one-off command), else null.</returns>
    public static async Task<LocalPostgresCluster?> UseLocalClusterIfUnconfiguredAsync(WebApplicationBuilder builder, Serilog.ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Default")) || !builder.Environment.IsDevelopment())
        {
            return null;
        }

        var port = builder.Configuration.GetValue("LocalPostgres:Port", 54329);
        var database = builder.Configuration.GetValue("LocalPostgres:Database", "jiujiang")!;
        var baseDirectory = Path.Combine(FindRepositoryRoot(builder.Environment.ContentRootPath), ".local", "postgres");
        using var loggerFactory = new Serilog.Extensions.Logging.SerilogLoggerFactory(log);
        var cluster = await LocalPostgresCluster.StartAsync(
            baseDirectory, port, throwaway: false, loggerFactory.CreateLogger(nameof(LocalPostgresCluster)));
        if (cluster.StartedHere)
        {
            // Registered before Build(); the host stops the server it started when it shuts down.
            builder.Services.AddHostedService(_ => new LocalClusterStopper(cluster));
        }

        await cluster.CreateDatabaseIfMissingAsync(database);
        log.Information("Using the local PostgreSQL cluster on 127.0.0.1:{Port}, database {Database}", port, database);
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Default", cluster.ConnectionString(database))]);
        return cluster.StartedHere ? cluster : null;
    }

    /// <summary>
    /// The portal's connection string, with two settings added unless it sets them itself:
    /// <list type="bullet">
    /// <item>PostgreSQL's JIT off for the portal's sessions: it compiled the figures statement of the
    /// dashboards and reports for seconds at every call (city dashboard 2.16 s with it, 0.59 s without,
    /// at district scale; see docs/PERFORMANCE.md), and no query of the portal runs long enough to repay it.</item>
    /// <item>Npgsql's automatic preparation: a statement run twice on a connection is prepared there, so
    /// PostgreSQL no longer parses and plans the pages' few dozen statements at every request.</item>
    /// </list>
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings__Default is not set. Outside Development the portal needs a PostgreSQL connection string.");
        }

        return Completed.GetOrAdd(connectionString, Complete);
    }

    /// <summary>
    /// The read-only database the dashboards' and reports' figures read (ConnectionStrings:Reporting, e.g.
    /// a streaming replica), with the same settings as <see cref="ConnectionString"/>; null when not set,
    /// and the figures read the portal's own database.
    /// </summary>
    public static string? ReportingConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString("Reporting");
        return string.IsNullOrWhiteSpace(connectionString) ? null : Completed.GetOrAdd(connectionString, Complete);
    }

    /// <summary>The settings above added to any connection string (the read-only reporting one too).</summary>
    private static string Complete(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    // Parsed once per connection string, not at every request's context.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Completed = new(StringComparer.Ordinal);

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JiujiangMentalHealth.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }

    private sealed class LocalClusterStopper(LocalPostgresCluster cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync();
    }
}
