using System.Diagnostics;
using System.Globalization;
using System.Text;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 导入性能基准 — times the import of a provincial results file of a whole large school (50,000
/// rows by default, GBK CSV) through exactly the page's code path: check and park (step 1), then
/// load, check again, COPY and audit in one transaction (step 2). Beside it, the same rows written
/// by the database alone (the same binary COPY, rolled back), as a ratio measured in the same run.
/// </summary>
/// <remarks>
/// Uses (and on first run creates) a school <see cref="SchoolName"/> with enough students. Each run
/// imports its results on a new date (the day before the school's earliest result), so runs never
/// collide and the figures include the "already imported" check against earlier runs' rows.
/// Run it on a benchmark or development database, not production: the school and results stay.
/// </remarks>
public static class ImportBenchmark
{
    public const string SchoolCode = "3604990001";
    public const string SchoolName = "导入性能基准测试学校";
    public const string UserName = "bench";

    // A district code area no real student carries: the benchmark's numbers never collide with real ones.
    private const string NumberArea = "360499";

    private static readonly string[] _surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] _givenNames = ["子涵", "欣怡", "梓轩", "浩然", "雨桐", "思远", "佳怡", "宇航", "诗涵", "俊杰", "一诺", "明轩", "若汐", "嘉豪", "语嫣", "天佑", "可馨", "睿", "琳", "博文"];

    /// <summary>The figures of one run.</summary>
    public sealed record Figures(
        int Rows,
        long FileBytes,
        TimeSpan Seeding,
        int StudentsCreated,
        TimeSpan Check,
        TimeSpan Confirm,
        TimeSpan RawCopy,
        ProvincialResults.Summary Summary)
    {
        public TimeSpan Total => Check + Confirm;

        public double RowsPerSecond => Rows / Total.TotalSeconds;

        public double RatioToRawCopy => Total.TotalSeconds / RawCopy.TotalSeconds;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"""
            Provincial results import benchmark: {Rows:N0} rows, GBK CSV of {FileBytes / 1024.0 / 1024.0:0.0} MB
              setup (not timed): {StudentsCreated:N0} students created in {Seeding.TotalSeconds:0.00} s
              step 1  upload -> check -> preview     {Check.TotalSeconds,7:0.00} s
              step 2  confirm -> check -> COPY       {Confirm.TotalSeconds,7:0.00} s
              total                                  {Total.TotalSeconds,7:0.00} s   {RowsPerSecond:N0} rows/s
              raw binary COPY of the same rows       {RawCopy.TotalSeconds,7:0.00} s   {Rows / RawCopy.TotalSeconds:N0} rows/s
              import / raw COPY                      {RatioToRawCopy,7:0.0}x
              warning levels: 一级 {Summary.Level1:N0}, 二级 {Summary.Level2:N0}, 三级 {Summary.Level3:N0}, 无 {Summary.None:N0}; dates {Summary.From:yyyy-MM-dd}..{Summary.To:yyyy-MM-dd}
              target: under 15 s -> {(Total.TotalSeconds < 15 ? "met" : "MISSED")}
            """);
    }

    public static async Task<Figures> RunAsync(IServiceProvider services, int rows = 50_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, ProvincialResults.MaxRows);

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AppDbContext>();
        var t = provider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var clock = provider.GetRequiredService<TimeProvider>();
        var protection = provider.GetRequiredService<IDataProtectionProvider>();
        var audit = provider.GetRequiredService<AuditLog>();

        var seeding = Stopwatch.StartNew();
        var school = await EnsureSchoolAsync(db, clock, cancellationToken);
        var created = await EnsureStudentsAsync(db, school.Id, rows, cancellationToken);
        seeding.Stop();

        var students = await db.Students.Where(s => s.SchoolId == school.Id)
            .OrderBy(s => s.Id).Take(rows)
            .Select(s => new { s.StudentNumber, s.Name })
            .ToListAsync(cancellationToken);
        var earliest = await db.ScreeningResults
            .Where(r => r.SchoolId == school.Id && r.Instrument == Instrument.Provincial)
            .MinAsync(r => (DateOnly?)r.TakenOn, cancellationToken);
        var takenOn = earliest?.AddDays(-1) ?? ChinaTime.Today(clock);
        var content = GbkCsv(students.Select(s => (s.StudentNumber, s.Name)), takenOn);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"赣鄱心理测评导出_{takenOn:yyyyMMdd}.csv");
        var roster = db.Students.Where(s => s.SchoolId == school.Id);
        var results = new ProvincialResults(db, t, clock);
        var pending = new PendingImports(protection, clock);

        // Step 1, as OnPostAsync: check, then park the file for the preview.
        var watch = Stopwatch.StartNew();
        var check = await results.CheckAsync(content, fileName, school, roster, cancellationToken);
        if (!check.Succeeded)
        {
            throw new InvalidOperationException("The benchmark file did not pass the check: "
                + (check.FileError ?? string.Join("; ", check.Errors.Take(5).Select(e => $"{e.Line} {e.Column} {e.Reason}"))));
        }

        var token = await pending.SaveAsync(UserName, school.Id, fileName, content, cancellationToken);
        var checkTime = watch.Elapsed;

        // Step 2, as OnPostConfirmAsync: load, check again, import with its audit entry.
        watch.Restart();
        var parked = await pending.LoadAsync(token, UserName, school.Id, cancellationToken)
                     ?? throw new InvalidOperationException("The parked file was lost.");
        var recheck = await results.CheckAsync(parked.Content, parked.FileName, school, roster, cancellationToken);
        var committed = await results.CommitAsync(recheck, school, UserName,
            batchId => audit.Add(db, "import", "screening", batchId), cancellationToken);
        PendingImports.Delete(token);
        var confirmTime = watch.Elapsed;
        if (!committed.Succeeded)
        {
            throw new InvalidOperationException("The benchmark import was refused at commit.");
        }

        // The database alone: the same rows through the same COPY, prepared beforehand and rolled back.
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var prepared = recheck.Rows.Select(row => ScreeningResult.Record(
            row.StudentId, school.Id, QuestionnaireScoring.Provincial(row.Level, row.Total), row.TakenOn,
            null, ResultSource.Imported, UserName, now, today, row.CampaignId, committed.BatchId)).ToList();
        db.ChangeTracker.Clear();
        // Inside the strategy like every explicit transaction of the portal (a retried attempt is timed anew).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            watch.Restart();
            await results.CopyAsync(prepared, cancellationToken);
            watch.Stop();
            await transaction.RollbackAsync(cancellationToken);
        });

        return new Figures(rows, content.Length, seeding.Elapsed, created, checkTime, confirmTime, watch.Elapsed, recheck.Summary!);
    }

    /// <summary>The benchmark's file: the provincial export's columns, levels spread like a real year (about 1/2/5 % warnings).</summary>
    public static byte[] GbkCsv(IEnumerable<(string Number, string Name)> students, DateOnly takenOn)
    {
        ArgumentNullException.ThrowIfNull(students);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = new StringBuilder("序号,学校名称,学籍号,姓名,性别,量表,测评日期,总分,预警等级\r\n");
        var i = 0;
        foreach (var (number, name) in students)
        {
            i++;
            var (level, total) = (i % 100) switch
            {
                0 => ("一级", 120 + (i % 30)),
                < 3 => ("二级", 95 + (i % 25)),
                < 8 => ("三级", 70 + (i % 25)),
                _ => ("无", 20 + (i % 50)),
            };
            text.Append(CultureInfo.InvariantCulture,
                $"{i},{SchoolName},{number},{name},{(i % 2 == 0 ? "女" : "男")},中小学生心理健康量表,{takenOn:yyyy/M/d},{total},{level}\r\n");
        }

        return Encoding.GetEncoding("GBK").GetBytes(text.ToString());
    }

    private static async Task<ProvincialResults.School> EnsureSchoolAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = await db.Schools.Where(s => s.Code == SchoolCode)
            .Select(s => new ProvincialResults.School(s.Id, s.Name, s.Code))
            .SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var districtId = await db.Districts.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(cancellationToken);
        var school = new School(SchoolCode, SchoolName, districtId, SchoolStage.Primary, isTownshipCentralOrAbove: true);
        var year = SchoolYear.Containing(ChinaTime.Today(clock));
        for (var grade = 0; grade < 6; grade++)
        {
            for (var number = 1; number <= 20; number++)
            {
                school.AddClass(SchoolSection.Primary, year.StartYear - grade, number);
            }
        }

        db.Schools.Add(school);
        await db.SaveChangesAsync(cancellationToken);
        return new ProvincialResults.School(school.Id, school.Name, school.Code);
    }

    /// <summary>Tops the school up to <paramref name="count"/> students with binary COPY; returns how many it created.</summary>
    private static async Task<int> EnsureStudentsAsync(AppDbContext db, int schoolId, int count, CancellationToken cancellationToken)
    {
        var have = await db.Students.CountAsync(s => s.SchoolId == schoolId, cancellationToken);
        if (have >= count)
        {
            return 0;
        }

        var classIds = await db.SchoolClasses.Where(c => c.SchoolId == schoolId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var taken = (await db.Students.Where(s => s.StudentNumber.StartsWith("G" + NumberArea))
                .Select(s => s.StudentNumber).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var students = new List<Student>(count - have);
        for (var i = 0; students.Count < count - have; i++)
        {
            var number = "G" + ResidentId(NumberArea, new DateOnly(2012, 9, 1).AddDays(i / 1000), i % 1000);
            if (taken.Contains(number))
            {
                continue;
            }

            var name = _surnames[i % _surnames.Length] + _givenNames[i / _surnames.Length % _givenNames.Length];
            var gender = i % 2 == 0 ? Gender.Female : Gender.Male;
            students.Add(new Student(schoolId, classIds[i % classIds.Count],
                new StudentProfile(number, name, gender, new DateOnly(2012, 9, 1).AddDays(i / 1000))));
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY students (school_id, class_id, student_number, name, gender, birth_date, key_populations, parent_child_relationship) " +
                "FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var student in students)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(student.SchoolId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(student.ClassId, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(student.StudentNumber, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(student.Name, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(student.Gender.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(student.BirthDate, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync((int)student.KeyPopulations, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(student.ParentChildRelationship.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return students.Count;
    }

    /// <summary>An 18-character resident ID number: area, birth date, sequence, ISO 7064 MOD 11-2 check character.</summary>
    private static string ResidentId(string area, DateOnly birthDate, int sequence)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{area}{birthDate:yyyyMMdd}{sequence:000}");
        return body + Domain.Students.Student.ResidentIdCheckCharacter(body);
    }
}
