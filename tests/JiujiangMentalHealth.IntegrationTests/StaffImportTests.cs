using System.Net;
using System.Text;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class StaffImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    static StaffImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Gbk(string text) => Encoding.GetEncoding("GBK").GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));

    [Fact]
    public async Task A_GBK_roster_with_one_bad_row_imports_nothing_and_the_fixed_file_imports_completely()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await using var db = factory.CreateDbContext();
        var schoolId = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var before = await db.StaffMembers.CountAsync(m => m.SchoolId == schoolId);

        const string header = "姓名,性别,工号,校级领导,骨干教师,专任教师,心理健康教师,班主任班级,心理学专业背景,资格证书,任职日期\n";
        var bad = header
                  + "欧阳明月,女,X901,否,否,否,专职,,是,心理健康教育教师资格证（C证）,2024-09-01\n"
                  + "司马青,男,X902,否,是,是,兼职,,否,,2023/9/1\n"
                  + "诸葛亮,未知,X903,否,否,是,否,,否,,2022-09-01\n";
        var page = await counsellor.GetAsync("/Staff/Import");
        var refused = await counsellor.UploadAsync(page, "form[enctype='multipart/form-data']", "Upload", Gbk(bad), "教职工名册.csv");

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("未导入", refused.TestId("import-refused"), StringComparison.Ordinal);
        var errors = refused.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("4", error[0]);
        Assert.Equal("性别", error[1]);
        Assert.Equal("性别应填“男”或“女”，而不是“未知”", error[2]);
        Assert.Equal(before, await db.StaffMembers.CountAsync(m => m.SchoolId == schoolId));

        var fixedFile = bad.Replace("诸葛亮,未知", "诸葛亮,男", StringComparison.Ordinal);
        var list = await counsellor.UploadAsync(await counsellor.GetAsync("/Staff/Import"), "form[enctype='multipart/form-data']", "Upload", Gbk(fixedFile), "教职工名册.csv");

        Assert.Contains("已从“教职工名册.csv”导入3名教职工", list.Text, StringComparison.Ordinal);
        Assert.Equal(before + 3, await db.StaffMembers.CountAsync(m => m.SchoolId == schoolId));
        var ouyang = await db.StaffMembers.SingleAsync(m => m.SchoolId == schoolId && m.StaffNumber == "X901");
        Assert.Equal("欧阳明月", ouyang.Name);
        Assert.Equal(PsychologyPost.FullTime, ouyang.PsychologyPost);
        Assert.True(ouyang.HasPsychologyMajor);
        Assert.Equal(new DateOnly(2024, 9, 1), ouyang.JoinedOn);
        Assert.Equal(new DateOnly(2023, 9, 1), (await db.StaffMembers.SingleAsync(m => m.StaffNumber == "X902" && m.SchoolId == schoolId)).JoinedOn);

        // The same file again: every row now clashes with the roster, and nothing is added.
        var again = await counsellor.UploadAsync(await counsellor.GetAsync("/Staff/Import"), "form[enctype='multipart/form-data']", "Upload", Gbk(fixedFile), "教职工名册.csv");
        Assert.Equal(3, again.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr").Length);
        Assert.Contains("工号X901已存在于本校名册", again.Text, StringComparison.Ordinal);
        Assert.Equal(before + 3, await db.StaffMembers.CountAsync(m => m.SchoolId == schoolId));
    }

    [Fact]
    public async Task An_xlsx_roster_links_head_teachers_to_their_classes_and_refuses_rows_of_another_school()
    {
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => new { s.Id, s.Code }).SingleAsync();
        var otherCode = await db.Schools.Where(s => s.Name == "九江一中").Select(s => s.Code).SingleAsync();

        byte[] Xlsx(string code)
        {
            using var stream = new MemoryStream();
            TabularWriter.WriteXlsx(stream, ["姓名", "性别", "班主任班级", "专任教师", "学校标识码"],
                [["上官云", "女", "三年级(2)班；四年级（3）班", "是", code], ["夏侯春", "男", "九年级(1)班", "是", school.Code]], "名册");
            return stream.ToArray();
        }

        var refused = await leader.UploadAsync(await leader.GetAsync("/Staff/Import"), "form[enctype='multipart/form-data']", "Upload", Xlsx(otherCode), "roster.xlsx");
        var reasons = refused.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        Assert.Contains($"学校标识码{otherCode}不是本校，该行属于其他学校", reasons);
        Assert.Contains("本校本学年没有班级“九年级(1)班”", reasons);

        var fixedFile = Xlsx(school.Code);
        var withoutJunior = await leader.UploadAsync(await leader.GetAsync("/Staff/Import"), "form[enctype='multipart/form-data']", "Upload", fixedFile, "roster.xlsx");
        Assert.Single(withoutJunior.Document.QuerySelectorAll("[data-testid=import-errors] tbody tr"));
        Assert.False(await db.StaffMembers.AnyAsync(m => m.Name == "上官云"));
    }

    [Theory]
    [InlineData("roster.xls", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, "旧版Excel")]
    [InlineData("roster.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46 }, "不支持这种文件格式")]
    [InlineData("roster.csv", new byte[0], "文件是空的")]
    public async Task Files_of_the_wrong_kind_are_refused_clearly(string name, byte[] content, string message)
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.UploadAsync(await counsellor.GetAsync("/Staff/Import"), "form[enctype='multipart/form-data']", "Upload", content, name);
        Assert.Contains(message, page.TestId("file-error") ?? page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_downloads_with_the_expected_headers()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var response = await counsellor.Http.GetAsync("/Staff/Import?handler=Template");
        var read = TabularReader.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "template.xlsx");

        Assert.True(read.Succeeded);
        Assert.Equal("姓名", read.Table.Headers[0]);
        Assert.Contains("心理健康教师", read.Table.Headers);
    }

    [Fact]
    public async Task Counsellor_adds_a_staff_member_and_marks_someone_as_left_without_losing_the_record()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync("/Staff/Edit");
        var list = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = "端木蓉",
            ["Input.Gender"] = "Female",
            ["Input.StaffNumber"] = "Y100",
            ["Input.PsychologyPost"] = "PartTime",
            ["Input.IsSubjectTeacher"] = "true",
        });
        Assert.Contains("已保存：端木蓉", list.Text, StringComparison.Ordinal);

        await using var db = factory.CreateDbContext();
        var member = await db.StaffMembers.SingleAsync(m => m.StaffNumber == "Y100");
        var edit = await counsellor.GetAsync($"/Staff/Edit?id={member.Id}");
        var left = await counsellor.SubmitAsync(edit, new Dictionary<string, string> { ["Input.LeftOn"] = "2020-01-01", ["Input.JoinedOn"] = "2019-09-01" });
        Assert.Empty(left.Errors);

        var current = await counsellor.GetAsync("/Staff?q=" + Uri.EscapeDataString("端木蓉"));
        Assert.Null(current.Document.QuerySelector("[data-testid=staff-table]"));
        var withLeft = await counsellor.GetAsync("/Staff?includeLeft=true&q=" + Uri.EscapeDataString("端木蓉"));
        Assert.Contains("已离校", withLeft.Text, StringComparison.Ordinal);

        var noRole = await counsellor.SubmitAsync(await counsellor.GetAsync("/Staff/Edit"), new Dictionary<string, string>
        {
            ["Input.Name"] = "无岗位",
            ["Input.Gender"] = "Male",
        });
        Assert.Contains(noRole.Errors, e => e.Contains("请至少选择一个岗位", StringComparison.Ordinal));
    }
}
