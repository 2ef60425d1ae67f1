using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>Hand-written SQL on the context's own connection, opened for the call if it was closed.</summary>
public static class OpenConnection
{
    /// <summary>
    /// Runs <paramref name="work"/> inside the execution strategy, like EF's own queries: a dropped
    /// connection is retried on a fresh one. The work must therefore be safe to run again (a read).
    /// </summary>
    public static async Task<T> RunAsync<T>(AppDbContext db, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async cancel =>
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                var opened = connection.State != System.Data.ConnectionState.Open;
                if (opened)
                {
                    await connection.OpenAsync(cancel);
                }

                try
                {
                    return await work(connection);
                }
                finally
                {
                    if (opened)
                    {
                        await connection.CloseAsync();
                    }
                }
            },
            cancellationToken);
    }
}
