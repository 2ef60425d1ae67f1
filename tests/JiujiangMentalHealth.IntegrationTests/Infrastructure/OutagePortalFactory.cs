using JiujiangMentalHealth.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>
/// The portal on a PostgreSQL server of its own, which a test stops and starts again (same port, same
/// data) while the portal keeps running: a database outage. The shared test server cannot be stopped,
/// and a database cannot be copied across servers with CREATE DATABASE … TEMPLATE, so this one is
/// migrated and seeded by the same code as the shared template (about as long as that takes once).
/// </summary>
public sealed class OutagePortalFactory : PortalFactory
{
    private const string Database = "jmh_outage";

    private readonly string _directory = TestDatabaseServer.ClusterDirectory("outage");
    private LocalPostgresCluster? _cluster;

    public LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("No PostgreSQL programs on this machine: the test should have been skipped.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            // The tests of this fixture skip themselves (NeedsPostgresToolsFact) and never start the portal.
            return "";
        }

        await TestDatabaseServer.RemoveAbandonedClustersAsync();
        _cluster = await LocalPostgresCluster.StartAsync(_directory, LocalPostgresCluster.FreePort(), throwaway: true, NullLogger.Instance);
        await _cluster.CreateDatabaseIfMissingAsync(Database);
        var connectionString = _cluster.ConnectionString(Database);
        await TemplateBuilder.MigrateAndSeedAsync(connectionString);
        return connectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_cluster is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await _cluster.StopAsync();
        TestDatabaseServer.TryDelete(_directory);
    }
}
