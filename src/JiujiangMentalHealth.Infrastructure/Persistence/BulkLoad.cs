using Npgsql;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>
/// 批量写入 — prepares tables that already hold data for a bulk binary COPY inside the caller's
/// transaction: takes the tables for this writer alone, drops their secondary indexes and foreign keys
/// and afterwards puts them back from the catalogue's own definitions (<c>pg_get_indexdef</c>,
/// <c>pg_get_constraintdef</c>), so the schema ends exactly as the migrations made it.
/// </summary>
/// <remarks>
/// Why: a row-by-row foreign-key check is a query per row and per key, and a btree insert per row and
/// per index is random I/O; building each index once and checking each key once, set-based, is several
/// times faster for a million rows. Primary keys stay (foreign keys of other tables need them), and the
/// uniqueness and every foreign key are still checked in full when they are put back. Everything is
/// transactional: a failure leaves tables, indexes and constraints as they were.
/// </remarks>
public sealed class BulkLoad
{
    private readonly NpgsqlConnection _connection;
    private readonly IReadOnlyList<string> _tables;
    private readonly List<string> _indexes = [];
    private readonly List<(string Table, string Name, string Definition)> _foreignKeys = [];

    private BulkLoad(NpgsqlConnection connection, IReadOnlyList<string> tables)
    {
        _connection = connection;
        _tables = tables;
    }

    /// <summary>Locks the tables against other writers (readers go on) and drops their secondary indexes and foreign keys.</summary>
    public static async Task<BulkLoad> PrepareAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var load = new BulkLoad(connection, tables);
        await load.ExecuteAsync($"LOCK TABLE {string.Join(", ", tables.Select(Quote))} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);

        await using (var command = new NpgsqlCommand(
            """
            SELECT pg_get_indexdef(i.indexrelid), quote_ident(n.nspname) || '.' || quote_ident(c.relname)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.indrelid = ANY (@tables::regclass[]) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY c.relname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            var drop = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    load._indexes.Add(reader.GetString(0));
                    drop.Add(reader.GetString(1));
                }
            }

            if (drop.Count > 0)
            {
                await load.ExecuteAsync($"DROP INDEX {string.Join(", ", drop)}", cancellationToken);
            }
        }

        await using (var command = new NpgsqlCommand(
            """
            SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE contype = 'f' AND conrelid = ANY (@tables::regclass[])
            ORDER BY conrelid::regclass::text, conname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                load._foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (table, name, _) in load._foreignKeys)
        {
            await load.ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT {name}", cancellationToken);
        }

        return load;
    }

    /// <summary>The largest id in the table: new rows are written with ids above it.</summary>
    public async Task<long> MaxIdAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(id), 0) FROM {Quote(table)}", _connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rebuilds the indexes (unique ones check uniqueness again), adds the foreign keys back (each checked
    /// against all rows), moves identity sequences past the ids written explicitly, and refreshes the
    /// planner's statistics, which the rows just written made stale.
    /// </summary>
    public async Task RestoreAsync(IEnumerable<string> tablesWithExplicitIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tablesWithExplicitIds);
        // Index builds sort in memory when they can; one seeding session may use more than a web request.
        await ExecuteAsync("SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);
        foreach (var index in _indexes)
        {
            await ExecuteAsync(index, cancellationToken);
        }

        foreach (var (table, name, definition) in _foreignKeys)
        {
            await ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", cancellationToken);
        }

        foreach (var table in tablesWithExplicitIds)
        {
            await ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {Quote(table)}",
                cancellationToken);
        }

        await ExecuteAsync($"ANALYZE {string.Join(", ", _tables.Select(Quote))}", cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string table) => "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
