using System.Globalization;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Reporting;

/// <summary>Per period of a trend: students screened, talks, home visits, new crises, new support assignments.</summary>
public sealed record TrendRow(int Screened, int Talks, int HomeVisits, int CrisesOpened, int NewAssignments)
{
    public static TrendRow operator +(TrendRow a, TrendRow b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Screened + b.Screened, a.Talks + b.Talks, a.HomeVisits + b.HomeVisits, a.CrisesOpened + b.CrisesOpened, a.NewAssignments + b.NewAssignments);
    }

    public static TrendRow Add(TrendRow a, TrendRow b) => a + b;
}

/// <summary>
/// The figures of several periods for the selected schools: one statement computes each school's
/// figures per period, kept in the <see cref="FiguresCache"/> like the dashboards' figures, and the
/// schools are added up here (a student screened in two schools in one period counts in each, as in
/// the school figures the dashboards add up). Like them it runs on the reporting database when one is
/// configured (<see cref="ReportingConnections"/>).
/// </summary>
public sealed class TrendQuery(AppDbContext db, FiguresCache cache, ReportingConnections reporting)
{
    public const string Sql = """
        WITH p AS (SELECT * FROM unnest(@froms, @tos) WITH ORDINALITY AS p(f, t, idx))
        SELECT r.school_id, p.idx, 0 AS what, count(DISTINCT r.student_id)
        FROM screening_results r JOIN p ON r.taken_on BETWEEN p.f AND p.t
        WHERE r.school_id = ANY(@schools) AND NOT r.invalid AND NOT r.is_superseded
        GROUP BY r.school_id, p.idx
        UNION ALL
        SELECT k.school_id, p.idx, CASE WHEN k.kind = 'HomeVisit' THEN 2 ELSE 1 END, count(*)
        FROM talks k JOIN p ON k.occurred_on BETWEEN p.f AND p.t
        WHERE k.school_id = ANY(@schools)
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT e.school_id, p.idx, 3, count(*)
        FROM crisis_events e JOIN p ON e.opened_on BETWEEN p.f AND p.t
        WHERE e.school_id = ANY(@schools)
        GROUP BY 1, 2
        UNION ALL
        SELECT a.school_id, p.idx, 4, count(*)
        FROM support_assignments a JOIN p ON a.started_on BETWEEN p.f AND p.t
        WHERE a.school_id = ANY(@schools)
        GROUP BY 1, 2
        """;

    /// <summary>The selected schools' figures for each period (<paramref name="froms"/>[i] to <paramref name="tos"/>[i]), added up.</summary>
    public async Task<IReadOnlyList<TrendRow>> RunAsync(SchoolSelection selection, DateOnly[] froms, DateOnly[] tos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(froms);
        ArgumentNullException.ThrowIfNull(tos);
        var key = "trend " + string.Join(' ', froms.Zip(tos, (f, t) => string.Create(CultureInfo.InvariantCulture, $"{f:yyyy-MM-dd}/{t:yyyy-MM-dd}")));
        var schools = await reporting.RunAsync(db, connection => cache.GetAsync(connection, key, selection,
            ids => ComputeAsync(connection, ids, froms, tos, cancellationToken), cancellationToken), cancellationToken);
        var zero = new TrendRow(0, 0, 0, 0, 0);
        return Enumerable.Range(0, froms.Length).Select(i => schools.Select(s => s.Value[i]).Aggregate(zero, TrendRow.Add)).ToList();
    }

    private static async Task<IReadOnlyDictionary<int, TrendRow[]>> ComputeAsync(NpgsqlConnection connection, int[] schoolIds, DateOnly[] froms, DateOnly[] tos,
        CancellationToken cancellationToken)
    {
        var counts = schoolIds.ToDictionary(id => id, _ => Enumerable.Range(0, froms.Length).Select(_ => new int[5]).ToArray());
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<int[]>("schools", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = schoolIds });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("froms", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = froms });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("tos", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = tos });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetInt32(0)][(int)reader.GetInt64(1) - 1][reader.GetInt32(2)] += (int)reader.GetInt64(3);
            }
        }

        return counts.ToDictionary(c => c.Key, c => c.Value.Select(n => new TrendRow(n[0], n[1], n[2], n[3], n[4])).ToArray());
    }
}
