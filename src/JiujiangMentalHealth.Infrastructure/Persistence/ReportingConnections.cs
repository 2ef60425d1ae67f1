using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>
/// Where the reporting statements (the figures of the dashboards and reports, the trend, and the change
/// stamps the figures cache reads beside them) run: a read-only database such as a streaming replica when
/// ConnectionStrings:Reporting is set, otherwise the context's own connection. Only reads go there; the
/// portal never writes through it. One per process (it holds the replica's connection pool).
/// </summary>
public sealed class ReportingConnections : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    /// <param name="connectionString">The reporting database, or null or empty for none (the primary serves the figures).</param>
    public ReportingConnections(string? connectionString)
    {
        _dataSource = string.IsNullOrWhiteSpace(connectionString) ? null : NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>No reporting database: the statements run on the context's own connection (seeding, tests).</summary>
    public static ReportingConnections None { get; } = new(null);

    /// <summary>Whether a reporting database is configured.</summary>
    public bool IsConfigured => _dataSource is not null;

    /// <summary>
    /// Runs <paramref name="work"/> on a connection to the reporting database when one is configured,
    /// else on the context's own (<see cref="OpenConnection.RunAsync"/>). Either way inside the context's
    /// execution strategy, so a dropped connection is retried on a fresh one: the work must be a read.
    /// </summary>
    public async Task<T> RunAsync<T>(AppDbContext db, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (_dataSource is not { } dataSource)
        {
            return await OpenConnection.RunAsync(db, work, cancellationToken);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async cancel =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancel);
                return await work(connection);
            },
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => _dataSource?.Dispose();
}
