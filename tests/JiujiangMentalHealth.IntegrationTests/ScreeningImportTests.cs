using System.Globalization;
using System.Net;
using System.Text;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// Importing results of the provincial system (赣鄱心理测评系统) at /Screenings/Import. Every test
/// arranges its own students in 九江市双峰小学 (a "set": numbers no other test uses), so the tests
/// never see each other's rows. Assertions go through data (line numbers, error codes and counts in
/// data attributes, the database), not through the Chinese wording of messages.
/// </summary>
public class ScreeningImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string School = "九江市双峰小学";
    private const string UploadForm = "form[enctype='multipart/form-data']";
    private const string Scale = "中小学生心理健康量表";
    private static readonly DateOnly TakenOn = new(2024, 10, 15);

    private static readonly WarningLevel[] Levels = [WarningLevel.Level1, WarningLevel.Level2, WarningLevel.Level3, WarningLevel.None];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "欧阳"];
    private static readonly string[] GivenNames = ["子涵", "欣怡", "梓轩", "浩然", "雨桐", "思远", "佳怡", "宇航", "诗涵", "俊杰", "一诺", "明轩", "若汐", "嘉豪", "语嫣", "天佑", "可馨", "睿", "琳", "博文"];

    static ScreeningImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>One student's row as the provincial system writes it; every field text, as in a CSV.</summary>
    private sealed record ResultRow(string Number, string Name, string Scale, string Date, string Total, string Level);

    private sealed record Arranged(int Id, string Number, string Name);

    [Fact]
    public async Task A_GBK_file_of_300_results_with_3_bad_rows_commits_nothing_and_the_fixed_file_imports_all_300_as_previewed()
    {
        var students = await ArrangeStudentsAsync(set: 1, count: 300);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var rows = Rows(students);
        var good = rows.ToList();
        rows[9] = rows[9] with { Number = Number(set: 99, 0) };                                  // line 11: nobody of this school
        rows[100] = rows[100] with { Date = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }; // line 102
        rows[249] = rows[249] with { Level = "四级" };                                            // line 251
        var refused = await UploadAsync(counsellor, Gbk(Csv(rows)), "赣鄱测评结果.csv");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("[data-testid=import-refused]"));
        Assert.Null(refused.Document.QuerySelector("#confirm-form"));
        Assert.Equal(
            [(11, "UnknownStudent"), (102, "FutureDate"), (251, "BadLevel")],
            ErrorLines(refused));
        Assert.Equal("学籍号", ErrorCells(refused)[0][1]);
        await using (var db = factory.CreateDbContext())
        {
            var ids = students.Select(s => s.Id).ToList();
            Assert.False(await db.ScreeningResults.AnyAsync(r => ids.Contains(r.StudentId)));
            Assert.False(await db.ImportBatches.AnyAsync(b => b.FileName == "赣鄱测评结果.csv"));
        }

        var preview = await UploadAsync(counsellor, Gbk(Csv(good)), "赣鄱测评结果.csv");
        Assert.Empty(ErrorLines(preview));
        var previewed = LevelCounts(preview);
        Assert.Equal(new Dictionary<WarningLevel, int>
        {
            [WarningLevel.Level1] = 30, [WarningLevel.Level2] = 60, [WarningLevel.Level3] = 90, [WarningLevel.None] = 120,
        }, previewed);
        Assert.Equal("300", preview.TestId("preview-rows"));
        Assert.Equal("2024-10-15", preview.Document.QuerySelector("[data-testid=preview-dates]")?.GetAttribute("data-from"));
        await using (var db = factory.CreateDbContext())
        {
            var ids = students.Select(s => s.Id).ToList();
            Assert.False(await db.ScreeningResults.AnyAsync(r => ids.Contains(r.StudentId)), "The preview saved results before confirmation");
        }

        var done = await counsellor.SubmitAsync(preview, new Dictionary<string, string>(), "#confirm-form");

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.EndsWith("/Screenings/Import", done.Url, StringComparison.Ordinal);
        await using (var db = factory.CreateDbContext())
        {
            var batch = await db.ImportBatches.SingleAsync(b => b.FileName == "赣鄱测评结果.csv");
            Assert.Equal(300, batch.Rows);
            Assert.Equal("counsellor", batch.ImportedBy);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Gbk(Csv(good)))), batch.Sha256);
            var results = await db.ScreeningResults.Where(r => r.ImportBatchId == batch.Id).ToListAsync();
            Assert.Equal(300, results.Count);
            Assert.Equal(previewed, results.GroupBy(r => r.Warning).ToDictionary(g => g.Key, g => g.Count()));
            Assert.All(results, r =>
            {
                Assert.Equal(Instrument.Provincial, r.Instrument);
                Assert.Equal(ResultSource.Imported, r.Source);
                Assert.Equal(TakenOn, r.TakenOn);
                Assert.Equal(batch.SchoolId, r.SchoolId);
            });
            var byStudent = results.ToDictionary(r => r.StudentId);
            for (var i = 0; i < students.Count; i++)
            {
                var result = byStudent[students[i].Id];
                Assert.Equal(ExpectedLevel(i), result.Warning);
                Assert.Equal(ExpectedTotal(i), result.Total);
                Assert.Equal(ExpectedLevel(i) == WarningLevel.None ? null : (int)ExpectedLevel(i), result.SuggestedTier);
                Assert.Equal(ExpectedLevel(i) == WarningLevel.None ? TierDecisionState.NotNeeded : TierDecisionState.Pending, result.DecisionState);
            }

            Assert.True(await db.AuditEntries.AnyAsync(a =>
                a.Action == "import" && a.Entity == "screening" && a.EntityId == batch.Id.ToString(CultureInfo.InvariantCulture)
                && a.UserName == "counsellor" && a.Outcome == "allowed"));
        }
    }

    [Fact]
    public async Task The_same_results_as_UTF8_with_BOM_CSV_and_as_XLSX_import_identically_and_count_toward_the_covering_campaign()
    {
        var csvStudents = await ArrangeStudentsAsync(set: 2, count: 300);
        var xlsxStudents = await ArrangeStudentsAsync(set: 3, count: 300);
        int campaignId;
        await using (var db = factory.CreateDbContext())
        {
            var schoolId = await db.Schools.Where(s => s.Name == School).Select(s => s.Id).SingleAsync();
            var campaign = new ScreeningCampaign(schoolId, "2024年秋季心理普测（格式测试）", Instrument.Provincial, new DateOnly(2024, 10, 8), new DateOnly(2024, 10, 25));
            db.ScreeningCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(Rows(csvStudents)))).ToArray();
        var csvPreview = await UploadAsync(counsellor, bom, "results-utf8.csv");
        var xlsxPreview = await UploadAsync(counsellor, Xlsx(Rows(xlsxStudents)), "results.xlsx");

        Assert.Equal(LevelCounts(csvPreview), LevelCounts(xlsxPreview));
        Assert.Equal(30, LevelCounts(csvPreview)[WarningLevel.Level1]);
        await counsellor.SubmitAsync(csvPreview, new Dictionary<string, string>(), "#confirm-form");
        await counsellor.SubmitAsync(xlsxPreview, new Dictionary<string, string>(), "#confirm-form");

        await using (var db = factory.CreateDbContext())
        {
            async Task<List<object>> ImportedAsync(IReadOnlyList<Arranged> students)
            {
                var ids = students.Select(s => s.Id).ToList();
                var results = await db.ScreeningResults.Where(r => ids.Contains(r.StudentId)).ToListAsync();
                Assert.Equal(300, results.Count);
                Assert.All(results, r => Assert.Equal(campaignId, r.CampaignId));
                var byStudent = results.ToDictionary(r => r.StudentId);
                return [.. students.Select(s => byStudent[s.Id])
                    .Select(r => (object)new { r.Warning, r.Total, r.TakenOn, r.Band, r.SuggestedTier, r.DecisionState, r.Source, r.Instrument, r.RecordedBy })];
            }

            Assert.Equal(await ImportedAsync(csvStudents), await ImportedAsync(xlsxStudents));
            Assert.Equal(2, await db.ImportBatches.CountAsync(b => b.FileName == "results-utf8.csv" || b.FileName == "results.xlsx"));
        }
    }

    [Fact]
    public async Task Importing_the_same_file_again_is_refused_and_the_same_results_in_another_file_are_refused_row_by_row()
    {
        var students = await ArrangeStudentsAsync(set: 4, count: 20);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var file = Gbk(Csv(Rows(students)));
        await counsellor.SubmitAsync(await UploadAsync(counsellor, file, "第一次.csv"), new Dictionary<string, string>(), "#confirm-form");

        var again = await UploadAsync(counsellor, file, "第二次.csv");

        Assert.StartsWith("该文件已于", again.TestId("file-error"), StringComparison.Ordinal);
        Assert.Contains("由counsellor导入（20行），不能重复导入", again.TestId("file-error"), StringComparison.Ordinal);
        Assert.Null(again.Document.QuerySelector("#confirm-form"));

        // The same rows re-saved (another header spelling, another date format): a different file, but every row is already there.
        var resaved = Rows(students).Select(r => r with { Date = "2024/10/15" }).ToList();
        var rowByRow = await UploadAsync(counsellor, Gbk(Csv(resaved, numberHeader: "学籍编号", dateHeader: "测试日期", levelHeader: "预警级别")), "另存.csv");
        Assert.Equal(Enumerable.Range(2, 20).Select(line => (line, "AlreadyImported")), ErrorLines(rowByRow));

        await using var db = factory.CreateDbContext();
        var ids = students.Select(s => s.Id).ToList();
        Assert.Equal(20, await db.ScreeningResults.CountAsync(r => ids.Contains(r.StudentId)));
        Assert.Equal(1, await db.ImportBatches.CountAsync(b => b.FileName == "第一次.csv" || b.FileName == "第二次.csv" || b.FileName == "另存.csv"));
    }

    [Fact]
    public async Task Every_kind_of_bad_row_is_listed_with_its_line_and_nothing_is_saved()
    {
        var students = await ArrangeStudentsAsync(set: 5, count: 12);
        await using (var db = factory.CreateDbContext())
        {
            // A result the portal already has: the same student, date and instrument may not come in twice.
            var earlier = ScreeningResult.Record(students[11].Id, (await db.Students.SingleAsync(s => s.Id == students[11].Id)).SchoolId,
                QuestionnaireScoring.Provincial(WarningLevel.None, 40), TakenOn, null, ResultSource.Manual, "counsellor",
                DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow));
            db.ScreeningResults.Add(earlier);
            await db.SaveChangesAsync();
        }

        var rows = Rows(students);
        rows[0] = rows[0] with { Number = "G12345" };                                     // line 2
        rows[1] = rows[1] with { Name = "张冠李戴" };                                      // line 3
        rows[2] = rows[2] with { Date = "1999-12-31" };                                   // line 4
        rows[3] = rows[3] with { Total = "五十" };                                        // line 5
        rows[5] = rows[4] with { Level = "无" };                                           // line 7 repeats line 6
        rows[6] = rows[6] with { Date = "2099-01-01" };                                   // line 8
        rows[7] = rows[7] with { Level = "高危" };                                         // line 9
        rows[8] = rows[8] with { Date = "2024-13-45" };                                   // line 10
        rows[9] = rows[9] with { Total = "12.5" };                                        // line 11
        // line 12 (rows[10]) is right; line 13 (rows[11]) is already in the portal.
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var page = await UploadAsync(counsellor, Gbk(Csv(rows)), "各种错误.csv");

        Assert.Equal(
            [
                (2, "BadNumber"), (3, "NameMismatch"), (4, "DateTooEarly"), (5, "BadTotal"), (7, "DuplicateInFile"),
                (8, "FutureDate"), (9, "BadLevel"), (10, "BadDate"), (11, "TotalNotInteger"), (13, "AlreadyImported"),
            ],
            ErrorLines(page));
        var missing = await UploadAsync(counsellor, Gbk("学籍号,姓名,量表,测评日期,总分\n" + $"{students[10].Number},{students[10].Name},{Scale},2024-10-15,50\n"), "缺列.csv");
        Assert.Equal([(1, "MissingColumn")], ErrorLines(missing));
        Assert.Equal("预警等级", ErrorCells(missing)[0][1]);

        await using var check = factory.CreateDbContext();
        var ids = students.Select(s => s.Id).ToList();
        Assert.Equal(1, await check.ScreeningResults.CountAsync(r => ids.Contains(r.StudentId)));
    }

    [Fact]
    public async Task A_counsellor_of_another_school_gets_unknown_student_for_every_row_of_双峰小学_students()
    {
        var students = await ArrangeStudentsAsync(set: 6, count: 15);
        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");

        var page = await UploadAsync(counsellor2, Gbk(Csv(Rows(students))), "别校学生.csv");

        Assert.Equal(Enumerable.Range(2, 15).Select(line => (line, "UnknownStudent")), ErrorLines(page));
        Assert.Equal($"本校学生名册中没有学籍号{students[0].Number}（该生未登记在本校，或属于其他学校）", ErrorCells(page)[0][2]);
        await using var db = factory.CreateDbContext();
        var ids = students.Select(s => s.Id).ToList();
        Assert.False(await db.ScreeningResults.AnyAsync(r => ids.Contains(r.StudentId)));
    }

    [Fact]
    public async Task A_preview_belongs_to_its_user_and_a_discarded_one_cannot_be_confirmed()
    {
        var students = await ArrangeStudentsAsync(set: 7, count: 10);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var preview = await UploadAsync(counsellor, Gbk(Csv(Rows(students))), "预览.csv");
        var token = preview.Document.QuerySelector("#confirm-form input[name=Token]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));

        // The school leader of the same school replays the counsellor's token with their own antiforgery token.
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var leaderPage = await leader.GetAsync("/Screenings/Import");
        var antiforgery = leaderPage.Document.QuerySelector($"{UploadForm} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var replay = await leader.FollowAsync(await leader.Http.PostAsync("/Screenings/Import?handler=Confirm",
            new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("Token", token!)])));
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.NotNull(replay.TestId("file-error"));

        await counsellor.SubmitAsync(preview, new Dictionary<string, string>(), "#confirm-form", "[data-testid=discard]");
        var afterDiscard = await counsellor.SubmitAsync(preview, new Dictionary<string, string>(), "#confirm-form");
        Assert.NotNull(afterDiscard.TestId("file-error"));

        await using var db = factory.CreateDbContext();
        var ids = students.Select(s => s.Id).ToList();
        Assert.False(await db.ScreeningResults.AnyAsync(r => ids.Contains(r.StudentId)));
        Assert.False(await db.ImportBatches.AnyAsync(b => b.FileName == "预览.csv"));
    }

    [Theory]
    [InlineData("headteacher")]
    [InlineData("city")]
    public async Task Head_teachers_and_the_city_bureau_may_not_import(string user)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var page = await client.GetAsync("/Screenings/Import", follow: false);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task The_sample_file_in_docs_is_a_GBK_export_the_reader_understands()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "samples", "赣鄱心理测评系统导出示例.csv");
        var bytes = await File.ReadAllBytesAsync(path);

        var read = TabularReader.Read(new MemoryStream(bytes), Path.GetFileName(path));

        Assert.True(read.Succeeded);
        Assert.Equal("gb18030", read.Table.DetectedEncoding);
        Assert.Equal(10, read.Table.Rows.Count);
        Assert.All(JiujiangMentalHealth.Web.Pages.Screenings.ProvincialResults.Headers, h => Assert.True(read.Table.ColumnIndex(h) >= 0, h));
        Assert.All(read.Table.Rows, r => Assert.True(Student.IsValidNumber(r[read.Table.ColumnIndex("学籍号")])));
    }

    [Fact]
    public async Task A_file_with_more_errors_than_the_page_lists_offers_every_error_as_a_download()
    {
        // 1,200 rows of students nobody registered: the page lists the first 1,000, the download all.
        var nobody = Enumerable.Range(0, 1200)
            .Select(i => new Arranged(0, Number(set: 97 + (i / 1000), i % 1000), Name(97, i)))
            .ToList();
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var page = await UploadAsync(counsellor, Gbk(Csv(Rows(nobody))), "很多错误.csv");

        Assert.Equal("1200", page.Document.QuerySelector("[data-testid=import-refused]")?.GetAttribute("data-errors"));
        Assert.Equal(1000, ErrorLines(page).Count);
        var link = page.Document.QuerySelector("[data-testid=errors-truncated] a")?.GetAttribute("href");
        Assert.NotNull(link);
        var download = await counsellor.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var read = TabularReader.Read(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), "errors.xlsx");
        Assert.True(read.Succeeded);
        Assert.Equal(Enumerable.Range(2, 1200).Select(l => l.ToString(CultureInfo.InvariantCulture)), read.Table.Rows.Select(r => r[0]));

        // The download is the uploader's alone.
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.Http.GetAsync(link)).StatusCode);
    }

    // ---- arranging ----

    private async Task<List<Arranged>> ArrangeStudentsAsync(int set, int count)
    {
        await using var db = factory.CreateDbContext();
        var schoolId = await db.Schools.Where(s => s.Name == School).Select(s => s.Id).SingleAsync();
        var classIds = await db.SchoolClasses.Where(c => c.SchoolId == schoolId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var students = Enumerable.Range(0, count)
            .Select(i => new Student(schoolId, classIds[i % classIds.Count], new StudentProfile(
                Number(set, i), Name(set, i), i % 2 == 0 ? Gender.Female : Gender.Male, new DateOnly(2013, 3, 1).AddDays(i % 365))))
            .ToList();
        db.Students.AddRange(students);
        await db.SaveChangesAsync();
        return [.. students.Select(s => new Arranged(s.Id, s.StudentNumber, s.Name))];
    }

    /// <summary>
    /// 学籍号 "G" + an 18-character resident ID: an area code no demo student uses, a birth date per
    /// set, a sequence, and the ISO 7064 MOD 11-2 check character.
    /// </summary>
    private static string Number(int set, int index)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"360431{new DateOnly(2012, 1, 1).AddDays(set):yyyyMMdd}{index:000}");
        return "G" + body + JiujiangMentalHealth.Domain.Students.Student.ResidentIdCheckCharacter(body);
    }

    private static string Name(int set, int index) =>
        Surnames[index % Surnames.Length] + GivenNames[(index / Surnames.Length + set) % GivenNames.Length];

    // Levels spread 10 % 一级, 20 % 二级, 30 % 三级, 40 % 无, written in the spellings exports use.
    private static WarningLevel ExpectedLevel(int i) => (i % 10) switch
    {
        0 => WarningLevel.Level1,
        1 or 2 => WarningLevel.Level2,
        3 or 4 or 5 => WarningLevel.Level3,
        _ => WarningLevel.None,
    };

    private static int? ExpectedTotal(int i) => i % 50 == 7 ? null : 30 + (i % 70);

    private static List<ResultRow> Rows(IReadOnlyList<Arranged> students) =>
        [.. students.Select((s, i) => new ResultRow(
            s.Number,
            s.Name,
            Scale,
            (i % 3) switch { 0 => "2024-10-15", 1 => "2024/10/15", _ => "2024年10月15日" },
            ExpectedTotal(i)?.ToString(CultureInfo.InvariantCulture) ?? "",
            ExpectedLevel(i) switch
            {
                WarningLevel.Level1 => i % 20 == 0 ? "一级预警" : "一级",
                WarningLevel.Level2 => "二级",
                WarningLevel.Level3 => "三级预警",
                _ => i % 3 == 0 ? "正常" : "无",
            }))];

    // Columns in another order than the template, as the provincial system exports them, with extra columns.
    private static string Csv(IEnumerable<ResultRow> rows, string numberHeader = "学籍号", string dateHeader = "测评日期", string levelHeader = "预警等级")
    {
        var text = new StringBuilder($"序号,姓名,{numberHeader},性别,量表,{dateHeader},总分,{levelHeader}\n");
        var i = 0;
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{++i},{row.Name},{row.Number},{(i % 2 == 0 ? "男" : "女")},{row.Scale},{row.Date},{row.Total},{row.Level}\n");
        }

        return text.ToString();
    }

    private static byte[] Xlsx(IEnumerable<ResultRow> rows)
    {
        using var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, ["学籍号", "姓名", "量表", "测评日期", "总分", "预警等级"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Number, r.Name, r.Scale, r.Date,
                r.Total.Length == 0 ? null : int.Parse(r.Total, CultureInfo.InvariantCulture), r.Level]),
            "测评结果");
        return stream.ToArray();
    }

    private static byte[] Gbk(string text) => Encoding.GetEncoding("GBK").GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));

    private static async Task<PortalClient.Page> UploadAsync(PortalClient client, byte[] content, string fileName) =>
        await client.UploadAsync(await client.GetAsync("/Screenings/Import"), UploadForm, "Upload", content, fileName);

    private static List<(int Line, string Code)> ErrorLines(PortalClient.Page page) =>
        [.. page.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(r => (int.Parse(r.GetAttribute("data-line")!, CultureInfo.InvariantCulture), r.GetAttribute("data-code")!))];

    private static List<List<string>> ErrorCells(PortalClient.Page page) =>
        [.. page.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())];

    private static Dictionary<WarningLevel, int> LevelCounts(PortalClient.Page page) =>
        Levels.ToDictionary(l => l, l => int.Parse(page.TestId("count-" + l) ?? "-1", CultureInfo.InvariantCulture));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JiujiangMentalHealth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found");
    }
}
