using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The city-scale seeder on two schools of the demo city (the same code path as <c>seed --scale city</c>,
/// in a few seconds): full enrolment with valid, unique student numbers, two school years of screenings
/// with a realistic spread, support of every tier staffed from the school's own people, reports rebuilt
/// from the full data, the schema put back exactly as it was, and nothing added by a second run.
/// </summary>
public class ScaleSeederTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // 九江市湓浦小学 (a primary school of 1,600) and 九江市第十一中学 (a junior school of 1,500), both in 浔阳区.
    private static readonly ScaleOptions TwoSchools = ScaleOptions.Schools("2136040306", "2136040308");

    private static readonly string[] Codes = [.. TwoSchools.SchoolCodes!];

    [Fact]
    public async Task Two_schools_are_filled_to_their_enrolment_with_two_years_of_consistent_records_and_a_second_run_adds_nothing()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var thisYear = SchoolYear.Containing(today);
        await using var db = factory.CreateDbContext();
        var schema = await SchemaAsync(db);
        var ids = await db.Schools.Where(s => Codes.Contains(s.Code)).Select(s => s.Id).ToListAsync();
        var otherStudents = await db.Students.CountAsync(s => !ids.Contains(s.SchoolId));

        var first = await SeedAsync();

        // Students: exactly the enrolment of this school year, in classes in session; the rest of the city untouched.
        var schools = await db.Schools.Where(s => Codes.Contains(s.Code))
            .Select(s => new { s.Id, Enrolment = s.Enrolments.Where(e => e.SchoolYear == thisYear.StartYear).Select(e => e.Students).Single() })
            .ToDictionaryAsync(s => s.Id, s => s.Enrolment);
        Assert.Equal(2, first.SchoolsFilled);
        foreach (var (schoolId, enrolment) in schools)
        {
            Assert.Equal(enrolment, await db.Students.CountAsync(s => s.SchoolId == schoolId));
        }

        Assert.Equal(otherStudents, await db.Students.CountAsync(s => !ids.Contains(s.SchoolId)));
        Assert.False(await db.Students.AnyAsync(s => ids.Contains(s.SchoolId)
            && !db.SchoolClasses.Any(c => c.Id == s.ClassId && c.SchoolId == s.SchoolId && c.EntryYear > thisYear.StartYear - 6)));

        // Every national student number valid (check character included) and unique in the city.
        var numbers = await db.Students.Select(s => s.StudentNumber).ToListAsync();
        Assert.All(numbers, n => Assert.True(Student.IsValidNumber(n), n));
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());

        // Two school years of screening: about two results a student; the provincial results spread as a real year.
        var results = await db.ScreeningResults.CountAsync(r => ids.Contains(r.SchoolId));
        Assert.InRange(results, 1.6 * schools.Values.Sum(), 2.3 * schools.Values.Sum());
        Assert.Equal(2, await db.ScreeningResults.Where(r => ids.Contains(r.SchoolId) && r.Instrument == Instrument.Provincial)
            .Select(r => r.TakenOn.Year).Distinct().CountAsync());
        var spread = await db.ScreeningResults.Where(r => ids.Contains(r.SchoolId) && r.Instrument == Instrument.Provincial)
            .GroupBy(r => r.Warning).Select(g => new { Level = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Level, g => g.Count);
        var provincial = spread.Values.Sum();
        Assert.InRange(spread[WarningLevel.None] / (double)provincial, 0.85, 0.92);
        Assert.True(spread[WarningLevel.Level1] < spread[WarningLevel.Level2] && spread[WarningLevel.Level2] < spread[WarningLevel.Level3],
            string.Join(", ", spread.Select(s => $"{s.Key} {s.Value}")));
        Assert.True(await db.ScreeningResults.AnyAsync(r => ids.Contains(r.SchoolId) && r.DecisionState == TierDecisionState.Pending));
        Assert.True(await db.ScreeningResults.AnyAsync(r => ids.Contains(r.SchoolId) && r.Instrument == Instrument.Gad7));

        // Support: about 5% of the students on a team now, of every tier, every member on the school's own staff.
        var active = await db.SupportAssignments.Where(a => ids.Contains(a.SchoolId) && a.Status == AssignmentStatus.Active)
            .GroupBy(a => a.Tier).Select(g => new { Tier = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Tier, g => g.Count);
        Assert.Equal([1, 2, 3], active.Keys.Order());
        Assert.InRange(active.Values.Sum() / (double)schools.Values.Sum(), 0.03, 0.08);
        Assert.True(await db.SupportAssignments.AnyAsync(a => ids.Contains(a.SchoolId) && a.Status == AssignmentStatus.Closed));
        Assert.False(await db.SupportMembers.AnyAsync(m => db.SupportAssignments.Any(a => a.Id == m.AssignmentId && ids.Contains(a.SchoolId)
            && !db.StaffMembers.Any(s => s.Id == m.StaffMemberId && s.SchoolId == a.SchoolId))));
        Assert.False(await db.SupportAssignments.AnyAsync(a => ids.Contains(a.SchoolId) && a.Tier == 1 && a.Status == AssignmentStatus.Active
            && db.SupportMembers.Count(m => m.AssignmentId == a.Id) != 3));
        Assert.True(await db.FollowUps.AnyAsync(f => db.SupportAssignments.Any(a => a.Id == f.AssignmentId && ids.Contains(a.SchoolId))));
        Assert.True(await db.CrisisEvents.AnyAsync(e => ids.Contains(e.SchoolId)));
        Assert.True(await db.Talks.AnyAsync(t => ids.Contains(t.SchoolId)));

        // Reports of every period of both school years (a few left unfiled, as in the demo), pre-filled from the full data.
        var reports = await db.BimonthlyReports.Where(r => ids.Contains(r.SchoolId))
            .Select(r => new { r.SchoolId, r.PeriodStart, r.Prefilled.Enrolment, r.Prefilled.StudentsScreened })
            .ToListAsync();
        Assert.InRange(reports.Count, 2 * 5, 2 * 7);
        Assert.Contains(reports, r => r.PeriodStart < thisYear.FirstDay);
        Assert.Contains(reports, r => r.PeriodStart >= thisYear.FirstDay);
        Assert.Contains(reports, r => r.StudentsScreened > 1000);
        foreach (var report in reports)
        {
            var period = BimonthlyPeriod.Containing(report.PeriodStart);
            var screened = await db.ScreeningResults
                .Where(r => r.SchoolId == report.SchoolId && !r.Invalid && !r.IsSuperseded && r.TakenOn >= period.From && r.TakenOn <= period.To)
                .Select(r => r.StudentId).Distinct().CountAsync();
            Assert.Equal(screened, report.StudentsScreened);
            if (period.From >= thisYear.FirstDay)
            {
                Assert.Equal(schools[report.SchoolId], report.Enrolment);
            }
        }

        // The indexes and foreign keys dropped for the load are back, exactly as the migrations made them.
        Assert.Equal(schema, await SchemaAsync(db));

        // What it printed is what the database holds.
        Assert.Equal(await db.Students.CountAsync(), first.Tables.Single(t => t.Table == "students").Total);

        var second = await SeedAsync();
        Assert.Equal(0, second.SchoolsFilled);
        Assert.Equal(2, second.SchoolsAlreadyFilled);
        Assert.All(second.Tables, t => Assert.Equal(0, t.Added));
        Assert.Equal(first.Tables.Select(t => t.Total), second.Tables.Select(t => t.Total));
    }

    [Fact]
    public void The_command_line_names_the_city_or_a_district()
    {
        Assert.Equal(ScaleOptions.City, ScaleOptions.Parse("city", null));
        Assert.Equal(ScaleOptions.DefaultDistrict, ScaleOptions.Parse("district", null)!.DistrictCode);
        Assert.Equal("360424", ScaleOptions.Parse("district", "360424")!.DistrictCode);
        Assert.Null(ScaleOptions.Parse("district", "999999"));
        Assert.Null(ScaleOptions.Parse("province", null));
        Assert.Null(ScaleOptions.Parse("", null));
    }

    private async Task<ScaleSeedResult> SeedAsync()
    {
        await using var db = factory.CreateDbContext();
        return await new ScaleSeeder(db, TimeProvider.System, NullLogger<ScaleSeeder>.Instance).SeedAsync(TwoSchools);
    }

    /// <summary>Every secondary index and foreign key of the public schema, as the catalogue defines them.</summary>
    private static async Task<List<string>> SchemaAsync(AppDbContext db) =>
        await OpenConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                WHERE c.relnamespace = 'public'::regnamespace
                UNION ALL
                SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND contype IN ('f', 'u', 'c')
                ORDER BY 1
                """, connection);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }, CancellationToken.None);
}
