using System.Diagnostics;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// 规模数据 — fills schools of the demo city (all 870, one district, or a few) to the enrolment their
/// statistics give, about 709,000 students for the city, with two school years of records around them
/// (see <see cref="ScaleGenerator"/>), and rebuilds their bi-monthly reports from the full data. For
/// benchmarks: run it on a benchmark database, after the demo seed, which gives the schools, classes,
/// staff, accounts and the demo's few students per class.
/// </summary>
/// <remarks>
/// Idempotent per school: a filled school carries a marker import batch and a second run skips it, so
/// <c>district</c> then <c>city</c> fills the remaining districts, and <c>city</c> twice adds nothing.
/// One transaction: a failed run leaves nothing behind. Every large table is written with binary COPY,
/// with explicit ids (no read-back) and with its secondary indexes and foreign keys dropped and rebuilt
/// around the load (<see cref="BulkLoad"/>); the reports (a few thousand rows) go through EF.
/// </remarks>
public sealed class ScaleSeeder(AppDbContext db, TimeProvider clock, ILogger<ScaleSeeder> logger)
{
    /// <summary>The tables written with COPY, in the order they are written.</summary>
    private static readonly string[] CopiedTables =
    [
        "students", "screening_campaigns", "import_batches", "screening_results", "talks", "support_assignments",
        "support_members", "support_changes", "follow_ups", "crisis_events", "crisis_steps", "activities",
    ];

    private static readonly string[] ExplicitIdTables =
        ["students", "screening_campaigns", "import_batches", "screening_results", "support_assignments", "crisis_events"];

    private static readonly string[] CountedTables = [.. CopiedTables, "bimonthly_reports", "report_events"];

    public async Task<ScaleSeedResult> SeedAsync(ScaleOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        // Index builds, constraint checks and the city's report figures run longer than the 30 s default.
        db.Database.SetConnectionString(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { CommandTimeout = 0 }.ConnectionString);
        db.Database.SetCommandTimeout(0);
        var before = await CountAsync(cancellationToken);
        var phases = new List<(string, TimeSpan)>();
        var strategy = db.Database.CreateExecutionStrategy();
        var (filled, skipped) = await strategy.ExecuteAsync(async () =>
        {
            phases.Clear();
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outcome = await FillAsync(options, phases, cancellationToken);
            if (outcome.Filled > 0)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return outcome;
        });

        if (filled > 0)
        {
            // After the commit, since VACUUM cannot run in a transaction: the new pages are marked all-visible
            // (counts can use index-only scans) and hinted now, not on the benchmarks' first reads.
            var vacuum = Stopwatch.StartNew();
            await OpenConnection.RunAsync(db, async connection =>
            {
                await using var command = new NpgsqlCommand($"VACUUM {string.Join(", ", CountedTables)}", connection);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
            phases.Add(("vacuum (visibility map, hint bits)", vacuum.Elapsed));
        }

        var after = await CountAsync(cancellationToken);
        var size = await OpenConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
        var result = new ScaleSeedResult(options, filled, skipped, Stopwatch.GetElapsedTime(started), phases,
            CountedTables.Select((t, i) => (t, after[i] - before[i], after[i])).ToList(), size);
        logger.LogInformation("Scale seeding ({Scale}): {Filled} schools filled, {Skipped} already filled, {Students} students added in {Seconds:0.0} s",
            options.Name, filled, skipped, result.Added("students"), result.Elapsed.TotalSeconds);
        return result;
    }

    private async Task<(int Filled, int Skipped)> FillAsync(ScaleOptions options, List<(string, TimeSpan)> phases, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        void Phase(string name)
        {
            phases.Add((name, watch.Elapsed));
            logger.LogInformation("Scale seeding: {Phase} in {Seconds:0.0} s", name, watch.Elapsed.TotalSeconds);
            watch.Restart();
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // The report figures statement's cost estimate makes PostgreSQL JIT-compile it, which takes longer
        // (~1.4 s) than running it; and its sorts over a million results want more than the default 4 MB.
        await using (var settings = new NpgsqlCommand("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var thisYear = SchoolYear.Containing(today);
        var index = DemoCity.Schools.Select((entry, i) => (entry, i)).Where(x => options.Includes(x.entry)).ToDictionary(x => x.entry.Code, x => x.i);
        var codes = index.Keys.ToList();
        var rows = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).OrderBy(s => s.Code)
            .Select(s => new
            {
                s.Id, s.Code, s.Name, s.DistrictId, DistrictCode = s.District!.Code,
                Enrolment = s.Enrolments.Where(e => e.SchoolYear == thisYear.StartYear).Select(e => e.Students).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"No school of scale '{options.Name}' is in the database: seed the demo city first.");
        }

        // Whoever comes second waits here for the first to commit, then finds its markers.
        await using (var command = new NpgsqlCommand("LOCK TABLE import_batches IN SHARE ROW EXCLUSIVE MODE", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var markers = rows.Select(s => ScaleGenerator.Marker(s.Code)).ToList();
        var done = (await db.ImportBatches.AsNoTracking().Where(b => markers.Contains(b.Sha256)).Select(b => b.SchoolId).ToListAsync(cancellationToken)).ToHashSet();
        var schools = rows.Where(s => !done.Contains(s.Id))
            .Select(s => new ScaleSchool(s.Id, s.Code, index[s.Code], s.Name, s.DistrictId, s.DistrictCode, s.Enrolment))
            .ToList();
        if (schools.Count == 0)
        {
            return (0, done.Count);
        }

        var bulk = await BulkLoad.PrepareAsync(connection, CopiedTables, cancellationToken);
        var ids = new ScaleIds(
            await bulk.MaxIdAsync("students", cancellationToken), await bulk.MaxIdAsync("screening_campaigns", cancellationToken),
            await bulk.MaxIdAsync("import_batches", cancellationToken), await bulk.MaxIdAsync("screening_results", cancellationToken),
            await bulk.MaxIdAsync("support_assignments", cancellationToken), await bulk.MaxIdAsync("crisis_events", cancellationToken));
        var generator = new ScaleGenerator(today, now, ids);
        await LoadAsync(schools, generator, thisYear, today, cancellationToken);
        Phase($"read {schools.Count} schools, drop secondary indexes");

        await using (var writer = await connection.BeginBinaryImportAsync($"COPY students (id, {DemoStudents.StudentColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var student in schools.SelectMany(s => s.Students).Where(s => s.IsNew))
            {
                writer.StartRow();
                writer.Write(student.Plan.Id, NpgsqlDbType.Integer);
                DemoStudents.WriteStudent(writer, student.Plan.Student);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        Phase("students");

        // Results stream out school by school as they are generated; everything else is kept for the COPYs after.
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY screening_results (id, {DemoStudents.ResultColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var results = new List<(long Id, ScreeningResult Result)>();
            foreach (var school in schools)
            {
                results.Clear();
                generator.Generate(school, results);
                foreach (var (id, result) in results)
                {
                    writer.StartRow();
                    writer.Write(id, NpgsqlDbType.Bigint);
                    DemoStudents.WriteResult(writer, result);
                }

                school.Students.Clear();
            }

            await writer.CompleteAsync(cancellationToken);
        }

        Phase("screening results (generated and written)");
        await WriteRestAsync(connection, generator, cancellationToken);
        Phase("talks, support, crises, activities");
        await bulk.RestoreAsync(ExplicitIdTables, cancellationToken);
        Phase("rebuild indexes, check foreign keys, analyze");
        await RebuildReportsAsync(schools.Select(s => s.Id).ToHashSet(), generator.FirstSchoolYear, today, now, cancellationToken);
        Phase("bi-monthly reports from the full data");
        return (schools.Count, done.Count);
    }

    /// <summary>Classes, the demo's students, staff, accounts and campaigns of the schools; then the new students.</summary>
    private async Task LoadAsync(List<ScaleSchool> schools, ScaleGenerator generator, SchoolYear thisYear, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = schools.Select(s => s.Id).ToList();
        var classes = (await db.SchoolClasses.AsNoTracking().Where(c => ids.Contains(c.SchoolId)).Where(SchoolClassQueries.InSession(thisYear))
                .Select(c => new { c.SchoolId, Class = new ScaleClass(c.Id, c.Section, c.EntryYear, c.Number) })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.SchoolId, c => c.Class);
        var existing = (await db.Students.AsNoTracking().Where(s => ids.Contains(s.SchoolId)).OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.SchoolId, s.ClassId, s.StudentNumber, s.Name, s.Gender, s.BirthDate, s.KeyPopulations })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.SchoolId);
        var numbers = new DemoStudents.StudentNumbers(await db.Students.AsNoTracking().Select(s => s.StudentNumber).ToListAsync(cancellationToken));
        var people = await DemoStudents.LoadPeopleAsync(db, today, cancellationToken);
        var staff = await DemoSupport.LoadStaffAsync(db, today, cancellationToken);
        var campaignName = generator.CurrentCampaignName;
        var campaignStart = generator.CurrentCampaignStart;
        var campaigns = await db.ScreeningCampaigns.AsNoTracking()
            .Where(c => ids.Contains(c.SchoolId) && c.Name == campaignName && c.StartsOn == campaignStart && c.Instrument == Instrument.Provincial)
            .GroupBy(c => c.SchoolId).Select(g => new { SchoolId = g.Key, Id = g.Min(c => c.Id) })
            .ToDictionaryAsync(c => c.SchoolId, c => c.Id, cancellationToken);

        foreach (var school in schools)
        {
            school.Classes.AddRange(classes[school.Id].OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number));
            school.People = people.GetValueOrDefault(school.Id) ?? DemoStudents.SchoolPeople.Empty;
            school.Staff = staff.GetValueOrDefault(school.Id);
            school.CurrentCampaignId = campaigns.TryGetValue(school.Id, out var campaignId) ? campaignId : null;
            school.Recorder = DemoSeeder.AccountFor(school.Name, Roles.Counsellor) ?? DemoSupport.SystemUser;
            school.LeaderUser = DemoSeeder.AccountFor(school.Name, Roles.SchoolLeader) ?? school.Staff?.LeaderName ?? DemoSupport.SystemUser;
            var byId = school.Classes.ToDictionary(c => c.Id);
            foreach (var s in existing[school.Id].Where(s => byId.ContainsKey(s.ClassId)))
            {
                var student = new Student(school.Id, s.ClassId, new StudentProfile(s.StudentNumber, s.Name, s.Gender, s.BirthDate, s.KeyPopulations));
                var plan = new DemoStudents.StudentPlan(student, SeedHash.Of(s.Id, 9), "母亲") { Id = s.Id, IndexInSchool = school.Students.Count };
                school.Students.Add(new ScaleStudent(plan, byId[s.ClassId], IsNew: false));
            }

            var perClass = school.Students.GroupBy(s => s.Class.Id).ToDictionary(g => g.Key, g => g.Count());
            generator.PlanStudents(school, perClass, numbers);
        }
    }

    private static async Task WriteRestAsync(NpgsqlConnection connection, ScaleGenerator generator, CancellationToken cancellationToken)
    {
        await CopyAsync(connection, $"screening_campaigns (id, {DemoStudents.CampaignColumns})", generator.Campaigns, (w, c) =>
        {
            w.Write(c.Id, NpgsqlDbType.Integer);
            DemoStudents.WriteCampaign(w, c.Campaign);
        }, cancellationToken);
        await CopyAsync(connection, $"import_batches (id, {DemoStudents.BatchColumns})", generator.Batches, (w, b) =>
        {
            w.Write(b.Id, NpgsqlDbType.Bigint);
            DemoStudents.WriteBatch(w, b.Batch);
        }, cancellationToken);
        await CopyAsync(connection, $"talks ({DemoStudents.TalkColumns})", generator.Talks, DemoStudents.WriteTalk, cancellationToken);
        await CopyAsync(connection, $"support_assignments (id, {DemoSupport.AssignmentColumns})", generator.Assignments, (w, a) =>
        {
            w.Write(a.Id, NpgsqlDbType.Bigint);
            DemoSupport.WriteAssignment(w, a.Assignment);
        }, cancellationToken);
        await CopyAsync(connection, $"support_members ({DemoSupport.MemberColumns})",
            generator.Assignments.SelectMany(a => a.Assignment.Members.Select(m => (a.Id, m))), (w, x) => DemoSupport.WriteMember(w, x.Id, x.m), cancellationToken);
        await CopyAsync(connection, $"support_changes ({DemoSupport.ChangeColumns})",
            generator.Assignments.SelectMany(a => a.Assignment.Changes.Select(c => (a.Id, c))), (w, x) => DemoSupport.WriteChange(w, x.Id, x.c), cancellationToken);
        await CopyAsync(connection, $"follow_ups ({DemoSupport.FollowUpColumns})",
            generator.Assignments.SelectMany(a => a.Assignment.FollowUps.Select(f => (a.Id, f))), (w, x) => DemoSupport.WriteFollowUp(w, x.Id, x.f), cancellationToken);
        await CopyAsync(connection, $"crisis_events (id, {DemoSupport.CrisisColumns})", generator.Crises, (w, c) =>
        {
            w.Write(c.Id, NpgsqlDbType.Bigint);
            DemoSupport.WriteCrisis(w, c.Crisis);
        }, cancellationToken);
        await CopyAsync(connection, $"crisis_steps ({DemoSupport.StepColumns})",
            generator.Crises.SelectMany(c => c.Crisis.Steps.Select(s => (c.Id, s))), (w, x) => DemoSupport.WriteStep(w, x.Id, x.s), cancellationToken);
        await CopyAsync(connection, $"activities ({ActivityColumns})", generator.Activities, WriteActivity, cancellationToken);
    }

    private const string ActivityColumns =
        "level, district_id, school_id, type, title, held_on, organiser, audience, grades, participants, partners, partner_names, summary, recorded_by, recorded_at";

    private static void WriteActivity(NpgsqlBinaryImporter writer, Domain.Outreach.Activity a)
    {
        writer.Write(a.Level.ToString(), NpgsqlDbType.Varchar);
        writer.WriteNullable(a.DistrictId, NpgsqlDbType.Integer);
        writer.WriteNullable(a.SchoolId, NpgsqlDbType.Integer);
        writer.Write(a.Type.ToString(), NpgsqlDbType.Varchar);
        writer.Write(a.Title, NpgsqlDbType.Varchar);
        writer.Write(a.HeldOn, NpgsqlDbType.Date);
        writer.WriteNullable(a.Organiser);
        writer.Write((int)a.Audience, NpgsqlDbType.Integer);
        writer.WriteNullable(a.Grades);
        writer.Write(a.Participants, NpgsqlDbType.Integer);
        writer.Write((int)a.Partners, NpgsqlDbType.Integer);
        writer.WriteNullable(a.PartnerNames);
        writer.WriteNullable(a.Summary);
        writer.Write(a.RecordedBy, NpgsqlDbType.Varchar);
        writer.Write(a.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            writer.StartRow();
            write(writer, row);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// The demo's reports of the filled schools described a handful of students per class: they are replaced
    /// by reports of every period of the two school years, pre-filled from the full data as the portal would.
    /// </summary>
    private async Task RebuildReportsAsync(IReadOnlySet<int> schoolIds, SchoolYear firstYear, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = schoolIds.ToList();
        await db.BimonthlyReports.Where(r => ids.Contains(r.SchoolId)).ExecuteDeleteAsync(cancellationToken);
        var first = BimonthlyPeriod.Containing(firstYear.FirstDay);
        var latest = BimonthlyPeriod.LatestEnded(today);
        var periods = 0;
        for (var p = latest; p.From >= first.From; p = p.Previous)
        {
            periods++;
        }

        var reports = await DemoReports.BuildAsync(db, schoolIds, periods, today, now, new Random(709_000), cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.BimonthlyReports.AddRange(reports);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private async Task<long[]> CountAsync(CancellationToken cancellationToken) =>
        await OpenConnection.RunAsync(db, async connection =>
        {
            var sql = "SELECT " + string.Join(", ", CountedTables.Select(t => $"(SELECT count(*) FROM {t})"));
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return CountedTables.Select((_, i) => reader.GetInt64(i)).ToArray();
        }, cancellationToken);
}
