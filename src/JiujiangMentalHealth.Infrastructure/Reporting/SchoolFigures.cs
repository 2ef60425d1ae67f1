using System.Globalization;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Reporting;

/// <summary>Which schools: the whole city, one district, or one school.</summary>
public sealed record SchoolSelection(int? DistrictId = null, int? SchoolId = null)
{
    public static SchoolSelection City { get; } = new();
}

/// <summary>
/// One school's figures over a period (R8 and the dashboards). Counts "in the period" run from the
/// period's first day to <c>AsOf</c>; "on" figures are true on <c>AsOf</c>; overdue reviews and open
/// crises are as of today whatever the period.
/// </summary>
public sealed record SchoolFigures
{
    public int SchoolId { get; init; }

    public int DistrictId { get; init; }

    /// <summary>在校学生数 of the school year (the statistical enrolment) or, until that is counted, the latest earlier count.</summary>
    public int? Enrolment { get; init; }

    public int FullTime { get; init; }

    public int PartTime { get; init; }

    /// <summary>Full-time teachers required by the policy in force on AsOf.</summary>
    public int Required { get; init; }

    public int Shortfall => Math.Max(0, Required - FullTime);

    public bool NeedsRoom { get; init; }

    public bool HasRoom { get; init; }

    /// <summary>Highest featured-school level, if any.</summary>
    public FeaturedLevel? Featured { get; init; }

    /// <summary>Students with a file in the portal.</summary>
    public int StudentsOnFile { get; init; }

    public int KeyPopulationStudents { get; init; }

    /// <summary>Distinct students with a valid screening from the school year's start to AsOf.</summary>
    public int ScreenedThisYear { get; init; }

    /// <summary>Distinct students with a valid screening in the period.</summary>
    public int ScreenedInPeriod { get; init; }

    /// <summary>Students whose latest valid screening this school year gave 一级 / 二级 / 三级.</summary>
    public int Warning1 { get; init; }

    public int Warning2 { get; init; }

    public int Warning3 { get; init; }

    /// <summary>Students on each tier on AsOf.</summary>
    public int Tier1 { get; init; }

    public int Tier2 { get; init; }

    public int Tier3 { get; init; }

    /// <summary>Active tier-1 assignments overdue for review today.</summary>
    public int Overdue1 { get; init; }

    /// <summary>Active tier-2 and tier-3 assignments overdue for review today.</summary>
    public int Overdue23 { get; init; }

    public int CrisesOpened { get; init; }

    public int CrisesClosed { get; init; }

    public int Referrals { get; init; }

    /// <summary>Crisis events not closed today.</summary>
    public int CrisesOpenNow { get; init; }

    public int Talks { get; init; }

    public int HomeVisits { get; init; }

    /// <summary>Distinct key-population students visited at home in the period.</summary>
    public int KeyPopulationVisited { get; init; }

    public int Trainees { get; init; }

    /// <summary>Activities the school organised in the period (held by AsOf).</summary>
    public int Activities { get; init; }

    public int ActivityParticipants { get; init; }

    /// <summary>Family-education touring lectures the school hosted in the period.</summary>
    public int FamilyLectures { get; init; }

    public int FamilyLectureParticipants { get; init; }

    /// <summary>The state of the school's report for the dashboard's reporting period, if any was saved.</summary>
    public ReportState? ReportState { get; init; }

    public bool? ReportOnTime { get; init; }

    /// <summary>The figures a bi-monthly report is pre-filled with.</summary>
    public ReportFigures ToReport() => new()
    {
        Enrolment = Enrolment ?? StudentsOnFile,
        FullTimeTeachers = FullTime,
        PartTimeTeachers = PartTime,
        StudentsScreened = ScreenedInPeriod,
        Tier1 = Tier1,
        Tier2 = Tier2,
        Tier3 = Tier3,
        NewCrises = CrisesOpened,
        Referrals = Referrals,
        Talks = Talks,
        HomeVisits = HomeVisits,
        Trainees = Trainees,
        Activities = Activities,
        ActivityParticipants = ActivityParticipants,
        FamilyLectures = FamilyLectures,
    };
}

/// <summary>
/// Computes <see cref="SchoolFigures"/> for every selected school in one set-based SQL statement
/// (no per-school queries): the dashboards of the city and of a district and the pre-filling of
/// bi-monthly reports all read it. Rolling schools up into districts is a sum in memory (≤ 870 rows).
/// The statement and the cache's change stamps run on the reporting database when one is configured
/// (<see cref="ReportingConnections"/>); the staffing policies and the review cadence are read through
/// the context.
/// </summary>
public sealed class SchoolFiguresQuery(AppDbContext db, FiguresCache cache, ReportingConnections reporting)
{
    /// <summary>The statement, public so the benchmark can run it beside the portal's own code path.</summary>
    public const string Sql = """
        WITH sc AS MATERIALIZED (
            SELECT s.id, s.district_id, s.is_township_central_or_above AS needs_room
            FROM schools s
            WHERE s.id = ANY(@schools)),
        staff AS (
            SELECT m.school_id,
                   count(*) FILTER (WHERE m.psychology_post = 'FullTime') AS full_time,
                   count(*) FILTER (WHERE m.psychology_post = 'PartTime') AS part_time
            FROM staff_members m
            WHERE m.school_id = ANY(@schools) AND m.psychology_post <> 'None' AND (m.joined_on IS NULL OR m.joined_on <= @as_of) AND (m.left_on IS NULL OR m.left_on > @as_of)
            GROUP BY m.school_id),
        stu AS (
            SELECT st.school_id, count(*) AS on_file, count(*) FILTER (WHERE st.key_populations <> 0) AS key_population
            FROM students st
            WHERE st.school_id = ANY(@schools)
            GROUP BY st.school_id),
        latest AS (
            SELECT DISTINCT ON (r.student_id) r.school_id, r.warning
            FROM screening_results r
            WHERE r.school_id = ANY(@schools) AND NOT r.invalid AND NOT r.is_superseded AND r.taken_on BETWEEN @year_from AND @as_of
            ORDER BY r.student_id, r.taken_on DESC, r.id DESC),
        warn AS (
            SELECT school_id, count(*) AS screened_year,
                   count(*) FILTER (WHERE warning = 1) AS w1, count(*) FILTER (WHERE warning = 2) AS w2, count(*) FILTER (WHERE warning = 3) AS w3
            FROM latest GROUP BY school_id),
        scr AS (
            SELECT r.school_id, count(DISTINCT r.student_id) AS screened
            FROM screening_results r
            WHERE r.school_id = ANY(@schools) AND NOT r.invalid AND NOT r.is_superseded AND r.taken_on BETWEEN @from AND @as_of
            GROUP BY r.school_id),
        sup AS (
            SELECT x.school_id, count(*) FILTER (WHERE x.tier = 1) AS t1, count(*) FILTER (WHERE x.tier = 2) AS t2, count(*) FILTER (WHERE x.tier = 3) AS t3
            FROM (
                SELECT a.school_id,
                       CASE WHEN a.closed_on IS NULL AND @as_of >= @today THEN a.tier
                            ELSE coalesce((SELECT c.to_tier FROM support_changes c
                                           WHERE c.assignment_id = a.id AND c."on" <= @as_of AND c.to_tier IS NOT NULL
                                           ORDER BY c."on" DESC, c.id DESC LIMIT 1), a.tier) END AS tier
                FROM support_assignments a
                WHERE a.school_id = ANY(@schools) AND a.started_on <= @as_of AND (a.closed_on IS NULL OR a.closed_on > @as_of)) x
            GROUP BY x.school_id),
        due AS (
            SELECT a.school_id,
                   count(*) FILTER (WHERE a.tier = 1 AND coalesce(a.last_follow_up_on, a.started_on) + @tier1_days < @today) AS overdue1,
                   count(*) FILTER (WHERE a.tier > 1 AND coalesce(a.last_follow_up_on, a.started_on)
                                        + CASE a.tier WHEN 2 THEN @tier2_days ELSE @tier3_days END < @today) AS overdue23
            FROM support_assignments a
            WHERE a.school_id = ANY(@schools) AND a.status = 'Active'
            GROUP BY a.school_id),
        cri AS (
            SELECT e.school_id,
                   count(*) FILTER (WHERE e.opened_on BETWEEN @from AND @as_of) AS opened,
                   count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM crisis_steps s WHERE s.crisis_event_id = e.id AND s.step = 'Closed')) AS open_now
            FROM crisis_events e
            WHERE e.school_id = ANY(@schools)
            GROUP BY e.school_id),
        steps AS (
            SELECT e.school_id,
                   count(*) FILTER (WHERE s.step = 'Closed') AS closed,
                   count(*) FILTER (WHERE s.step = 'Referred' AND NOT s.not_applicable) AS referrals
            FROM crisis_steps s JOIN crisis_events e ON e.id = s.crisis_event_id
            WHERE e.school_id = ANY(@schools) AND s."on" BETWEEN @from AND @as_of AND s.step IN ('Closed', 'Referred')
            GROUP BY e.school_id),
        tk AS (
            SELECT t.school_id,
                   count(*) FILTER (WHERE t.kind <> 'HomeVisit') AS talks,
                   count(*) FILTER (WHERE t.kind = 'HomeVisit') AS visits,
                   count(DISTINCT t.student_id) FILTER (WHERE t.kind = 'HomeVisit' AND st.key_populations <> 0) AS key_visited
            FROM talks t JOIN students st ON st.id = t.student_id
            WHERE t.school_id = ANY(@schools) AND t.occurred_on BETWEEN @from AND @as_of
            GROUP BY t.school_id),
        tr AS (
            SELECT m.school_id, count(*) AS trainees
            FROM training_records r
            JOIN training_courses c ON c.id = r.course_id
            JOIN staff_members m ON m.id = r.staff_member_id
            WHERE m.school_id = ANY(@schools) AND c.starts_on BETWEEN @from AND @as_of
            GROUP BY m.school_id),
        act AS (
            SELECT a.school_id, count(*) AS activities, sum(a.participants) AS participants
            FROM activities a
            WHERE a.school_id = ANY(@schools) AND a.held_on BETWEEN @from AND @as_of
            GROUP BY a.school_id),
        lec AS (
            SELECT l.school_id, count(*) AS lectures, sum(l.participants) AS participants
            FROM family_lectures l
            WHERE l.school_id = ANY(@schools) AND l.held_on BETWEEN @from AND @as_of
            GROUP BY l.school_id)
        SELECT sc.id, sc.district_id,
               (SELECT e.students FROM school_enrolments e WHERE e.school_id = sc.id AND e.school_year <= @school_year
                ORDER BY e.school_year DESC LIMIT 1) AS enrolment,
               coalesce(staff.full_time, 0), coalesce(staff.part_time, 0),
               sc.needs_room, coalesce(cr.is_standardized, false) AS has_room,
               (SELECT max(CASE f.level WHEN 'National' THEN 3 WHEN 'Provincial' THEN 2 ELSE 1 END) FROM featured_schools f WHERE f.school_id = sc.id) AS featured,
               coalesce(stu.on_file, 0), coalesce(stu.key_population, 0),
               coalesce(warn.screened_year, 0), coalesce(scr.screened, 0),
               coalesce(warn.w1, 0), coalesce(warn.w2, 0), coalesce(warn.w3, 0),
               coalesce(sup.t1, 0), coalesce(sup.t2, 0), coalesce(sup.t3, 0),
               coalesce(due.overdue1, 0), coalesce(due.overdue23, 0),
               coalesce(cri.opened, 0), coalesce(steps.closed, 0), coalesce(steps.referrals, 0), coalesce(cri.open_now, 0),
               coalesce(tk.talks, 0), coalesce(tk.visits, 0), coalesce(tk.key_visited, 0),
               coalesce(tr.trainees, 0),
               coalesce(act.activities, 0), coalesce(act.participants, 0), coalesce(lec.lectures, 0), coalesce(lec.participants, 0),
               rep.state, rep.on_time
        FROM sc
        LEFT JOIN staff ON staff.school_id = sc.id
        LEFT JOIN counselling_rooms cr ON cr.school_id = sc.id
        LEFT JOIN stu ON stu.school_id = sc.id
        LEFT JOIN warn ON warn.school_id = sc.id
        LEFT JOIN scr ON scr.school_id = sc.id
        LEFT JOIN sup ON sup.school_id = sc.id
        LEFT JOIN due ON due.school_id = sc.id
        LEFT JOIN cri ON cri.school_id = sc.id
        LEFT JOIN steps ON steps.school_id = sc.id
        LEFT JOIN tk ON tk.school_id = sc.id
        LEFT JOIN tr ON tr.school_id = sc.id
        LEFT JOIN act ON act.school_id = sc.id
        LEFT JOIN lec ON lec.school_id = sc.id
        LEFT JOIN bimonthly_reports rep ON rep.school_id = sc.id AND rep.period_start = @report_period
        ORDER BY sc.id
        """;

    /// <summary>
    /// The figures of the selected schools over <paramref name="period"/>; report states are those of
    /// <paramref name="reportPeriod"/>. Each school's figures come from the cache unless its data
    /// changed since they were computed (<see cref="FiguresCache"/>).
    /// </summary>
    public async Task<IReadOnlyList<SchoolFigures>> ForAsync(SchoolSelection selection, Period period, BimonthlyPeriod reportPeriod,
        DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(period);
        var asOf = period.AsOf(today);
        var policy = StaffingPolicy.InForceOn(await db.StaffingPolicies.AsNoTracking().ToListAsync(cancellationToken), asOf);
        var cadence = await ReviewCadenceSetting.CurrentAsync(db, cancellationToken);
        var key = string.Create(CultureInfo.InvariantCulture,
            $"figures {period.From:yyyy-MM-dd} {asOf:yyyy-MM-dd} {today:yyyy-MM-dd} {reportPeriod.From:yyyy-MM-dd} {cadence.Tier1Days} {cadence.Tier2Days} {cadence.Tier3Days}");
        var rows = await reporting.RunAsync(db, connection => cache.GetAsync(connection, key, selection,
            ids => ComputeAsync(connection, ids, period, reportPeriod, today, cadence, cancellationToken), cancellationToken), cancellationToken);

        // The teachers required follow the policy in force, applied here (it is not a school's data).
        return rows.Select(r => r.Value with { Required = SchoolStaffing.For(policy, r.Value.Enrolment, r.Value.FullTime, r.Value.PartTime).Required }).ToList();
    }

    /// <summary>The statement for the given schools, each school's row (without <see cref="SchoolFigures.Required"/>).</summary>
    private static async Task<IReadOnlyDictionary<int, SchoolFigures>> ComputeAsync(NpgsqlConnection connection, int[] schoolIds, Period period,
        BimonthlyPeriod reportPeriod, DateOnly today, ReviewCadence cadence, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        AddParameters(command, schoolIds, period, reportPeriod, today, cadence);
        var rows = new Dictionary<int, SchoolFigures>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var i = 0;
            int Next() => (int)reader.GetInt64(i++);
            var schoolId = reader.GetInt32(i++);
            var districtId = reader.GetInt32(i++);
            int? enrolment = reader.IsDBNull(i) ? null : reader.GetInt32(i);
            i++;
            var fullTime = Next();
            var partTime = Next();
            var needsRoom = reader.GetBoolean(i++);
            var hasRoom = reader.GetBoolean(i++);
            FeaturedLevel? featured = reader.IsDBNull(i) ? null : (FeaturedLevel)reader.GetInt32(i);
            i++;
            rows[schoolId] = new SchoolFigures
            {
                SchoolId = schoolId,
                DistrictId = districtId,
                Enrolment = enrolment,
                FullTime = fullTime,
                PartTime = partTime,
                NeedsRoom = needsRoom,
                HasRoom = hasRoom,
                Featured = featured,
                StudentsOnFile = Next(),
                KeyPopulationStudents = Next(),
                ScreenedThisYear = Next(),
                ScreenedInPeriod = Next(),
                Warning1 = Next(),
                Warning2 = Next(),
                Warning3 = Next(),
                Tier1 = Next(),
                Tier2 = Next(),
                Tier3 = Next(),
                Overdue1 = Next(),
                Overdue23 = Next(),
                CrisesOpened = Next(),
                CrisesClosed = Next(),
                Referrals = Next(),
                CrisesOpenNow = Next(),
                Talks = Next(),
                HomeVisits = Next(),
                KeyPopulationVisited = Next(),
                Trainees = Next(),
                Activities = Next(),
                ActivityParticipants = Next(),
                FamilyLectures = Next(),
                FamilyLectureParticipants = Next(),
                ReportState = reader.IsDBNull(i) ? null : Enum.Parse<ReportState>(reader.GetString(i)),
                ReportOnTime = reader.IsDBNull(i + 1) ? null : reader.GetBoolean(i + 1),
            };
        }

        return rows;
    }

    /// <summary>The statement's parameters: the schools by id, the period, today and the review cadence.</summary>
    public static void AddParameters(NpgsqlCommand command, int[] schoolIds, Period period, BimonthlyPeriod reportPeriod,
        DateOnly today, ReviewCadence cadence)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(cadence);
        var asOf = period.AsOf(today);
        var year = SchoolYear.Containing(asOf);
        command.Parameters.Add(new NpgsqlParameter<int[]>("schools", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = schoolIds });
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", period.From));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("as_of", asOf));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("year_from", year.FirstDay));
        command.Parameters.Add(new NpgsqlParameter<int>("school_year", year.StartYear));
        command.Parameters.Add(new NpgsqlParameter<int>("tier1_days", cadence.Tier1Days));
        command.Parameters.Add(new NpgsqlParameter<int>("tier2_days", cadence.Tier2Days));
        command.Parameters.Add(new NpgsqlParameter<int>("tier3_days", cadence.Tier3Days));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("report_period", reportPeriod.From));
    }
}
