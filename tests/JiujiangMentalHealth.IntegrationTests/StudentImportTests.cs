using System.Globalization;
using System.Net;
using System.Text;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class StudentImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string UploadForm = "form[enctype='multipart/form-data']";
    private const string School = "九江市双峰小学";
    private const string Header = "学籍号,姓名,性别,出生日期,班级,重点关爱群体,亲子关系,家庭变故,监护人,监护人电话\n";

    private static readonly string[] Surnames = ["赵", "钱", "孙", "李", "周", "吴", "郑", "王", "冯", "陈"];
    private static readonly string[] GivenNames = ["子涵", "欣怡", "梓轩", "浩然", "雨桐", "一诺", "宇轩", "梓涵", "语桐", "思远"];

    static StudentImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static SchoolYear ThisYear => SchoolYear.Containing(ChinaTime.Today(TimeProvider.System));

    private static byte[] Gbk(string text) => Encoding.GetEncoding("GBK").GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));

    private static byte[] Utf8Bom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>A national student number: G + a resident ID of 浔阳区 (360403), the birth date, a sequence and the ISO 7064 MOD 11-2 check character.</summary>
    private static string StudentNumber(DateOnly birth, int sequence, bool wrongCheck = false)
    {
        var first17 = "360403" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        var check = JiujiangMentalHealth.Domain.Students.Student.ResidentIdCheckCharacter(first17);
        if (wrongCheck)
        {
            check = check == '0' ? '1' : '0';
        }

        return "G" + first17 + check;
    }

    /// <summary>A birth date usual for a grade this school year (born September Y−g−6 to August Y−g−5).</summary>
    private static DateOnly UsualBirth(int grade, int day) => new DateOnly(ThisYear.StartYear - grade - 6, 10, 1).AddDays(day % 300);

    private sealed record Pupil(string Number, string Name, string Gender, DateOnly Birth, string ClassName);

    /// <summary>
    /// Third-graders whose numbers are in no school yet (sequences 9xx, skipping any number already
    /// in the database, so demo or other tests' students never collide).
    /// </summary>
    private static async Task<List<Pupil>> NewPupilsAsync(AppDbContext db, int count, int firstSequence)
    {
        var pupils = new List<Pupil>();
        for (var i = 0; pupils.Count < count; i++)
        {
            var birth = UsualBirth(3, firstSequence + (i * 7));
            var number = StudentNumber(birth, firstSequence + i);
            if (await db.Students.AnyAsync(s => s.StudentNumber == number))
            {
                continue;
            }

            var n = pupils.Count;
            pupils.Add(new Pupil(number, Surnames[n % 10] + GivenNames[(n / 10 + n) % 10], n % 2 == 0 ? "男" : "女", birth, $"三年级({n % 4 + 1})班"));
        }

        return pupils;
    }

    private static string Csv(IEnumerable<Pupil> pupils) =>
        Header + string.Concat(pupils.Select((p, i) =>
            $"{p.Number},{p.Name},{p.Gender},{p.Birth:yyyy-MM-dd},{p.ClassName},{(i % 5 == 0 ? "留守儿童、学习困难" : "")},{(i % 3 == 0 ? "紧张" : "")},,{p.Name[0]}家长,1390000{i:D4}\n"));

    private static List<List<string>> ErrorRows(PortalClient.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();

    private static async Task<int> SchoolIdAsync(AppDbContext db, string name = School) =>
        await db.Schools.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();

    [Fact]
    public async Task A_GBK_roster_with_two_bad_rows_imports_nothing_and_the_fixed_file_imports_all_twenty()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await using var db = factory.CreateDbContext();
        var schoolId = await SchoolIdAsync(db);
        var before = await db.Students.CountAsync(s => s.SchoolId == schoolId);
        var pupils = await NewPupilsAsync(db, 20, 901);

        // Line 7 (the 6th student) has a wrong check character; line 14 (the 13th) a class the school does not have.
        var bad = pupils.ToList();
        bad[5] = bad[5] with { Number = StudentNumber(bad[5].Birth, int.Parse(bad[5].Number[15..18], CultureInfo.InvariantCulture), wrongCheck: true) };
        bad[12] = bad[12] with { ClassName = "三年级(20)班" };
        var refused = await counsellor.UploadAsync(await counsellor.GetAsync("/Students/Import"), UploadForm, "Upload", Gbk(Csv(bad)), "学生名册.csv");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("未导入", refused.TestId("import-refused"), StringComparison.Ordinal);
        var errors = ErrorRows(refused);
        Assert.Equal(2, errors.Count);
        Assert.Equal(["7", "学籍号", "学籍号格式不正确：应为G加18位身份证号（末位校验码须正确），或L/J加18位"], errors[0]);
        Assert.Equal(["14", "班级", "本校本学年没有班级“三年级(20)班”"], errors[1]);
        Assert.Equal(before, await db.Students.CountAsync(s => s.SchoolId == schoolId));

        var list = await counsellor.UploadAsync(await counsellor.GetAsync("/Students/Import"), UploadForm, "Upload", Gbk(Csv(pupils)), "学生名册.csv");
        Assert.Equal("/Students", list.Url);
        Assert.Null(list.Document.QuerySelector("[data-testid=import-errors]"));
        Assert.Null(list.TestId("file-error"));

        var numbers = pupils.Select(p => p.Number).ToList();
        var saved = await db.Students.Where(s => numbers.Contains(s.StudentNumber)).ToListAsync();
        Assert.Equal(20, saved.Count);
        Assert.All(saved, s => Assert.Equal(schoolId, s.SchoolId));
        Assert.Equal(before + 20, await db.Students.CountAsync(s => s.SchoolId == schoolId));
        var first = saved.Single(s => s.StudentNumber == pupils[0].Number);
        Assert.Equal(pupils[0].Name, first.Name);
        Assert.Equal(Gender.Male, first.Gender);
        Assert.Equal(pupils[0].Birth, first.BirthDate);
        Assert.Equal(KeyPopulations.LeftBehind | KeyPopulations.LearningDifficulty, first.KeyPopulations);
        Assert.Equal(ParentChildRelationship.Strained, first.ParentChildRelationship);
        Assert.Equal("13900000000", first.GuardianPhone);
        var classOne = await db.SchoolClasses.SingleAsync(c => c.Id == first.ClassId);
        Assert.Equal((schoolId, SchoolSection.Primary, ThisYear.StartYear - 2, 1), (classOne.SchoolId, classOne.Section, classOne.EntryYear, classOne.Number));
        Assert.Equal(KeyPopulations.None, saved.Single(s => s.StudentNumber == pupils[1].Number).KeyPopulations);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "import" && a.Entity == "student" && a.EntityId == "20" && a.UserName == "counsellor"));

        // The same students again: every row is already on this school's roster, and nothing is added.
        var again = await counsellor.UploadAsync(await counsellor.GetAsync("/Students/Import"), UploadForm, "Upload", Gbk(Csv(pupils)), "学生名册.csv");
        var clashes = ErrorRows(again);
        Assert.Equal(20, clashes.Count);
        Assert.Equal(Enumerable.Range(2, 20).Select(l => l.ToString(CultureInfo.InvariantCulture)), clashes.Select(e => e[0]));
        Assert.All(clashes, e => Assert.Equal("学籍号", e[1]));
        Assert.Equal(before + 20, await db.Students.CountAsync(s => s.SchoolId == schoolId));
    }

    [Fact]
    public async Task A_UTF8_BOM_roster_with_a_column_per_key_population_and_an_xlsx_roster_both_import()
    {
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        await using var db = factory.CreateDbContext();
        var schoolId = await SchoolIdAsync(db);
        var pupils = await NewPupilsAsync(db, 6, 931);

        var csv = "学籍号,姓名,性别,出生日期,班级,留守儿童,单亲家庭子女,家庭经济困难\n"
                  + string.Concat(pupils.Take(3).Select((p, i) => $"{p.Number},{p.Name},{p.Gender},{p.Birth:yyyy/M/d},{p.ClassName},{(i == 0 ? "是" : "否")},{(i == 0 ? "是" : "")},否\n"));
        var fromCsv = await leader.UploadAsync(await leader.GetAsync("/Students/Import"), UploadForm, "Upload", Utf8Bom(csv), "roster.csv");
        Assert.Null(fromCsv.Document.QuerySelector("[data-testid=import-errors]"));
        Assert.Null(fromCsv.TestId("file-error"));

        using var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, ["学籍号", "姓名", "性别", "出生日期", "班级", "重点关爱群体"],
            pupils.Skip(3).Select(p => (IReadOnlyList<object?>)[p.Number, p.Name, p.Gender, p.Birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.ClassName.Replace('(', '（').Replace(')', '）'), "进城务工人员随迁子女"]),
            "学生");
        var fromXlsx = await leader.UploadAsync(await leader.GetAsync("/Students/Import"), UploadForm, "Upload", stream.ToArray(), "roster.xlsx");
        Assert.Null(fromXlsx.Document.QuerySelector("[data-testid=import-errors]"));
        Assert.Null(fromXlsx.TestId("file-error"));

        var numbers = pupils.Select(p => p.Number).ToList();
        var saved = await db.Students.Where(s => numbers.Contains(s.StudentNumber)).ToDictionaryAsync(s => s.StudentNumber);
        Assert.Equal(6, saved.Count);
        Assert.All(saved.Values, s => Assert.Equal(schoolId, s.SchoolId));
        Assert.Equal(KeyPopulations.LeftBehind | KeyPopulations.SingleParent, saved[pupils[0].Number].KeyPopulations);
        Assert.Equal(KeyPopulations.None, saved[pupils[1].Number].KeyPopulations);
        Assert.Equal(pupils[2].Birth, saved[pupils[2].Number].BirthDate);
        Assert.Equal(KeyPopulations.MigrantChild, saved[pupils[4].Number].KeyPopulations);
        Assert.Equal(pupils[5].Name, saved[pupils[5].Number].Name);
    }

    [Fact]
    public async Task Every_kind_of_bad_row_is_listed_and_a_student_of_another_school_is_refused_without_naming_it()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await using var db = factory.CreateDbContext();
        var schoolId = await SchoolIdAsync(db);
        var other = await db.Schools.Where(s => s.Name == "九江一中").Select(s => new { s.Id, s.Code, s.Name }).SingleAsync();
        var pupils = await NewPupilsAsync(db, 7, 951);

        // A student already registered at 九江一中.
        var otherClass = await db.SchoolClasses.Where(c => c.SchoolId == other.Id).Select(c => c.Id).FirstAsync();
        db.Students.Add(new Student(other.Id, otherClass, new StudentProfile(pupils[6].Number, "外校学生", Gender.Female, pupils[6].Birth)));
        await db.SaveChangesAsync();
        var before = await db.Students.CountAsync(s => s.SchoolId == schoolId);

        var toddler = new DateOnly(ThisYear.StartYear - 3, 5, 1);
        var csv = "学籍号,姓名,性别,出生日期,班级,学校标识码\n"
                  + $"{pupils[0].Number},{pupils[0].Name},男,{pupils[0].Birth:yyyy-MM-dd},三年级(1)班,\n"          // 2: fine
                  + $"{pupils[0].Number},{pupils[1].Name},女,{pupils[1].Birth:yyyy-MM-dd},三年级(1)班,\n"          // 3: repeats line 2
                  + $"{pupils[2].Number},{pupils[2].Name},未知,{pupils[2].Birth:yyyy-MM-dd},三年级(2)班,\n"        // 4: gender
                  + $"{pupils[3].Number},{pupils[3].Name},男,{toddler:yyyy-MM-dd},三年级(2)班,\n"                  // 5: far too young for 三年级
                  + $"{pupils[4].Number},{pupils[4].Name},女,2015-13-45,三年级(3)班,\n"                            // 6: no such date
                  + $"{pupils[5].Number},{pupils[5].Name},男,{pupils[5].Birth:yyyy-MM-dd},三年级(3)班,{other.Code}\n" // 7: row of another school
                  + $"{pupils[6].Number},{pupils[6].Name},女,{pupils[6].Birth:yyyy-MM-dd},三年级(4)班,\n"          // 8: at another school
                  + $",,男,{pupils[0].Birth:yyyy-MM-dd},三年级(4)班,\n";                                          // 9: number and name missing
        var refused = await counsellor.UploadAsync(await counsellor.GetAsync("/Students/Import"), UploadForm, "Upload", Utf8Bom(csv), "学生名册.csv");

        var errors = ErrorRows(refused);
        Assert.Equal(
            [("3", "学籍号"), ("4", "性别"), ("5", "出生日期"), ("6", "出生日期"), ("7", "学校标识码"), ("8", "学籍号"), ("9", "学籍号"), ("9", "姓名")],
            errors.Select(e => (e[0], e[1])));
        Assert.Equal("性别应填“男”或“女”，而不是“未知”", errors[1][2]);
        Assert.Equal("无法识别日期“2015-13-45”，请写成2024-09-01", errors[3][2]);
        Assert.Equal($"学校标识码{other.Code}不是本校，该行属于其他学校", errors[4][2]);
        Assert.Equal("学籍号不能为空", errors[6][2]);
        Assert.Equal("姓名不能为空", errors[7][2]);
        Assert.DoesNotContain(other.Name, refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, await db.Students.CountAsync(s => s.SchoolId == schoolId));

        var noClassColumn = "学籍号,姓名,性别,出生日期\n" + $"{pupils[0].Number},{pupils[0].Name},男,{pupils[0].Birth:yyyy-MM-dd}\n";
        var missing = await counsellor.UploadAsync(await counsellor.GetAsync("/Students/Import"), UploadForm, "Upload", Utf8Bom(noClassColumn), "学生名册.csv");
        var only = Assert.Single(ErrorRows(missing));
        Assert.Equal(["1", "班级", "缺少必需的列“班级”"], only);
    }

    [Theory]
    [InlineData("roster.xls", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, "旧版Excel")]
    [InlineData("roster.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46 }, "不支持这种文件格式")]
    [InlineData("roster.csv", new byte[0], "文件是空的")]
    public async Task Files_of_the_wrong_kind_are_refused_clearly(string name, byte[] content, string message)
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.UploadAsync(await counsellor.GetAsync("/Students/Import"), UploadForm, "Upload", content, name);
        Assert.Contains(message, page.TestId("file-error") ?? page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_teachers_may_not_import_students()
    {
        using var headTeacher = factory.CreatePortalClient();
        await headTeacher.SignInAsync("headteacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await headTeacher.GetAsync("/Students/Import", follow: false)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await headTeacher.Http.GetAsync("/Students/Import?handler=Template")).StatusCode);

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Students/Import", follow: false)).Status);
    }

    [Fact]
    public async Task The_template_downloads_with_the_expected_headers_and_a_valid_example()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var response = await counsellor.Http.GetAsync("/Students/Import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = TabularReader.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "template.xlsx");

        Assert.True(read.Succeeded);
        Assert.Equal(["学籍号", "姓名", "性别", "出生日期", "班级"], read.Table.Headers.Take(5));
        Assert.Contains("重点关爱群体", read.Table.Headers);
        Assert.Contains("学校标识码", read.Table.Headers);
        var example = Assert.Single(read.Table.Rows);
        Assert.True(Student.IsValidNumber(example[0]));
    }
}
