using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class WorkforcePagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_school_records_its_counselling_room_and_the_district_coverage_follows()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.IsTownshipCentralOrAbove && !db.CounsellingRooms.Any(r => r.SchoolId == s.Id && r.IsStandardized))
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.Name, s.DistrictId }).FirstAsync();

        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var coverageBefore = await admin.GetAsync($"/Rooms?districtId={school.DistrictId}");
        var roomsBefore = int.Parse(coverageBefore.TestId("total-rooms")!, CultureInfo.InvariantCulture);

        var form = await admin.GetAsync($"/Rooms/Edit?schoolId={school.Id}");
        var refused = await admin.SubmitAsync(form, new Dictionary<string, string> { ["IsStandardized"] = "true" });
        Assert.Contains("标准化辅导室至少要有一个功能室", refused.Errors);

        var saved = await admin.SubmitAsync(form, new Dictionary<string, string> { ["IsStandardized"] = "true", ["CertifiedOn"] = "2024-05-20" },
            extra: [new("Rooms", "Individual"), new("Rooms", "SandTable")]);
        Assert.Contains($"已保存：{school.Name}", saved.Text, StringComparison.Ordinal);

        var coverageAfter = await admin.GetAsync($"/Rooms?districtId={school.DistrictId}");
        Assert.Equal(roomsBefore + 1, int.Parse(coverageAfter.TestId("total-rooms")!, CultureInfo.InvariantCulture));
        var room = await db.CounsellingRooms.AsNoTracking().SingleAsync(r => r.SchoolId == school.Id);
        Assert.Equal(FunctionalRooms.Individual | FunctionalRooms.SandTable, room.Rooms);
    }

    [Fact]
    public async Task Bureau_creates_a_course_and_a_school_registers_its_attendees_in_one_go()
    {
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var course = await xunyang.SubmitAsync(await xunyang.GetAsync("/Training/CourseEdit"), new Dictionary<string, string>
        {
            ["Input.Level"] = "County",
            ["Input.Name"] = "浔阳区2026年班主任心理健康教育培训",
            ["Input.StartsOn"] = "2026-10-15",
            ["Input.Hours"] = "12",
            ["Input.Organiser"] = "浔阳区教育局",
        });
        Assert.StartsWith("/Training/Course", course.Url, StringComparison.Ordinal);
        Assert.Equal("0", course.TestId("attendances"));

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.GetAsync(course.Url);
        var boxes = page.Document.QuerySelectorAll("input[name=StaffIds]").Take(3).Select(b => b.GetAttribute("value")!).ToList();
        await using var db = factory.CreateDbContext();
        var foreign = await db.StaffMembers.Where(m => db.Schools.Any(s => s.Id == m.SchoolId && s.Name == "九江一中")).Select(m => m.Id).FirstAsync();
        var registered = await counsellor.SubmitAsync(page, new Dictionary<string, string>(),
            extra: [.. boxes.Select(b => new KeyValuePair<string, string>("StaffIds", b)), new("StaffIds", foreign.ToString(CultureInfo.InvariantCulture))]);

        Assert.Contains("已登记3名参训人员", registered.Text, StringComparison.Ordinal);
        Assert.Equal("3", registered.TestId("attendances"));
        Assert.False(await db.TrainingRecords.AnyAsync(r => r.StaffMemberId == foreign && db.TrainingCourses.Any(c => c.Id == r.CourseId && c.Level == TrainingLevel.County)));

        var totals = await xunyang.GetAsync("/Training");
        Assert.Equal("3", totals.TestId("total-2026-County"));
    }

    [Fact]
    public async Task A_school_nominates_an_expert_and_the_city_records_the_selection()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.GetAsync("/Training/Experts");
        var nominee = page.Document.QuerySelector("#staffMemberId option")!;
        var nominated = await counsellor.SubmitAsync(page, new Dictionary<string, string> { ["field"] = "心理健康教育" }, "form[action*='handler=Nominate']");
        Assert.Contains(nominee.TextContent.Trim(), nominated.Text, StringComparison.Ordinal);

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var list = await city.GetAsync("/Training/Experts");
        var row = list.Document.QuerySelectorAll("tbody tr").First(r => r.QuerySelector("th")!.TextContent.Trim() == nominee.TextContent.Trim());
        var formId = row.QuerySelector("form")!.GetAttribute("action")!;
        var decided = await city.SubmitAsync(list, new Dictionary<string, string> { ["status"] = "Selected" }, $"form[action='{formId}']");
        Assert.Contains("已更新为“已入选”", decided.Text, StringComparison.Ordinal);

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var seen = await xunyang.GetAsync("/Training/Experts");
        Assert.Contains(nominee.TextContent.Trim(), seen.Text, StringComparison.Ordinal);
        Assert.Empty(seen.Document.QuerySelectorAll("form[action*='handler=Decide']"));
    }

    [Fact]
    public async Task City_names_a_featured_school_and_a_school_user_cannot()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => !db.FeaturedSchools.Any(f => f.SchoolId == s.Id)).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).FirstAsync();

        var page = await city.GetAsync("/Featured");
        var added = await city.SubmitAsync(page, new Dictionary<string, string>
        {
            ["schoolId"] = school.Id.ToString(CultureInfo.InvariantCulture), ["level"] = "City", ["year"] = "2026",
        }, "form[action*='handler=Add']");
        Assert.Equal("69", added.TestId("featured-City"));
        var again = await city.SubmitAsync(page, new Dictionary<string, string>
        {
            ["schoolId"] = school.Id.ToString(CultureInfo.InvariantCulture), ["level"] = "City", ["year"] = "2026",
        }, "form[action*='handler=Add']");
        Assert.Contains("该学校已有这一级别的称号", again.Errors);

        using var counsellor = factory.CreatePortalClient();
        var home = await counsellor.SignInAsync("counsellor");
        var token = home.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await counsellor.Http.PostAsync("/Featured?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["schoolId"] = school.Id.ToString(CultureInfo.InvariantCulture), ["level"] = "National", ["year"] = "2026",
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await db.FeaturedSchools.AnyAsync(f => f.SchoolId == school.Id && f.Level == FeaturedLevel.National));
    }
}
