using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Reporting;

/// <summary>Per period of a trend: students screened, talks, home visits, new crises, new support assignments.</summary>
public sealed record TrendRow(int Screened, int Talks, int HomeVisits, int CrisesOpened, int NewAssignments);

/// <summary>The figures of several periods for the selected schools in one statement.</summary>
public static class TrendQuery
{
    public const string Sql = """
        WITH sc AS (
            SELECT s.id FROM schools s
            WHERE (@district IS NULL OR s.district_id = @district) AND (@school IS NULL OR s.id = @school)),
        p AS (SELECT * FROM unnest(@froms, @tos) WITH ORDINALITY AS p(f, t, idx))
        SELECT p.idx,
               (SELECT count(DISTINCT r.student_id) FROM screening_results r JOIN sc ON sc.id = r.school_id
                WHERE NOT r.invalid AND NOT r.is_superseded AND r.taken_on BETWEEN p.f AND p.t),
               (SELECT count(*) FROM talks k JOIN sc ON sc.id = k.school_id WHERE k.kind <> 'HomeVisit' AND k.occurred_on BETWEEN p.f AND p.t),
               (SELECT count(*) FROM talks k JOIN sc ON sc.id = k.school_id WHERE k.kind = 'HomeVisit' AND k.occurred_on BETWEEN p.f AND p.t),
               (SELECT count(*) FROM crisis_events e JOIN sc ON sc.id = e.school_id WHERE e.opened_on BETWEEN p.f AND p.t),
               (SELECT count(*) FROM support_assignments a JOIN sc ON sc.id = a.school_id WHERE a.started_on BETWEEN p.f AND p.t)
        FROM p ORDER BY p.idx
        """;

    public static async Task<IReadOnlyList<TrendRow>> RunAsync(AppDbContext db, SchoolSelection selection, DateOnly[] froms, DateOnly[] tos, CancellationToken cancellationToken)
    {
        return await OpenConnection.RunAsync<IReadOnlyList<TrendRow>>(db, async connection =>
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            command.Parameters.Add(new NpgsqlParameter<int?>("district", NpgsqlDbType.Integer) { TypedValue = selection.DistrictId });
            command.Parameters.Add(new NpgsqlParameter<int?>("school", NpgsqlDbType.Integer) { TypedValue = selection.SchoolId });
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("froms", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = froms });
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("tos", NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = tos });
            var rows = new List<TrendRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new TrendRow((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5)));
            }

            return rows;
        }, cancellationToken);
    }
}
