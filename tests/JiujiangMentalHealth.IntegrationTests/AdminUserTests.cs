using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class AdminUserTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPassword = "浔阳江头夜送客枫叶荻花秋瑟瑟";

    [Fact]
    public async Task Admin_creates_a_head_teacher_who_then_signs_in_with_the_right_scope()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.SingleAsync(s => s.Name == "九江小学");
        var form = await admin.GetAsync("/Admin/Users/Edit");

        // The class picker is filled for the chosen school by the page's Classes handler.
        var classesUrl = form.Document.QuerySelector("select[data-classes-url]")!.GetAttribute("data-classes-url")!;
        var classesJson = await admin.Http.GetStringAsync($"{classesUrl}&schoolId={school.Id}");
        var classId = System.Text.Json.JsonDocument.Parse(classesJson).RootElement[0].GetProperty("id").GetString()!;
        var className = System.Text.Json.JsonDocument.Parse(classesJson).RootElement[0].GetProperty("name").GetString()!;

        var list = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "zhanglaoshi",
            ["Input.DisplayName"] = "张老师",
            ["Input.Roles"] = Roles.HeadTeacher,
            ["Input.SchoolId"] = school.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.ClassIds"] = classId,
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Empty(list.Errors);
        Assert.Equal("/Admin/Users", list.Url);
        Assert.Contains("已保存：张老师", list.Text, StringComparison.Ordinal);

        using var teacher = factory.CreatePortalClient();
        var home = await teacher.SignInAsync("zhanglaoshi", NewPassword);
        Assert.Equal("班主任", home.TestId("roles"));
        Assert.Equal($"浔阳区 · 九江小学 · {className}", home.TestId("scope"));
    }

    [Fact]
    public async Task Roles_and_scope_that_do_not_fit_are_refused_with_reasons_in_Chinese()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var form = await admin.GetAsync("/Admin/Users/Edit");

        var page = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "wrongscope",
            ["Input.DisplayName"] = "错误范围",
            ["Input.Roles"] = Roles.DistrictBureau,
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Contains("请选择县（市、区）", page.Errors);
        Assert.Contains("密码至少12个字符", page.Errors);

        var mixed = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "mixed",
            ["Input.DisplayName"] = "混合角色",
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }, extra: [new("Input.Roles", Roles.CityBureau), new("Input.Roles", Roles.Counsellor)]);
        Assert.Contains(mixed.Errors, e => e.Contains("不同层级", StringComparison.Ordinal));

        var headTeacher = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "noclass",
            ["Input.DisplayName"] = "没有班级",
            ["Input.Roles"] = Roles.HeadTeacher,
            ["Input.SchoolId"] = "1",
            ["Input.Password"] = "123456789012",
            ["Input.ConfirmPassword"] = "123456789012",
        });
        Assert.Contains("班主任需要至少选择一个所带班级", headTeacher.Errors);

        await using var db = factory.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "wrongscope" || u.UserName == "mixed" || u.UserName == "noclass"));
    }

    [Fact]
    public async Task Common_password_is_refused()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var form = await admin.GetAsync("/Admin/Users/Edit");

        var page = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "weak",
            ["Input.DisplayName"] = "弱密码",
            ["Input.Roles"] = Roles.CityBureau,
            ["Input.Password"] = "123456789012",
            ["Input.ConfirmPassword"] = "123456789012",
        });

        Assert.Contains(page.Errors, e => e.Contains("太常见", StringComparison.Ordinal));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "weak"));
    }

    [Fact]
    public async Task Admin_resets_a_password_and_the_old_one_stops_working()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var id = await db.Users.Where(u => u.UserName == "counsellor2").Select(u => u.Id).SingleAsync();

        var form = await admin.GetAsync($"/Admin/Users/ResetPassword?id={id}");
        var done = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Contains("已重置“刘老师（心理）”的密码", done.Text, StringComparison.Ordinal);

        using var user = factory.CreatePortalClient();
        Assert.Contains("用户名或密码不正确", (await user.SignInAsync("counsellor2")).Text, StringComparison.Ordinal);
        Assert.Equal("心理健康教师", (await user.SignInAsync("counsellor2", NewPassword)).TestId("roles"));
    }

    [Fact]
    public async Task User_list_is_searchable_by_school_and_filterable_by_role()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");

        var bySchool = await admin.GetAsync("/Admin/Users?q=" + Uri.EscapeDataString("双峰"));
        Assert.Contains("leader", bySchool.Text, StringComparison.Ordinal);
        Assert.Contains("headteacher", bySchool.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("counsellor2", bySchool.Text, StringComparison.Ordinal);

        var byRole = await admin.GetAsync("/Admin/Users?role=" + Roles.DistrictBureau);
        Assert.Contains("xunyang", byRole.Text, StringComparison.Ordinal);
        Assert.Contains("共 1 个用户", byRole.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byRole.Status);
    }
}
