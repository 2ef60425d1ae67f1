using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>Hand-written SQL on the context's own connection, opened for the call if it was closed.</summary>
public static class OpenConnection
{
    public static async Task<T> RunAsync<T>(AppDbContext db, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
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
    }
}
