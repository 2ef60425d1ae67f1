using System.Globalization;
using AngleSharp.Dom;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The lists made paged, sortable and searchable for issue #10: the screening queue, the support
/// list, the training courses, the admins' schools and users. Each test arranges more rows than a
/// page holds, under a name prefix of its own, so the assertions do not depend on the demo data.
/// </summary>
public class ListPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OwnSchool = "九江市双峰小学";
    private const string OtherSchool = "九江一中";

    private static int _sequence;

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    /// <summary>Students named prefix01…prefixNN in a class of the school, saved at once.</summary>
    private static async Task<List<Student>> AddStudentsAsync(AppDbContext db, string schoolName, string prefix, int count)
    {
        var schoolClass = await db.SchoolClasses.Where(c => c.School!.Name == schoolName).OrderBy(c => c.Id).FirstAsync();
        var birth = new DateOnly(2014, 5, 1);
        var students = new List<Student>();
        for (var i = 1; i <= count; i++)
        {
            string number;
            do
            {
                var body = $"360498{birth.AddDays(Interlocked.Increment(ref _sequence) / 900):yyyyMMdd}{Interlocked.Increment(ref _sequence) % 1000:D3}";
                number = "G" + body + Student.ResidentIdCheckCharacter(body);
            }
            while (students.Any(s => s.StudentNumber == number) || await db.Students.AnyAsync(s => s.StudentNumber == number));

            students.Add(new Student(schoolClass.SchoolId, schoolClass.Id, new StudentProfile(number, $"{prefix}{i:D2}", Gender.Male, birth,
                KeyPopulations.None, ParentChildRelationship.Good, null, "家长", "13900000000")));
        }

        db.Students.AddRange(students);
        await db.SaveChangesAsync();
        return students;
    }

    private static ScreeningResult Pending(Student student, DateOnly takenOn) =>
        ScreeningResult.Record(student.Id, student.SchoolId, QuestionnaireScoring.Provincial(WarningLevel.Level3, 60), takenOn, null,
            ResultSource.Imported, "counsellor", DateTimeOffset.UtcNow, Today);

    private static async Task<SupportAssignment> Tier3Async(AppDbContext db, Student student, DateOnly startedOn)
    {
        var teacher = await db.StaffMembers.Where(m => m.SchoolId == student.SchoolId && m.LeftOn == null && !m.IsSchoolLeader)
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        return SupportAssignment.Start(student.Id, student.SchoolId, 3, [new TeamSeat(teacher, TeamRole.HeadTeacher)], startedOn, "counsellor", null);
    }

    /// <summary>The text of the first cell (th) of each body row of the table.</summary>
    private static List<string> Names(PortalClient.Page page, string table) =>
        page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr th").Select(th => th.TextContent.Trim()).ToList();

    private static List<string> Attributes(PortalClient.Page page, string table, string attribute) =>
        page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr").Select(tr => tr.GetAttribute(attribute)!).ToList();

    private static string NextPageLink(PortalClient.Page page) =>
        page.Document.QuerySelectorAll("nav[aria-label] a.page-link").Single(a => a.TextContent.Trim() == "下一页").GetAttribute("href")!;

    private static IElement SortHeader(PortalClient.Page page, string key) => page.Document.QuerySelector($"th[data-sort='{key}']")!;

    private static string[] Expected(string prefix, IEnumerable<int> numbers) => numbers.Select(i => $"{prefix}{i:D2}").ToArray();

    [Fact]
    public async Task The_screening_queue_is_paged_sorted_and_searched_by_a_posted_name_within_the_school()
    {
        const string prefix = "队列列表生";
        await using var db = factory.CreateDbContext();
        var own = await AddStudentsAsync(db, OwnSchool, prefix, 55);
        var other = (await AddStudentsAsync(db, OtherSchool, prefix + "外校", 1)).Single();
        db.ScreeningResults.AddRange(own.Select((s, i) => Pending(s, Today.AddDays(-1 - i))));
        db.ScreeningResults.Add(Pending(other, Today));
        await db.SaveChangesAsync();
        var schoolId = own[0].SchoolId;
        var total = await db.ScreeningResults.CountAsync(r => r.SchoolId == schoolId && r.DecisionState == TierDecisionState.Pending && !r.IsSuperseded);

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        // Paging: 50 a page; page 2 holds other rows, and its link keeps the sort.
        var first = await counsellor.GetAsync("/Screenings/Queue?sort=name");
        Assert.Equal($"共 {total} 条待确认", first.TestId("queue-count"));
        Assert.Equal("ascending", SortHeader(first, "name").GetAttribute("aria-sort"));
        Assert.Null(SortHeader(first, "tier").GetAttribute("aria-sort"));
        Assert.Equal(50, Attributes(first, "queue", "data-result").Count);
        var next = NextPageLink(first);
        Assert.Contains("sort=name", next, StringComparison.Ordinal);
        Assert.Contains("p=2", next, StringComparison.Ordinal);
        var second = await counsellor.GetAsync(next);
        Assert.Equal(Math.Min(50, total - 50), Attributes(second, "queue", "data-result").Count);
        Assert.Empty(Attributes(first, "queue", "data-result").Intersect(Attributes(second, "queue", "data-result")));

        // Searching: posted, so the name never reaches a URL; the sort is kept from the page's address.
        var searched = await counsellor.SubmitAsync(first, new Dictionary<string, string> { ["q"] = prefix }, "#queue-search");
        Assert.DoesNotContain("q=", searched.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(searched.Document.QuerySelectorAll("a[href], form[action]"),
            e => (e.GetAttribute("href") ?? e.GetAttribute("action"))!.Contains(Uri.EscapeDataString(prefix), StringComparison.Ordinal));
        Assert.Equal("共 55 条待确认", searched.TestId("queue-count"));
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 50)), Names(searched, "queue"));
        Assert.DoesNotContain(Names(searched, "queue"), n => n.Contains("外校", StringComparison.Ordinal));

        // Clicking a sort header under a search re-posts the search to the header's address: the order turns, the search stays.
        var turned = await counsellor.SubmitAsync(searched, new Dictionary<string, string>(), "#queue-search", "th[data-sort=name] button");
        Assert.Equal("共 55 条待确认", turned.TestId("queue-count"));
        Assert.Equal(Expected(prefix, Enumerable.Range(6, 50).Reverse()), Names(turned, "queue"));
        Assert.DoesNotContain("q=", turned.Url, StringComparison.Ordinal);

        // Sorting changes the order: by name descending, by date taken (the oldest = the last added first).
        var descending = await counsellor.SubmitAsync(await counsellor.GetAsync("/Screenings/Queue?sort=name-desc"),
            new Dictionary<string, string> { ["q"] = prefix }, "#queue-search");
        Assert.Equal(Expected(prefix, Enumerable.Range(6, 50).Reverse()), Names(descending, "queue"));
        Assert.Equal("descending", SortHeader(descending, "name").GetAttribute("aria-sort"));
        var oldest = await counsellor.SubmitAsync(await counsellor.GetAsync("/Screenings/Queue?sort=taken"),
            new Dictionary<string, string> { ["q"] = prefix }, "#queue-search");
        Assert.Equal(Expected(prefix, [55, 54, 53]), Names(oldest, "queue").Take(3));

        // One record found; none found shows what to do next.
        var one = await counsellor.SubmitAsync(first, new Dictionary<string, string> { ["q"] = prefix + "07" }, "#queue-search");
        Assert.Equal([prefix + "07"], Names(one, "queue"));
        var none = await counsellor.SubmitAsync(first, new Dictionary<string, string> { ["q"] = prefix + "外校" }, "#queue-search");
        Assert.Null(none.Document.QuerySelector("[data-testid=queue]"));
        Assert.Contains("没有符合条件的记录", none.TestId("queue-no-match"), StringComparison.Ordinal);

        // A decision keeps the page and the order the counsellor was on.
        var target = Attributes(second, "queue", "data-result")[0];
        var confirmed = await counsellor.SubmitAsync(second, new Dictionary<string, string>(), $"form[action*='handler=Confirm'][action*='id={target}']");
        Assert.Contains("sort=name", confirmed.Url, StringComparison.Ordinal);
        Assert.Contains("p=2", confirmed.Url, StringComparison.Ordinal);
        Assert.Contains("已确认", confirmed.Text, StringComparison.Ordinal);

        // The other school's counsellor finds only its own student under the same name.
        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");
        var theirs = await counsellor2.SubmitAsync(await counsellor2.GetAsync("/Screenings/Queue"), new Dictionary<string, string> { ["q"] = prefix }, "#queue-search");
        Assert.Equal([prefix + "外校01"], Names(theirs, "queue"));
    }

    [Fact]
    public async Task The_support_list_is_paged_sorted_and_searched_by_a_posted_name_within_the_school()
    {
        const string prefix = "帮扶列表生";
        await using var db = factory.CreateDbContext();
        var own = await AddStudentsAsync(db, OwnSchool, prefix, 55);
        var other = (await AddStudentsAsync(db, OtherSchool, prefix + "外校", 1)).Single();
        for (var i = 0; i < own.Count; i++)
        {
            db.SupportAssignments.Add(await Tier3Async(db, own[i], Today.AddDays(-i % 20)));
        }

        db.SupportAssignments.Add(await Tier3Async(db, other, Today));
        await db.SaveChangesAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        // Paging keeps the filter (tier 3) and the sort; page 2 holds other assignments, all of tier 3.
        var first = await counsellor.GetAsync("/Support?tier=3&sort=name");
        Assert.Equal(50, Attributes(first, "assignments", "data-assignment").Count);
        var next = NextPageLink(first);
        Assert.Contains("tier=3", next, StringComparison.Ordinal);
        Assert.Contains("sort=name", next, StringComparison.Ordinal);
        var second = await counsellor.GetAsync(next);
        Assert.NotEmpty(Attributes(second, "assignments", "data-assignment"));
        Assert.Empty(Attributes(first, "assignments", "data-assignment").Intersect(Attributes(second, "assignments", "data-assignment")));
        Assert.All(second.Document.QuerySelectorAll("[data-testid=assignments] [data-testid=tier]"), td => Assert.StartsWith("三级帮扶", td.TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("ascending", SortHeader(first, "name").GetAttribute("aria-sort"));

        // The search is posted (a student's name), the filters and sort are kept.
        var searched = await counsellor.SubmitAsync(first, new Dictionary<string, string> { ["q"] = prefix }, "#filter-form");
        Assert.DoesNotContain("q=", searched.Url, StringComparison.Ordinal);
        Assert.Equal("共 55 条", searched.TestId("support-count"));
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 50)), Names(searched, "assignments"));
        Assert.DoesNotContain(searched.Document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains(Uri.EscapeDataString(prefix), StringComparison.Ordinal));

        var descending = await counsellor.SubmitAsync(await counsellor.GetAsync("/Support?sort=name-desc"), new Dictionary<string, string> { ["q"] = prefix }, "#filter-form");
        Assert.Equal(Expected(prefix, Enumerable.Range(6, 50).Reverse()), Names(descending, "assignments"));
        Assert.Equal("descending", SortHeader(descending, "name").GetAttribute("aria-sort"));

        var one = await counsellor.SubmitAsync(first, new Dictionary<string, string> { ["q"] = prefix + "33" }, "#filter-form");
        Assert.Equal([prefix + "33"], Names(one, "assignments"));
        var none = await counsellor.SubmitAsync(first, new Dictionary<string, string> { ["q"] = prefix + "外校" }, "#filter-form");
        Assert.Null(none.Document.QuerySelector("[data-testid=assignments]"));
        Assert.Contains("没有符合条件的记录", none.TestId("empty"), StringComparison.Ordinal);
        Assert.NotNull(none.Document.QuerySelector("[data-testid=empty] a[href='/Support']"));

        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");
        var theirs = await counsellor2.SubmitAsync(await counsellor2.GetAsync("/Support"), new Dictionary<string, string> { ["q"] = prefix }, "#filter-form");
        Assert.Equal([prefix + "外校01"], Names(theirs, "assignments"));
    }

    [Fact]
    public async Task Training_courses_are_paged_sorted_and_searched()
    {
        const string prefix = "列表测试培训";
        await using var db = factory.CreateDbContext();
        for (var i = 1; i <= 30; i++)
        {
            db.TrainingCourses.Add(new TrainingCourse(TrainingLevel.Municipal, $"{prefix}{i:D2}", new DateOnly(2020, 1, 1).AddDays(i), i, "九江市教育局"));
        }

        await db.SaveChangesAsync();
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");

        var first = await city.GetAsync($"/Training?q={Uri.EscapeDataString(prefix)}&sort=name");
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 25)), Names(first, "courses"));
        Assert.Contains("共 30 个培训项目", first.Text, StringComparison.Ordinal);
        var next = NextPageLink(first);
        Assert.Contains("sort=name", next, StringComparison.Ordinal);
        Assert.Contains("q=" + Uri.EscapeDataString(prefix), next, StringComparison.Ordinal);
        Assert.Equal(Expected(prefix, Enumerable.Range(26, 5)), Names(await city.GetAsync(next), "courses"));

        var byHours = await city.GetAsync($"/Training?q={Uri.EscapeDataString(prefix)}&sort=hours-desc");
        Assert.Equal(Expected(prefix, [30, 29, 28]), Names(byHours, "courses").Take(3));
        Assert.Equal("descending", SortHeader(byHours, "hours").GetAttribute("aria-sort"));
        var byDate = await city.GetAsync($"/Training?q={Uri.EscapeDataString(prefix)}&sort=starts");
        Assert.Equal(Expected(prefix, [1, 2, 3]), Names(byDate, "courses").Take(3));

        Assert.Equal([prefix + "17"], Names(await city.GetAsync($"/Training?q={Uri.EscapeDataString(prefix + "17")}"), "courses"));
        var none = await city.GetAsync($"/Training?q={Uri.EscapeDataString(prefix)}&level=National");
        Assert.Null(none.Document.QuerySelector("[data-testid=courses]"));
        Assert.Contains("没有符合条件的记录", none.TestId("courses-empty"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_sort_schools_and_users_and_the_pager_keeps_the_filters()
    {
        await using var db = factory.CreateDbContext();
        var district = await db.Districts.SingleAsync(d => d.Name == "修水县");
        var codes = await db.Schools.Where(s => s.DistrictId == district.Id).Select(s => s.Code).ToListAsync();
        Assert.True(codes.Count > 20);
        var ordered = codes.Order(StringComparer.Ordinal).ToList();
        var id = district.Id.ToString(CultureInfo.InvariantCulture);

        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var up = await admin.GetAsync($"/Admin/Schools?districtId={id}&sort=code");
        var down = await admin.GetAsync($"/Admin/Schools?districtId={id}&sort=code-desc");
        static List<string> Codes(PortalClient.Page page) =>
            page.Document.QuerySelectorAll("[data-testid=schools-table] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(ordered.Take(20), Codes(up));
        Assert.Equal(ordered.AsEnumerable().Reverse().Take(20), Codes(down));
        Assert.Equal("ascending", SortHeader(up, "code").GetAttribute("aria-sort"));
        var next = NextPageLink(up);
        Assert.Contains($"districtId={id}", next, StringComparison.Ordinal);
        Assert.Contains("sort=code", next, StringComparison.Ordinal);
        Assert.Equal(ordered.Skip(20).Take(20), Codes(await admin.GetAsync(next)));

        var empty = await admin.GetAsync("/Admin/Schools?q=没有这所学校");
        Assert.NotNull(empty.Document.QuerySelector("[data-testid=schools-empty] a[href='/Admin/Schools/Edit']"));

        var userNames = await db.Users.Select(u => u.UserName!).ToListAsync();
        var users = await admin.GetAsync("/Admin/Users?sort=user-desc");
        var shown = Attributes(users, "users-table", "data-user");
        Assert.Equal(Math.Min(20, userNames.Count), shown.Count);
        Assert.NotEqual(Attributes(await admin.GetAsync("/Admin/Users"), "users-table", "data-user"), shown);
        Assert.Equal(shown.OrderDescending(StringComparer.Ordinal), shown);
    }

    [Fact]
    public async Task A_support_filter_taken_from_the_address_can_be_unticked_and_a_new_search_starts_on_page_one()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var withClosed = await counsellor.GetAsync("/Support?closed=true&p=3");
        Assert.NotNull(withClosed.Document.QuerySelector("#closed[checked]"));

        var unticked = await counsellor.SubmitAsync(withClosed, new Dictionary<string, string> { ["closed"] = null! }, "#filter-form");
        Assert.Null(unticked.Document.QuerySelector("#closed[checked]"));
        Assert.DoesNotContain("p=3", unticked.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("第3页", unticked.Text, StringComparison.Ordinal);
    }
}
