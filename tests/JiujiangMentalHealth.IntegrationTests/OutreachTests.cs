using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>R9: activities, the counselling centre, the lecturer team and home visits — recorded, scoped, and counted.</summary>
public class OutreachTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] SchoolUsers = ["leader", "counsellor", "headteacher", "counsellor2"];

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static int Number(string? text) => int.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int MonthCell(PortalClient.Page page, int month, ConsultationChannel channel) =>
        Number(page.Document.QuerySelector($"[data-testid=centre-monthly] tr[data-month='{month}'] td[data-channel='{channel}']")?.TextContent.Trim());

    /// <summary>A district's per-school outreach row: code, name, activities, participants, lectures, talks, visits, key population, visited, share, trainees.</summary>
    private static string[] OutreachRow(PortalClient.Page page, string school) =>
        page.Document.QuerySelectorAll("[data-testid=table-outreach] tbody tr")
            .Select(tr => tr.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray())
            .Single(r => r[1] == school);

    [Fact]
    public async Task The_centre_logs_an_anonymous_hotline_call_its_monthly_figures_count_it_and_no_school_sees_it()
    {
        using var centre = factory.CreatePortalClient();
        await centre.SignInAsync("centre");
        var before = await centre.GetAsync("/Centre");
        Assert.Equal(DemoOutreach.CentreStaff.ToString(CultureInfo.InvariantCulture), before.TestId("centre-staff"));
        Assert.Equal(DemoOutreach.CentreVolunteers.ToString(CultureInfo.InvariantCulture), before.TestId("centre-volunteers"));
        var hotlineBefore = MonthCell(before, Today.Month, ConsultationChannel.Hotline);
        var yearBefore = Number(before.TestId("centre-year-total"));

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var cityBefore = Number((await city.GetAsync("/Dashboards")).TestId("card-consultations-Hotline"));

        // The form has no place for a student's name or number: the call stays anonymous.
        var form = await centre.GetAsync("/Centre/Consultation?channel=Hotline");
        var fields = form.Document.QuerySelectorAll("[data-testid=consultation-form] [name]").Select(e => e.GetAttribute("name")!).ToList();
        Assert.DoesNotContain(fields, f => f.Contains("Student", StringComparison.Ordinal) || f.Contains("Name", StringComparison.Ordinal) || f.Contains("Phone", StringComparison.Ordinal));

        // A referral without a destination is refused in Chinese, and nothing is saved.
        var count = await CountAsync();
        int school;
        await using (var lookup = factory.CreateDbContext())
        {
            school = await lookup.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        }

        var refused = await centre.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Client"] = "Parent", ["Input.Topic"] = "ParentChild", ["Input.Minutes"] = "35", ["Input.Referral"] = "Hospital",
            ["Input.SchoolId"] = school.ToString(CultureInfo.InvariantCulture),
            ["Input.Notes"] = "母亲来电：孩子沉迷手机，亲子冲突",
        }, "[data-testid=consultation-form]");
        Assert.Contains("转介时请填写转介去向", refused.Document.QuerySelector("[data-valmsg-for='Input.ReferredTo']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(count, await CountAsync());

        var saved = await centre.SubmitAsync(refused, new Dictionary<string, string> { ["Input.Referral"] = "None" }, "[data-testid=consultation-form]");
        Assert.Equal("/Centre", saved.Url);
        Assert.Contains("咨询记录已保存", saved.Text, StringComparison.Ordinal);
        Assert.Equal(hotlineBefore + 1, MonthCell(saved, Today.Month, ConsultationChannel.Hotline));
        Assert.Equal(yearBefore + 1, Number(saved.TestId("centre-year-total")));

        await using var db = factory.CreateDbContext();
        var call = await db.Consultations.OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal((ConsultationChannel.Hotline, ClientKind.Parent, (int?)school), (call.Channel, call.Client, call.SchoolId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "consultation" && a.EntityId == call.Id.ToString(CultureInfo.InvariantCulture) && a.Action == "create"));

        // The city counts it on its dashboard, but the centre's records are the centre's own — even the
        // school the caller named never learns of the call, not even as a count.
        Assert.Equal(cityBefore + 1, Number((await city.GetAsync("/Dashboards")).TestId("card-consultations-Hotline")));
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync($"/Centre/Consultation?id={call.Id}", follow: false)).Status);
        foreach (var user in SchoolUsers)
        {
            using var schoolUser = factory.CreatePortalClient();
            await schoolUser.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await schoolUser.GetAsync("/Centre", follow: false)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await schoolUser.GetAsync($"/Centre/Consultation?id={call.Id}", follow: false)).Status);
            foreach (var path in new[] { "/", "/Dashboards", "/Activities", "/Reports" })
            {
                var page = await schoolUser.GetAsync(path);
                Assert.DoesNotContain("亲子冲突", page.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("热线", page.Text, StringComparison.Ordinal);
                Assert.Null(page.Document.QuerySelector("[data-testid^=card-consultations]"));
            }
        }

        async Task<int> CountAsync()
        {
            await using var check = factory.CreateDbContext();
            return await check.Consultations.CountAsync();
        }
    }

    [Fact]
    public async Task A_school_records_its_525_activity_its_district_sees_and_counts_it_and_another_school_does_not()
    {
        // The latest 25 May: the calendar marks it and the form suggests its type.
        var day = new DateOnly(Today.Year, 5, 25) <= Today ? new DateOnly(Today.Year, 5, 25) : new DateOnly(Today.Year - 1, 5, 25);
        var yearKey = Period.Containing(PeriodKind.SchoolYear, day).Key;
        var schoolYear = JiujiangMentalHealth.Domain.City.SchoolYear.Containing(day).StartYear;
        const string Title = "“5·25”心理健康日·阳光心态主题班会（测试）";

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var dashBefore = OutreachRow(await xunyang.GetAsync($"/Dashboards?period={yearKey}"), "九江市双峰小学");

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var calendar = await counsellor.GetAsync($"/Activities/Calendar?month={day:yyyy-MM}");
        Assert.Contains("“5·25”心理健康日", calendar.Document.QuerySelector($"td[data-day='{Iso(day)}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("心理健康教育活动月", calendar.TestId("calendar-span"), StringComparison.Ordinal);

        var form = await counsellor.GetAsync($"/Activities/Edit?date={Iso(day)}");
        Assert.Equal("MentalHealthDay", form.Document.QuerySelector("select[name='Input.Type'] option[selected]")?.GetAttribute("value"));

        // No audience: refused beside the field, in Chinese.
        var refused = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = Title, ["Input.Participants"] = "1234", ["Input.Audience"] = null!,
        }, "[data-testid=activity-form]");
        Assert.Contains("请至少选择一类活动对象", refused.Document.QuerySelector("[data-valmsg-for='Input.Audience']")?.TextContent, StringComparison.Ordinal);

        var saved = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = Title, ["Input.Participants"] = "1234", ["Input.Grades"] = "三至六年级", ["Input.PartnerNames"] = "南昌大学",
        }, "[data-testid=activity-form]", extra: [new("Input.Audience", "Parents"), new("Input.Partners", "University")]);
        Assert.StartsWith("/Activities/Activity/", saved.Url, StringComparison.Ordinal);
        Assert.Contains("学生、家长", saved.TestId("activity-detail"), StringComparison.Ordinal);
        var id = saved.Url.Split('/')[^1];

        var mine = await counsellor.GetAsync($"/Activities?year={schoolYear}&q=阳光心态主题班会");
        Assert.Contains(Title, mine.TestId("activities-table"), StringComparison.Ordinal);

        // The district lists it among its schools' activities and counts it on its dashboard, but cannot change it.
        var list = await xunyang.GetAsync($"/Activities?year={schoolYear}&q=阳光心态主题班会");
        Assert.Contains(Title, list.TestId("activities-table"), StringComparison.Ordinal);
        Assert.Contains("九江市双峰小学", list.TestId("activities-table"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await xunyang.GetAsync($"/Activities/Edit?id={id}", follow: false)).Status);
        var dashAfter = OutreachRow(await xunyang.GetAsync($"/Dashboards?period={yearKey}"), "九江市双峰小学");
        Assert.Equal(Number(dashBefore[2]) + 1, Number(dashAfter[2]));
        Assert.Equal(Number(dashBefore[3]) + 1234, Number(dashAfter[3]));

        // Another school neither lists nor opens it.
        using var other = factory.CreatePortalClient();
        await other.SignInAsync("counsellor2");
        var otherList = await other.GetAsync($"/Activities?year={schoolYear}&q=阳光心态主题班会");
        Assert.Null(otherList.TestId("activities-table"));
        Assert.NotNull(otherList.TestId("activities-empty"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Activities/Activity/{id}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Activities/Edit?id={id}", follow: false)).Status);

        // Nor does the centre, whose list is its own outreach.
        using var centre = factory.CreatePortalClient();
        await centre.SignInAsync("centre");
        Assert.Equal(HttpStatusCode.NotFound, (await centre.GetAsync($"/Activities/Activity/{id}", follow: false)).Status);
    }

    [Fact]
    public async Task A_planned_activity_cannot_claim_participants()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync($"/Activities/Edit?date={Iso(Today.AddDays(20))}");
        var refused = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Type"] = "GroupCounselling", ["Input.Title"] = "期末减压团辅（计划）", ["Input.Participants"] = "40",
        }, "[data-testid=activity-form]");
        Assert.Contains("活动尚未举行", refused.Document.QuerySelector("[data-valmsg-for='Input.Participants']")?.TextContent, StringComparison.Ordinal);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Activities.AnyAsync(a => a.Title == "期末减压团辅（计划）"));

        var saved = await counsellor.SubmitAsync(refused, new Dictionary<string, string> { ["Input.Participants"] = "0" }, "[data-testid=activity-form]");
        Assert.StartsWith("/Activities/Activity/", saved.Url, StringComparison.Ordinal);
        var planned = await db.Activities.SingleAsync(a => a.Title == "期末减压团辅（计划）");
        Assert.Equal((0, Today.AddDays(20)), (planned.Participants, planned.HeldOn));

        // Listed as planned, but not counted until it took place.
        var list = await counsellor.GetAsync($"/Activities?q=期末减压团辅&year={JiujiangMentalHealth.Domain.City.SchoolYear.Containing(planned.HeldOn).StartYear}");
        Assert.Contains("计划中", list.TestId("activities-table"), StringComparison.Ordinal);
        Assert.StartsWith("共 0 项", list.TestId("activity-totals"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_visits_to_key_population_students_raise_the_schools_visited_share()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var period = Period.Containing(PeriodKind.Term, Today);
        var visited = db.Talks.Where(t => t.Kind == TalkKind.HomeVisit && t.OccurredOn >= period.From).Select(t => t.StudentId);
        var unvisited = await db.Students.Where(s => s.SchoolId == school && s.KeyPopulations != KeyPopulations.None && !visited.Contains(s.Id))
            .OrderBy(s => s.Id).Select(s => s.Id).Take(3).ToListAsync();
        Assert.Equal(3, unvisited.Count);
        var keyPopulation = await db.Students.CountAsync(s => s.SchoolId == school && s.KeyPopulations != KeyPopulations.None);

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var url = $"/Dashboards?period={period.Key}";
        var before = await counsellor.GetAsync(url);
        var districtBefore = OutreachRow(await xunyang.GetAsync(url), "九江市双峰小学");

        foreach (var studentId in unvisited)
        {
            var form = await counsellor.GetAsync($"/Students/Talk?studentId={studentId}");
            var file = await counsellor.SubmitAsync(form, new Dictionary<string, string>
            {
                ["Input.Kind"] = "HomeVisit", ["Input.WithWhom"] = "母亲", ["Input.Summary"] = "万师访万家：了解家庭情况，约定每月电话联系",
            });
            Assert.Equal($"/Students/{studentId}", file.Url);
        }

        // The school sees its own figures: three more key-population students visited, a higher share.
        var after = await counsellor.GetAsync(url);
        decimal Share(string? text) => decimal.Parse(text!.TrimEnd('%'), CultureInfo.InvariantCulture);
        Assert.True(Share(after.TestId("card-visited-share")) > Share(before.TestId("card-visited-share")),
            $"{before.TestId("card-visited-share")} → {after.TestId("card-visited-share")}");
        Assert.Equal(SchoolCard(before, "重点关爱学生已家访") + 3, SchoolCard(after, "重点关爱学生已家访"));
        Assert.Equal(SchoolCard(before, "家访户次") + 3, SchoolCard(after, "家访户次"));
        var visitedNow = SchoolCard(after, "重点关爱学生已家访");
        Assert.Equal(Math.Round(100m * visitedNow / keyPopulation, 1), Share(after.TestId("card-visited-share")));

        // The district sees the campaign per school, with the students in need counted as any other (R11):
        // 1–9 shows as "<10", and a share is shown only beside counts that are shown.
        var districtAfter = OutreachRow(await xunyang.GetAsync(url), "九江市双峰小学");
        Assert.Equal(Number(districtBefore[6]) + 3, Number(districtAfter[6]));
        Assert.Contains(districtAfter[8], (string[])(visitedNow is > 0 and < 10 ? ["<10"] : [visitedNow.ToString("N0", CultureInfo.InvariantCulture), "*"]));
        if (districtAfter[7] is "<10" or "*" || districtAfter[8] is "<10" or "*")
        {
            Assert.Equal("*", districtAfter[9]);
        }
        else
        {
            Assert.Equal(Math.Round(100m * visitedNow / keyPopulation, 1), Share(districtAfter[9]));
        }
    }

    private static int SchoolCard(PortalClient.Page page, string label) =>
        Number(page.Document.QuerySelectorAll("[data-testid=school-figures] .card-body")
            .Single(c => c.QuerySelector(".text-muted")?.TextContent.Trim() == label)
            .QuerySelector(".fs-4")!.TextContent.Trim());

    [Fact]
    public async Task The_city_logs_a_touring_lecture_the_host_school_sees_and_reports_it_and_other_schools_do_not()
    {
        await using var db = factory.CreateDbContext();
        var lecturers = await db.Lecturers.CountAsync(l => l.Active);
        Assert.Equal(DemoOutreach.LecturerCount, lecturers);
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var lecturer = await db.Lecturers.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var reportPeriod = BimonthlyPeriod.LatestEnded(Today);
        var day = reportPeriod.From.AddDays(3);

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var reportBefore = await counsellor.GetAsync($"/Reports/Report?period={reportPeriod.Key}");
        var lecturesBefore = Number(reportBefore.TestId("prefilled-FamilyLectures"));
        var activitiesBefore = Number(reportBefore.TestId("prefilled-Activities"));

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var index = await city.GetAsync("/Lecturers");
        Assert.Equal(lecturers.ToString(CultureInfo.InvariantCulture), index.TestId("lecturer-count"));
        Assert.Equal(13, index.Document.QuerySelectorAll("[data-testid=lecture-coverage] tbody tr").Length);
        var form = await city.GetAsync("/Lecturers/Lecture");
        var saved = await city.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.LecturerId"] = lecturer.ToString(CultureInfo.InvariantCulture), ["Input.SchoolId"] = school.ToString(CultureInfo.InvariantCulture),
            ["Input.HeldOn"] = Iso(day), ["Input.Topic"] = "家校共育·测试巡讲", ["Input.Participants"] = "260",
        }, "[data-testid=lecture-form]");
        Assert.Contains("家校共育·测试巡讲", saved.Text, StringComparison.Ordinal);

        // The host school sees it and its report is pre-filled with it (and with a new activity of that period).
        var list = await counsellor.GetAsync($"/Lecturers?year={day.Year}&q=测试巡讲");
        Assert.Contains("家校共育·测试巡讲", list.TestId("lectures"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await counsellor.GetAsync("/Lecturers/Lecture", follow: false)).Status);
        var activity = await counsellor.GetAsync($"/Activities/Edit?date={Iso(day)}");
        await counsellor.SubmitAsync(activity, new Dictionary<string, string>
        {
            ["Input.Type"] = "ParentLecture", ["Input.Title"] = "家长学校第三讲", ["Input.Participants"] = "180",
        }, "[data-testid=activity-form]");
        var reportAfter = await counsellor.GetAsync($"/Reports/Report?period={reportPeriod.Key}");
        Assert.Equal(lecturesBefore + 1, Number(reportAfter.TestId("prefilled-FamilyLectures")));
        Assert.Equal(activitiesBefore + 1, Number(reportAfter.TestId("prefilled-Activities")));

        using var other = factory.CreatePortalClient();
        await other.SignInAsync("counsellor2");
        Assert.DoesNotContain("家校共育·测试巡讲", (await other.GetAsync($"/Lecturers?year={day.Year}&q=测试巡讲")).Text, StringComparison.Ordinal);
        Assert.NotNull((await counsellor.GetAsync($"/Lecturers?year={day.Year}&q=测试巡讲")).TestId("lectures"));
    }

    [Fact]
    public async Task The_demo_holds_a_year_of_activities_across_districts_and_the_centres_records()
    {
        await using var db = factory.CreateDbContext();
        var from = Today.AddYears(-1);
        var districts = await db.Activities.Where(a => a.HeldOn > from && a.Level == OrganiserLevel.School).Select(a => a.DistrictId).Distinct().CountAsync();
        Assert.Equal(13, districts);
        Assert.True(await db.Activities.CountAsync(a => a.Type == ActivityType.MentalHealthDay) > 500);
        Assert.True(await db.Activities.AnyAsync(a => a.Level == OrganiserLevel.Centre && a.Type == ActivityType.LessonsToSchools));
        Assert.Equal(DemoOutreach.CentreStaff, await db.CentreMembers.CountAsync(m => m.Role != CentreRole.Volunteer));
        Assert.Equal(DemoOutreach.CentreVolunteers, await db.CentreMembers.CountAsync(m => m.Role == CentreRole.Volunteer));
        Assert.Equal(4, await db.Consultations.Select(c => c.Channel).Distinct().CountAsync());
        Assert.True(await db.Consultations.Where(c => c.OccurredOn > from).Select(c => c.OccurredOn.Month).Distinct().CountAsync() >= 12);
        Assert.Equal(13, await db.FamilyLectures.Join(db.Schools, l => l.SchoolId, s => s.Id, (l, s) => s.DistrictId).Distinct().CountAsync());
    }
}

public class ActivityPhotoAndDeleteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task The_organiser_adds_a_photo_others_in_scope_see_it_and_outsiders_cannot_fetch_it()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var id = await db.Activities.Where(a => a.SchoolId == school).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.GetAsync($"/Activities/Activity/{id}");

        // A text file named .jpg is not a photo: refused in Chinese, nothing kept.
        var refused = await counsellor.UploadAsync(page, "[data-testid=photo-form]", "photo", "这不是照片"u8.ToArray(), "合影.jpg");
        Assert.Contains("只能上传 JPG、PNG 或 WebP 格式的照片", refused.TestId("photo-error"), StringComparison.Ordinal);
        Assert.False(await db.ActivityPhotos.AnyAsync(p => p.ActivityId == id));

        var added = await counsellor.UploadAsync(page, "[data-testid=photo-form]", "photo", Png, "合影.png");
        Assert.Contains("照片已上传", added.Text, StringComparison.Ordinal);
        var src = added.Document.QuerySelector("[data-testid=activity-photos] img")!.GetAttribute("src")!;
        var image = await counsellor.Http.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-store", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        Assert.Equal(HttpStatusCode.OK, (await xunyang.Http.GetAsync(src)).StatusCode);
        foreach (var outsider in new[] { "counsellor2", "centre" })
        {
            using var other = factory.CreatePortalClient();
            await other.SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(src)).StatusCode);
        }
    }

    [Fact]
    public async Task Only_the_organiser_changes_or_deletes_an_activity_and_approved_reports_keep_their_figures()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        // An activity inside a period whose report the district has approved (and so locked).
        var approved = await db.BimonthlyReports.Where(r => r.SchoolId == school && r.State == ReportState.Approved)
            .OrderByDescending(r => r.PeriodStart).Select(r => r.PeriodStart).ToListAsync();
        var candidates = await db.Activities.Where(a => a.SchoolId == school).Select(a => new { a.Id, a.HeldOn }).ToListAsync();
        var (id, periodStart) = candidates
            .Select(a => (a.Id, Start: approved.FirstOrDefault(p => a.HeldOn >= p && a.HeldOn <= p.AddMonths(2).AddDays(-1))))
            .First(x => x.Start != default);
        var periodKey = BimonthlyPeriod.Containing(periodStart).Key;

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var seen = await xunyang.GetAsync($"/Activities/Activity/{id}");
        Assert.Null(seen.TestId("delete-activity"));
        Assert.Null(seen.TestId("photo-form"));
        var token = seen.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var photos = await db.ActivityPhotos.CountAsync(p => p.ActivityId == id);

        // Forged posts of a district to its school's activity: refused, nothing changed.
        async Task<HttpStatusCode> PostAsync(string url, HttpContent content) => (await xunyang.Http.PostAsync(url, content)).StatusCode;
        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync($"/Activities/Activity/{id}?handler=Delete", Form()));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync($"/Activities/Edit?id={id}", Form(
            ("Input.Type", "Other"), ("Input.Title", "区里改的"), ("Input.HeldOn", "2026-05-25"), ("Input.Audience", "Students"), ("Input.Participants", "1"))));
        using (var photo = new MultipartFormDataContent())
        {
            photo.Add(new StringContent(token), "__RequestVerificationToken");
            photo.Add(new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")), "photo", "x.png");
            Assert.Equal(HttpStatusCode.Forbidden, await PostAsync($"/Activities/Activity/{id}?handler=Photo", photo));
        }

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync($"/Activities/Activity/{id}?handler=DeletePhoto&photoId=1", Form()));
        Assert.NotEqual("区里改的", await db.Activities.Where(a => a.Id == id).Select(a => a.Title).SingleAsync());
        Assert.Equal(photos, await db.ActivityPhotos.CountAsync(p => p.ActivityId == id));

        // The school deletes it (after a confirmation in the browser); the approved report still says what was filed.
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var reportBefore = (await counsellor.GetAsync($"/Reports/Report?period={periodKey}")).TestId("reported-Activities");
        Assert.NotNull(reportBefore);
        var page = await counsellor.GetAsync($"/Activities/Activity/{id}");
        Assert.NotNull(page.Document.QuerySelector("[data-testid=delete-activity][data-confirm]"));
        var list = await counsellor.SubmitAsync(page, new Dictionary<string, string>(), "[data-testid=delete-activity]");
        Assert.Equal("/Activities", list.Url);
        Assert.Contains("已删除", list.Text, StringComparison.Ordinal);
        Assert.False(await db.Activities.AnyAsync(a => a.Id == id));
        Assert.Equal(reportBefore, (await counsellor.GetAsync($"/Reports/Report?period={periodKey}")).TestId("reported-Activities"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "activity" && a.Action == "delete" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public class CentreRoleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task No_admin_or_bureau_account_can_also_hold_the_centre_role_and_an_old_one_is_still_kept_out()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var form = await admin.GetAsync("/Admin/Users/Edit");
        var refused = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "centreboss", ["Input.DisplayName"] = "兼任中心", ["Input.Roles"] = Domain.Access.Roles.CityBureau,
            ["Input.Password"] = "Xunlu#Xinyu2026", ["Input.ConfirmPassword"] = "Xunlu#Xinyu2026",
        }, extra: [new("Input.Roles", Domain.Access.Roles.CentreStaff)]);
        Assert.Contains("辅导中心人员角色不能与其他角色同时授予", refused.Document.QuerySelector("[data-valmsg-for='Input.Roles']")?.TextContent, StringComparison.Ordinal);
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "centreboss"));

        // An account given both roles before the rule existed still cannot open the centre's records.
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<JiujiangMentalHealth.Infrastructure.Identity.ApplicationUser>>();
            var legacy = new JiujiangMentalHealth.Infrastructure.Identity.ApplicationUser { UserName = "legacycentre", DisplayName = "旧账号", ScopeLevel = Domain.Access.ScopeLevel.City };
            Assert.True((await users.CreateAsync(legacy, "Xunlu#Xinyu2026")).Succeeded);
            Assert.True((await users.AddToRolesAsync(legacy, [Domain.Access.Roles.CityBureau, Domain.Access.Roles.CentreStaff])).Succeeded);
        }

        using var both = factory.CreatePortalClient();
        await both.SignInAsync("legacycentre", "Xunlu#Xinyu2026");
        Assert.Equal(HttpStatusCode.Forbidden, (await both.GetAsync("/Centre", follow: false)).Status);
        var id = await db.Consultations.Select(c => c.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await both.GetAsync($"/Centre/Consultation?id={id}", follow: false)).Status);
    }
}
