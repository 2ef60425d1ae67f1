using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace JiujiangMentalHealth.IntegrationTests;

public class StaffingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static int Number(string? text) => int.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Fact]
    public async Task City_sees_the_letter_figures_per_district_and_in_total()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var page = await city.GetAsync("/Staffing");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(DemoWorkforce.FullTimeTeachers, Number(page.TestId("total-fulltime")));
        Assert.Equal(DemoWorkforce.PartTimeTeachers, Number(page.TestId("total-parttime")));
        var rows = page.Document.QuerySelectorAll("[data-testid=staffing-table] tbody tr");
        Assert.Equal(13, rows.Length);
        Assert.Contains(rows, r => r.QuerySelector("th")!.TextContent.Trim() == "修水县");
        // Each district's full-time teachers add up to the city total.
        Assert.Equal(DemoWorkforce.FullTimeTeachers, rows.Sum(r => Number(r.QuerySelectorAll("td")[3].TextContent)));
        Assert.Contains("每800名学生配备1名专职心理健康教师", page.TestId("policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task District_official_sees_only_the_schools_of_the_district()
    {
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var page = await xunyang.GetAsync("/Staffing");

        await using var db = factory.CreateDbContext();
        var schools = await db.Schools.Where(s => s.District!.Name == "浔阳区").Select(s => s.Name).ToListAsync();
        var rows = page.Document.QuerySelectorAll("[data-testid=staffing-table] tbody tr th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(schools.Order(), rows.Order());

        Assert.Equal(HttpStatusCode.NotFound, (await xunyang.GetAsync("/Staffing?districtId=2", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await xunyang.GetAsync("/Rooms?districtId=2", follow: false)).Status);
    }

    [Fact]
    public async Task Counsellor_sees_only_the_own_school_and_foreign_scopes_are_not_found()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.GetAsync("/Staffing");

        var rows = page.Document.QuerySelectorAll("[data-testid=staffing-table] tbody tr th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["九江市双峰小学"], rows);

        await using var db = factory.CreateDbContext();
        var other = await db.Schools.Where(s => s.Name == "九江一中").Select(s => s.Id).SingleAsync();
        foreach (var path in new[] { "/Staffing?districtId=1", $"/Staff?schoolId={other}", $"/Staff/Edit?schoolId={other}", $"/Staff/Import?schoolId={other}", $"/Rooms/Edit?schoolId={other}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync(path, follow: false)).Status);
        }

        var foreignStaff = await db.StaffMembers.Where(m => m.SchoolId == other).Select(m => m.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync($"/Staff/Edit?id={foreignStaff}", follow: false)).Status);
    }

    [Theory]
    [InlineData("headteacher", "/Staffing")]
    [InlineData("headteacher", "/Staff")]
    [InlineData("centre", "/Staffing")]
    [InlineData("city", "/Staff")]
    [InlineData("xunyang", "/Admin/StaffingPolicy")]
    public async Task Roles_without_workforce_rights_get_403(string user, string path)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path, follow: false)).Status);
    }

    [Fact]
    public async Task Short_only_filter_keeps_the_schools_short_of_full_time_teachers()
    {
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var all = await xunyang.GetAsync("/Staffing");
        var shortOnly = await xunyang.GetAsync("/Staffing?shortOnly=true&sort=shortfall");

        var shortfalls = shortOnly.Document.QuerySelectorAll("[data-testid=staffing-table] tbody tr").Select(r => Number(r.QuerySelectorAll("td")[5].TextContent)).ToList();
        Assert.NotEmpty(shortfalls);
        Assert.All(shortfalls, s => Assert.True(s > 0));
        Assert.Equal(shortfalls.OrderDescending(), shortfalls);
        Assert.True(shortfalls.Count <= all.Document.QuerySelectorAll("[data-testid=staffing-table] tbody tr").Length);
    }

    [Fact]
    public async Task Xlsx_export_has_Chinese_headers_and_the_numbers_of_the_page()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var page = await city.GetAsync("/Staffing");
        var exportUrl = page.Document.QuerySelector("a[href*='handler=Export']")!.GetAttribute("href")!;

        var response = await city.Http.GetAsync(exportUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        await using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = xlsx.Query(useHeaderRow: false).Cast<IDictionary<string, object>>().Select(r => r.Values.ToList()).ToList();

        Assert.Equal("县（市、区）", rows[0][0]);
        Assert.Equal("专职教师", rows[0][4]);
        var pageRows = page.Document.QuerySelectorAll("[data-testid=staffing-table] tbody tr");
        for (var i = 0; i < pageRows.Length; i++)
        {
            var cells = pageRows[i].QuerySelectorAll("td").Select(td => Number(td.TextContent)).ToList();
            Assert.Equal(pageRows[i].QuerySelector("th")!.TextContent.Trim(), rows[i + 1][0]);
            Assert.Equal(cells[3], Convert.ToInt32(rows[i + 1][4], CultureInfo.InvariantCulture));
            Assert.Equal(cells[5], Convert.ToInt32(rows[i + 1][6], CultureInfo.InvariantCulture));
        }

        Assert.Equal("合计", rows[^1][0]);
        Assert.Equal(DemoWorkforce.FullTimeTeachers, Convert.ToInt32(rows[^1][4], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Rooms_featured_schools_and_training_read_as_in_the_letter()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");

        var rooms = await city.GetAsync("/Rooms");
        Assert.Equal(DemoWorkforce.StandardizedRooms, Number(rooms.TestId("total-rooms")));

        var featured = await city.GetAsync("/Featured");
        Assert.Equal(68, Number(featured.TestId("featured-City")));
        Assert.Equal(5, Number(featured.TestId("featured-Provincial")));
        Assert.Equal(1, Number(featured.TestId("featured-National")));
        Assert.Contains("九江一中", featured.Text, StringComparison.Ordinal);

        var training = await city.GetAsync("/Training");
        Assert.Equal(55, Number(training.TestId("total-2023-National")));
        Assert.Equal(12_900, Number(training.TestId("total-2023-Provincial")));
        Assert.Equal(290, Number(training.TestId("total-2024-Municipal")));
    }

    [Fact]
    public async Task A_school_year_not_yet_counted_uses_the_latest_enrolment_not_the_minimum()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var nextYear = SchoolYear.Containing(ChinaTime.Today(TimeProvider.System)).Next.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.SchoolEnrolments.AnyAsync(e => e.SchoolYear == SchoolYear.Containing(ChinaTime.Today(TimeProvider.System)).Next.StartYear));

        var today = (await city.GetAsync("/Staffing")).TestId("total-required");
        var ahead = (await city.GetAsync($"/Staffing?date={nextYear}")).TestId("total-required");
        Assert.Equal(today, ahead);
        Assert.NotEqual("870", ahead);
    }
}
