using System.Text.RegularExpressions;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The figures cache (ADR 0010) never serves figures a committed change has made wrong: after each
/// kind of write the cached figures of the whole city equal figures computed afresh, and they did
/// change. Its own database: it changes the demo data.
/// </summary>
public partial class FiguresCacheTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Operations = ["insert", "update", "delete"];
    private static readonly DateOnly Today = ChinaTime.Today(TimeProvider.System);
    private static readonly Period Year = Period.Containing(PeriodKind.SchoolYear, Today);
    private static readonly BimonthlyPeriod ReportPeriod = DashboardBuilder.ReportPeriodFor(Year, Today);

    /// <summary>A write to a table the figures read, which must move a figure (after a set-up before ";;", if any).</summary>
    public static TheoryData<string, string> Writes => new()
    {
        { "a screening result found invalid", "UPDATE screening_results SET invalid = true WHERE id = (SELECT min(id) FROM screening_results WHERE NOT invalid AND NOT is_superseded AND taken_on >= {year})" },
        { "a student's key population cleared", "UPDATE students SET key_populations = 0 WHERE id = (SELECT min(t.student_id) FROM talks t JOIN students s ON s.id = t.student_id WHERE t.kind = 'HomeVisit' AND t.occurred_on >= {year} AND s.key_populations <> 0)" },
        { "a talk deleted", "DELETE FROM talks WHERE id = (SELECT min(id) FROM talks WHERE kind <> 'HomeVisit' AND occurred_on >= {year})" },
        { "a support review followed up long ago", "UPDATE support_assignments SET last_follow_up_on = {year} - 400, started_on = {year} - 400 WHERE id = (SELECT min(id) FROM support_assignments WHERE status = 'Active' AND tier = 1 AND coalesce(last_follow_up_on, started_on) >= {today} - 3)" },
        { "a crisis's closing step removed", "DELETE FROM crisis_steps WHERE id = (SELECT min(id) FROM crisis_steps WHERE step = 'Closed')" },
        { "a crisis opened earlier", "UPDATE crisis_events SET opened_on = {year} - 30 WHERE id = (SELECT min(id) FROM crisis_events WHERE opened_on >= {year})" },
        { "a training course moved into the school year", "UPDATE training_courses SET starts_on = {today} WHERE id = (SELECT min(course_id) FROM training_records)" },
        { "a trainee's record deleted", "UPDATE training_courses SET starts_on = {today} WHERE id = (SELECT max(course_id) FROM training_records) ;; DELETE FROM training_records WHERE id = (SELECT min(r.id) FROM training_records r JOIN training_courses c ON c.id = r.course_id WHERE c.starts_on >= {year})" },
        { "a full-time psychology teacher left", "UPDATE staff_members SET left_on = {year} - 1 WHERE id = (SELECT min(id) FROM staff_members WHERE psychology_post = 'FullTime' AND left_on IS NULL)" },
        { "a school moved to another district", "UPDATE schools SET district_id = (SELECT min(id) FROM districts WHERE id <> schools.district_id) WHERE id = (SELECT min(id) FROM schools)" },
        { "an enrolment count corrected", "UPDATE school_enrolments SET students = students + 1 WHERE id = (SELECT min(id) FROM school_enrolments WHERE school_year = {school_year})" },
        { "a counselling room's standard changed", "UPDATE counselling_rooms SET is_standardized = NOT is_standardized WHERE school_id = (SELECT min(school_id) FROM counselling_rooms)" },
        { "a featured-school title withdrawn", "DELETE FROM featured_schools WHERE id = (SELECT min(id) FROM featured_schools)" },
        { "an activity's participants corrected", "UPDATE activities SET participants = participants + 1 WHERE id = (SELECT min(id) FROM activities WHERE school_id IS NOT NULL AND held_on >= {year} AND held_on <= {today})" },
        { "a family lecture's participants corrected", "UPDATE family_lectures SET participants = participants + 1 WHERE id = (SELECT min(id) FROM family_lectures WHERE held_on >= {year} AND held_on <= {today})" },
        { "a report returned", "UPDATE bimonthly_reports SET state = 'Returned' WHERE id = (SELECT min(id) FROM bimonthly_reports WHERE period_start = {report_period} AND state = 'Approved')" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task After_each_kind_of_write_the_cached_city_figures_equal_fresh_figures_and_moved(string write, string sql)
    {
        var parts = sql.Split(";;");
        if (parts.Length == 2)
        {
            await ExecuteAsync(write, parts[0]);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>();
        var before = await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        Assert.Equal(before, await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default));

        await ExecuteAsync(write, parts[^1]);

        var cached = await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        var fresh = await FreshAsync(SchoolSelection.City);
        Assert.NotEqual(before, fresh);
        Assert.Equal(fresh, cached);
    }

    [Fact]
    public async Task A_write_in_one_school_recomputes_that_school_alone()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>();
        var cache = factory.Services.GetRequiredService<FiguresCache>();
        var before = await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        Assert.True(before.Count > 800, "the demo city has its 870 schools");
        var computed = cache.SchoolsComputed;
        await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        Assert.Equal(computed, cache.SchoolsComputed);

        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync(
                $"UPDATE talks SET summary = summary WHERE id = (SELECT min(id) FROM talks WHERE occurred_on >= {Year.From})"));
        }

        await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        Assert.Equal(computed + 1, cache.SchoolsComputed);
    }

    [Fact]
    public async Task A_school_the_statement_no_longer_finds_is_left_out_not_an_error()
    {
        // As when a school is deleted between the stamps and the statement: its row is missing.
        var cache = new FiguresCache();
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var gone = await db.Schools.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var answer = await cache.GetAsync(connection, "test", SchoolSelection.City,
            ids => Task.FromResult<IReadOnlyDictionary<int, int>>(ids.Where(id => id != gone).ToDictionary(id => id, id => id)), default);
        Assert.DoesNotContain(answer, a => a.SchoolId == gone);
        Assert.Equal(await db.Schools.CountAsync() - 1, answer.Count);
        Assert.All(answer, a => Assert.Equal(a.SchoolId, a.Value));
    }

    [Fact]
    public async Task A_student_added_counts_at_once()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>();
        var before = await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);

        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "缓存新生");

        var cached = await figures.ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        Assert.Equal(before.Single(f => f.SchoolId == student.SchoolId).StudentsOnFile + 1, cached.Single(f => f.SchoolId == student.SchoolId).StudentsOnFile);
        Assert.Equal(await FreshAsync(SchoolSelection.City), cached);
    }

    [Fact]
    public async Task A_key_population_change_reaches_the_school_where_the_student_was_visited_before_moving()
    {
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        int studentId, schoolId;
        await using (var command = new NpgsqlCommand(
            "SELECT t.student_id, t.school_id FROM talks t JOIN students s ON s.id = t.student_id " +
            "WHERE t.kind = 'HomeVisit' AND t.occurred_on >= @year AND s.key_populations <> 0 " +
            "AND (SELECT count(*) FROM talks o WHERE o.student_id = t.student_id) = 1 ORDER BY t.id LIMIT 1", (NpgsqlConnection)db.Database.GetDbConnection()))
        {
            command.Parameters.AddWithValue("year", Year.From);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "The demo data has no key-population student visited once this school year.");
            (studentId, schoolId) = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var otherSchool = await db.Schools.Where(s => s.Id != schoolId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        // The student moves school; the visit stays with the school that made it.
        await db.Database.ExecuteSqlAsync($"UPDATE students SET school_id = {otherSchool} WHERE id = {studentId}");

        await using var scope = factory.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>();
        var visited = new SchoolSelection(SchoolId: schoolId);
        var before = (await figures.ForAsync(visited, Year, ReportPeriod, Today, default)).Single();

        await db.Database.ExecuteSqlAsync($"UPDATE students SET key_populations = 0 WHERE id = {studentId}");

        var cached = (await figures.ForAsync(visited, Year, ReportPeriod, Today, default)).Single();
        Assert.Equal(before.KeyPopulationVisited - 1, cached.KeyPopulationVisited);
        Assert.Equal((await FreshAsync(visited)).Single(), cached);
    }

    [Fact]
    public async Task The_trend_is_cached_and_follows_writes_too()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var trends = scope.ServiceProvider.GetRequiredService<TrendQuery>();
        var periods = Period.Containing(PeriodKind.BiMonth, Today).LastPeriods(6);
        var (froms, tos) = (periods.Select(p => p.From).ToArray(), periods.Select(p => p.AsOf(Today)).ToArray());
        var before = await trends.RunAsync(SchoolSelection.City, froms, tos, default);
        Assert.Equal(before, await trends.RunAsync(SchoolSelection.City, froms, tos, default));

        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync(
                $"DELETE FROM talks WHERE id = (SELECT max(id) FROM talks WHERE kind = 'HomeVisit' AND occurred_on BETWEEN {froms[^1]} AND {Today})"));
        }

        var cached = await trends.RunAsync(SchoolSelection.City, froms, tos, default);
        Assert.Equal(before[^1].HomeVisits - 1, cached[^1].HomeVisits);
        Assert.Equal(await new TrendQuery(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new FiguresCache(), ReportingConnections.None).RunAsync(SchoolSelection.City, froms, tos, default), cached);
    }

    [Fact]
    public async Task Every_table_the_figures_and_the_trend_read_stamps_its_schools_on_insert_update_and_delete()
    {
        var sql = SchoolFiguresQuery.Sql + TrendQuery.Sql;
        var tables = TableNames().Matches(sql).Select(m => m.Groups[1].Value)
            .Except(CommonTableExpressions().Matches(sql).Select(m => m.Groups[1].Value)).Except(["unnest"]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("screening_results", tables);
        Assert.Contains("training_courses", tables);
        await using var db = factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE '%\\_stamp\\_%'",
            (NpgsqlConnection)db.Database.GetDbConnection());
        var triggers = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                triggers.Add(reader.GetString(0) + " " + reader.GetString(1));
            }
        }

        var missing = tables.SelectMany(t => Operations.Select(op => $"{t} {t}_stamp_{op}")).Where(t => !triggers.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Tables read by the figures without a stamp trigger: " + string.Join(", ", missing));
    }

    private async Task ExecuteAsync(string write, string sql)
    {
        await using var db = factory.CreateDbContext();
        var changed = await db.Database.ExecuteSqlRawAsync(sql
            .Replace("{year}", $"date '{Year.From:yyyy-MM-dd}'", StringComparison.Ordinal)
            .Replace("{today}", $"date '{Today:yyyy-MM-dd}'", StringComparison.Ordinal)
            .Replace("{report_period}", $"date '{ReportPeriod.From:yyyy-MM-dd}'", StringComparison.Ordinal)
            .Replace("{school_year}", SchoolYear.Containing(Today).StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.True(changed > 0, $"{write}: the demo data has no row to change");
    }

    private async Task<IReadOnlyList<SchoolFigures>> FreshAsync(SchoolSelection selection)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await new SchoolFiguresQuery(db, new FiguresCache(), ReportingConnections.None).ForAsync(selection, Year, ReportPeriod, Today, default);
    }

    [GeneratedRegex(@"(?:FROM|JOIN)\s+([a-z_]+)\b")]
    private static partial Regex TableNames();

    [GeneratedRegex(@"\b([a-z_]+) AS (?:MATERIALIZED )?\(")]
    private static partial Regex CommonTableExpressions();
}
