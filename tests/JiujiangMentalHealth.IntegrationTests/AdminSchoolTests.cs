using System.Net;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class AdminSchoolTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Admin_creates_a_school_through_the_pages_and_finds_it_by_search()
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var duchang = await db.Districts.SingleAsync(d => d.Name == "都昌县");

        var form = await client.GetAsync("/Admin/Schools/Edit");
        var details = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Code"] = "2136042877",
            ["Input.Name"] = "都昌县多宝乡中心小学",
            ["Input.DistrictId"] = duchang.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Stage"] = nameof(SchoolStage.Primary),
            ["Input.IsTownshipCentralOrAbove"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, details.Status);
        Assert.StartsWith("/Admin/Schools/Details", details.Url, StringComparison.Ordinal);
        Assert.Contains("已保存：都昌县多宝乡中心小学", details.Text, StringComparison.Ordinal);
        var saved = await db.Schools.SingleAsync(s => s.Code == "2136042877");
        Assert.Equal(duchang.Id, saved.DistrictId);
        Assert.True(saved.IsTownshipCentralOrAbove);

        var list = await client.GetAsync("/Admin/Schools?q=2136042877");
        Assert.Contains("都昌县多宝乡中心小学", list.Text, StringComparison.Ordinal);
        Assert.Contains("共 1 所学校", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_school_is_refused_field_by_field_in_Chinese_and_nothing_is_saved()
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var before = await db.Schools.CountAsync();
        var existing = await db.Schools.Where(s => s.Name == "九江一中").Select(s => s.Code).SingleAsync();

        var form = await client.GetAsync("/Admin/Schools/Edit");
        var page = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Code"] = "12345",
            ["Input.Name"] = "",
            ["Input.DistrictId"] = "",
            ["Input.Stage"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("学校标识码应为10位数字", page.Errors);
        Assert.Contains("请填写学校名称", page.Errors);
        Assert.Contains("请选择县（市、区）", page.Errors);
        Assert.Contains("请选择办学类型", page.Errors);

        var duplicate = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Code"] = existing,
            ["Input.Name"] = "另一所学校",
            ["Input.DistrictId"] = "1",
            ["Input.Stage"] = nameof(SchoolStage.Junior),
        });
        Assert.Contains("这个学校标识码已被其他学校使用", duplicate.Errors);
        Assert.Equal(before, await db.Schools.CountAsync());
    }

    [Fact]
    public async Task Admin_records_enrolment_and_opens_a_class_on_the_school_page()
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.SingleAsync(s => s.Name == "九江小学");

        var page = await client.GetAsync($"/Admin/Schools/Details?id={school.Id}");
        var year = page.Document.QuerySelector("select[name='Enrolment.SchoolYear'] option[selected]")!.GetAttribute("value")!;
        var saved = await client.SubmitAsync(page, new Dictionary<string, string> { ["Enrolment.SchoolYear"] = year, ["Enrolment.Students"] = "2345" }, "form[action*='handler=Enrolment']");
        Assert.Empty(saved.Errors);
        Assert.Contains("2,345", saved.Text, StringComparison.Ordinal);

        var added = await client.SubmitAsync(saved, new Dictionary<string, string>
        {
            ["NewClass.Section"] = nameof(SchoolSection.Primary),
            ["NewClass.EntryYear"] = year,
            ["NewClass.Number"] = "21",
        }, "form[action*='handler=Class']");
        Assert.Contains("已添加班级：一年级(21)班", added.Text, StringComparison.Ordinal);

        var refused = await client.SubmitAsync(added, new Dictionary<string, string>
        {
            ["NewClass.Section"] = nameof(SchoolSection.Senior),
            ["NewClass.EntryYear"] = year,
            ["NewClass.Number"] = "1",
        }, "form[action*='handler=Class']");
        Assert.Contains("这所学校没有高中学段", refused.Errors);

        await using var check = factory.CreateDbContext();
        Assert.Equal(2345, await check.SchoolEnrolments.Where(e => e.SchoolId == school.Id && e.SchoolYear == int.Parse(year, System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Students).SingleAsync());
        Assert.False(await check.SchoolClasses.AnyAsync(c => c.SchoolId == school.Id && c.Section == SchoolSection.Senior));
    }

    [Fact]
    public async Task Second_of_two_simultaneous_edits_gets_a_conflict_message_and_loses_nothing_silently()
    {
        using var first = factory.CreatePortalClient();
        using var second = factory.CreatePortalClient();
        await first.SignInAsync("admin");
        await second.SignInAsync("admin");
        await using var db = factory.CreateDbContext();
        var id = await db.Schools.Where(s => s.Name == "九江市第三中学").Select(s => s.Id).SingleAsync();

        var formA = await first.GetAsync($"/Admin/Schools/Edit?id={id}");
        var formB = await second.GetAsync($"/Admin/Schools/Edit?id={id}");
        await first.SubmitAsync(formA, new Dictionary<string, string> { ["Input.Name"] = "九江市第三中学（甲）" });
        var conflict = await second.SubmitAsync(formB, new Dictionary<string, string> { ["Input.Name"] = "九江市第三中学（乙）" });

        Assert.Contains(conflict.Errors, e => e.Contains("刚被其他人修改过", StringComparison.Ordinal));
        Assert.Equal("九江市第三中学（乙）", conflict.Document.QuerySelector("#Input_Name")!.GetAttribute("value"));
        await using var check = factory.CreateDbContext();
        Assert.Equal("九江市第三中学（甲）", await check.Schools.Where(s => s.Id == id).Select(s => s.Name).SingleAsync());
    }

    [Fact]
    public async Task Admin_adds_and_edits_a_district()
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");

        var form = await client.GetAsync("/Admin/Districts/Edit");
        var list = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = "360490", ["Input.Name"] = "九江经济技术开发区" });
        Assert.Contains("九江经济技术开发区", list.Text, StringComparison.Ordinal);

        var bad = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = "36049", ["Input.Name"] = "浔阳区" });
        Assert.Contains("行政区划代码应为6位数字", bad.Errors);
        Assert.Contains("已有同名的县（市、区）", bad.Errors);

        await using var db = factory.CreateDbContext();
        var zone = await db.Districts.SingleAsync(d => d.Code == "360490");
        Assert.True(zone.Id >= 100, "new districts are numbered after the 13 seeded ones");
        Assert.Equal(14, await db.Districts.CountAsync());
    }
}
