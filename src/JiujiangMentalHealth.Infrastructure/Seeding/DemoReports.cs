using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// Demo bi-monthly reports: the last six reporting periods for every school, pre-filled from the demo
/// data itself. Older periods are almost all approved; the period being filed now is part approved,
/// part waiting for review, a few returned or not yet started — and 双峰小学 has not filed it yet, so
/// the demo counsellor can. Deterministic (fixed seed); skipped when any report exists. The scale
/// seeder rebuilds the reports of the schools it fills the same way, from their full data.
/// </summary>
public static class DemoReports
{
    private const string DemoSchool = "九江市双峰小学";
    private const string DemoDistrictCode = "360403";

    public const int DemoPeriods = 6;

    public static async Task<int> SeedAsync(AppDbContext db, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.BimonthlyReports.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var reports = await BuildAsync(db, null, DemoPeriods, today, now, new Random(20240512), cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.BimonthlyReports.AddRange(reports);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return reports.Count;
    }

    /// <summary>
    /// The reports of the <paramref name="periods"/> latest ended periods for the given schools (all when null),
    /// pre-filled with the portal's own figures as they stand now, in the states described above.
    /// </summary>
    internal static async Task<List<BimonthlyReport>> BuildAsync(
        AppDbContext db, IReadOnlySet<int>? schoolIds, int periods, DateOnly today, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var schools = (await db.Schools.AsNoTracking().OrderBy(s => s.Code)
                .Select(s => new { s.Id, s.Name, DistrictCode = s.District!.Code }).ToListAsync(cancellationToken))
            .Where(s => schoolIds is null || schoolIds.Contains(s.Id))
            .ToList();
        // The figures as they stand in this database, never a replica's (which may lag behind the seeding).
        var query = new SchoolFiguresQuery(db, new FiguresCache(), ReportingConnections.None);
        var latest = BimonthlyPeriod.LatestEnded(today);
        var reports = new List<BimonthlyReport>();
        var period = latest;
        for (var age = 0; age < periods; age++, period = period.Previous)
        {
            var due = period.DueOn(BimonthlyPeriod.DefaultDeadlineDay);
            var figures = (await query.ForAsync(SchoolSelection.City, Period.OfBiMonth(period), period, today, cancellationToken))
                .ToDictionary(f => f.SchoolId);
            var forcedReview = 0;
            foreach (var school in schools)
            {
                var roll = random.NextDouble();
                if (age == 0 && school.Name == DemoSchool)
                {
                    continue;
                }

                var report = new BimonthlyReport(school.Id, period, figures[school.Id].ToReport());
                var submittedOn = due.AddDays(random.Next(-9, 1));
                if (random.NextDouble() < 0.12)
                {
                    submittedOn = due.AddDays(random.Next(1, 12));
                }

                if (submittedOn <= period.To)
                {
                    submittedOn = period.To.AddDays(1);
                }

                var submittedAt = new DateTimeOffset(submittedOn.ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero);
                var reviewedAt = submittedAt.AddDays(random.Next(1, 5));
                reviewedAt = reviewedAt < now ? reviewedAt : now;
                var caughtUp = submittedOn <= today;
                if (age == 0 && school.DistrictCode == DemoDistrictCode && forcedReview < 3 && caughtUp)
                {
                    forcedReview++;
                    report.Submit("demo", submittedAt, submittedOn, due);
                }
                else if (age > 0 ? roll < 0.95 : roll < 0.55)
                {
                    if (!caughtUp)
                    {
                        continue;
                    }

                    report.Submit("demo", submittedAt, submittedOn, due);
                    report.Approve("demo-district", reviewedAt);
                }
                else if (age > 0 ? roll < 0.98 : roll < 0.75)
                {
                    if (!caughtUp)
                    {
                        continue;
                    }

                    report.Submit("demo", submittedAt, submittedOn, due);
                }
                else if (age == 0 && roll < 0.80 && caughtUp)
                {
                    report.Submit("demo", submittedAt, submittedOn, due);
                    report.Return("在校学生数与学籍系统不一致，请核对后重新报送", "demo-district", reviewedAt);
                }
                else if (age == 0 && roll < 0.85)
                {
                    report.Save(report.Prefilled, null, "demo", submittedAt);
                }
                else
                {
                    continue;
                }

                reports.Add(report);
            }
        }

        return reports;
    }
}
