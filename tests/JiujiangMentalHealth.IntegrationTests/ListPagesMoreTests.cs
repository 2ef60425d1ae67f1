using AngleSharp.Dom;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Auditing;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The remaining lists made sortable (issue #10, second pass): students, staff and the audit log.
/// Each test arranges its own rows under a name prefix of its own, so the assertions do not depend
/// on the demo data or on the other tests of the class.
/// </summary>
public class ListPagesMoreTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OwnSchool = "九江市双峰小学";
    private const string OtherSchool = "九江一中";

    private static int _sequence;

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    /// <summary>Students named prefix01…prefixNN in the given class, saved at once.</summary>
    private static async Task<List<Student>> AddStudentsAsync(AppDbContext db, SchoolClass schoolClass, string prefix, int count, int from = 1)
    {
        var birth = new DateOnly(2013, 7, 1);
        var students = new List<Student>();
        for (var i = from; i < from + count; i++)
        {
            string number;
            do
            {
                var body = $"360499{birth.AddDays(Interlocked.Increment(ref _sequence) / 900):yyyyMMdd}{Interlocked.Increment(ref _sequence) % 1000:D3}";
                number = "G" + body + Student.ResidentIdCheckCharacter(body);
            }
            while (students.Any(s => s.StudentNumber == number) || await db.Students.AnyAsync(s => s.StudentNumber == number));

            students.Add(new Student(schoolClass.SchoolId, schoolClass.Id, new StudentProfile(number, $"{prefix}{i:D2}", Gender.Female, birth,
                KeyPopulations.None, ParentChildRelationship.Good, null, "家长", "13900000000")));
        }

        db.Students.AddRange(students);
        await db.SaveChangesAsync();
        return students;
    }

    private static Task<List<SchoolClass>> ClassesAsync(AppDbContext db, string schoolName) =>
        db.SchoolClasses.Where(c => c.School!.Name == schoolName).OrderBy(c => c.Id).ToListAsync();

    private static ScreeningResult Result(Student student, WarningLevel level) =>
        ScreeningResult.Record(student.Id, student.SchoolId, QuestionnaireScoring.Provincial(level, 50), Today.AddDays(-3), null,
            ResultSource.Imported, "counsellor", DateTimeOffset.UtcNow, Today);

    /// <summary>The text of the first cell (th) of each body row of the table.</summary>
    private static List<string> Names(PortalClient.Page page, string table) =>
        page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr th").Select(th => th.TextContent.Trim()).ToList();

    /// <summary>The text of the given column (1-based) of each body row.</summary>
    private static List<string> Column(PortalClient.Page page, string table, int column) =>
        page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr > :nth-child({column})").Select(c => c.TextContent.Trim()).ToList();

    private static List<string> Attributes(PortalClient.Page page, string table, string attribute) =>
        page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr").Select(tr => tr.GetAttribute(attribute)!).ToList();

    private static string NextPageLink(PortalClient.Page page) =>
        page.Document.QuerySelectorAll("nav[aria-label] a.page-link").Single(a => a.TextContent.Trim() == "下一页").GetAttribute("href")!;

    private static IElement SortHeader(PortalClient.Page page, string key) => page.Document.QuerySelector($"th[data-sort='{key}']")!;

    private static string[] Expected(string prefix, IEnumerable<int> numbers) => numbers.Select(i => $"{prefix}{i:D2}").ToArray();

    private static Dictionary<string, string> Search(string q) => new() { ["q"] = q };

    /// <summary>No address on the page (link, form or button) carries the searched name.</summary>
    private static void NoNameInAnyUrl(PortalClient.Page page, string name)
    {
        Assert.DoesNotContain("q=", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Document.QuerySelectorAll("a[href], form[action], button[formaction]"),
            e => (e.GetAttribute("href") ?? e.GetAttribute("action") ?? e.GetAttribute("formaction"))!.Contains(Uri.EscapeDataString(name), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Students_are_sorted_by_name_class_and_warning_and_the_posted_search_survives_sorting_and_paging()
    {
        const string prefix = "档案排序生";
        await using var db = factory.CreateDbContext();
        var classes = await ClassesAsync(db, OwnSchool);
        var own = await AddStudentsAsync(db, classes[0], prefix, 35);
        var second = await AddStudentsAsync(db, classes[1], prefix + "乙", 3);
        var other = (await AddStudentsAsync(db, (await ClassesAsync(db, OtherSchool))[0], prefix + "外校", 1)).Single();
        db.ScreeningResults.AddRange(Result(own[0], WarningLevel.Level1), Result(own[1], WarningLevel.Level3), Result(own[2], WarningLevel.None));
        await db.SaveChangesAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        // A posted search under a sort: 30 a page, by name; the name is in no address on the page.
        var start = await counsellor.GetAsync("/Students?sort=name");
        var byName = await counsellor.SubmitAsync(start, Search(prefix), "#students-search");
        Assert.Equal(System.Net.HttpStatusCode.OK, byName.Status);
        NoNameInAnyUrl(byName, prefix);
        Assert.Contains("38", byName.Document.QuerySelector("[data-testid=students-table] caption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 30)), Names(byName, "students-table"));
        Assert.Equal("ascending", SortHeader(byName, "name").GetAttribute("aria-sort"));
        Assert.Null(SortHeader(byName, "warning").GetAttribute("aria-sort"));

        // The next page re-posts the search with the sort: the rest, and only ours.
        var page2 = await counsellor.SubmitAsync(byName, new Dictionary<string, string>(), "#students-search", "nav[aria-label] button.page-link:not([disabled])");
        Assert.Contains("p=2", page2.Url, StringComparison.Ordinal);
        Assert.Contains("sort=name", page2.Url, StringComparison.Ordinal);
        Assert.Equal(Expected(prefix, Enumerable.Range(31, 5)).Concat(Expected(prefix + "乙", [1, 2, 3])), Names(page2, "students-table"));
        NoNameInAnyUrl(page2, prefix);

        // A click on the name header reverses the order, keeping the search (re-posted).
        var reversed = await counsellor.SubmitAsync(byName, new Dictionary<string, string>(), "#students-search", "th[data-sort=name] button");
        Assert.Contains("sort=name-desc", reversed.Url, StringComparison.Ordinal);
        Assert.Equal("descending", SortHeader(reversed, "name").GetAttribute("aria-sort"));
        Assert.Equal(Expected(prefix + "乙", [3, 2, 1]).Concat(Expected(prefix, Enumerable.Range(9, 27).Reverse())), Names(reversed, "students-table"));

        // By class: the two classes in the class lists' order, and the other way round.
        var order = classes.Take(2).OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number).Select(c => c.Id).ToList();
        var firstClass = order[0] == classes[0].Id ? Expected(prefix, [1, 2, 3]) : Expected(prefix + "乙", [1, 2, 3]);
        var byClass = await counsellor.SubmitAsync(await counsellor.GetAsync("/Students?sort=class"), Search(prefix), "#students-search");
        Assert.Equal(firstClass, Names(byClass, "students-table").Take(3));
        var byClassDesc = await counsellor.SubmitAsync(await counsellor.GetAsync("/Students?sort=class-desc"), Search(prefix), "#students-search");
        Assert.Equal(order[0] == classes[0].Id ? Expected(prefix + "乙", [1, 2, 3]) : Expected(prefix, [1, 2, 3]), Names(byClassDesc, "students-table").Take(3));
        Assert.NotEqual(Names(byClass, "students-table"), Names(byClassDesc, "students-table"));

        // By warning: the most serious first by default; reversed puts those without a warning first.
        var byWarning = await counsellor.SubmitAsync(await counsellor.GetAsync("/Students"), Search(prefix + "0"), "#students-search");
        Assert.Equal(Expected(prefix, [1, 2, 3, 4, 5, 6, 7, 8, 9]), Names(byWarning, "students-table"));
        Assert.Equal("ascending", SortHeader(byWarning, "warning").GetAttribute("aria-sort"));
        var byWarningDesc = await counsellor.SubmitAsync(byWarning, new Dictionary<string, string>(), "#students-search", "th[data-sort=warning] button");
        Assert.Equal(Expected(prefix, [3, 4, 5, 6, 7, 8, 9, 2, 1]), Names(byWarningDesc, "students-table"));

        // The GET filters ride with the sort: any warning → only the two warned students.
        var warned = await counsellor.SubmitAsync(await counsellor.GetAsync("/Students?warning=any&sort=name-desc"), Search(prefix), "#students-search");
        Assert.Equal(Expected(prefix, [2, 1]), Names(warned, "students-table"));
        Assert.Contains("warning=any", SortHeader(warned, "class").QuerySelector("button")!.GetAttribute("formaction")!, StringComparison.Ordinal);

        // Without a search the headers are plain links that keep the filters.
        var plain = await counsellor.GetAsync("/Students?warning=any");
        var link = SortHeader(plain, "name").QuerySelector("a")!.GetAttribute("href")!;
        Assert.Contains("warning=any", link, StringComparison.Ordinal);
        Assert.Contains("sort=name", link, StringComparison.Ordinal);

        // One found; none found says what to do next.
        Assert.Equal([prefix + "17"], Names(await counsellor.SubmitAsync(start, Search(prefix + "17"), "#students-search"), "students-table"));
        var none = await counsellor.SubmitAsync(start, Search(prefix + "外校"), "#students-search");
        Assert.Null(none.Document.QuerySelector("[data-testid=students-table]"));
        Assert.Contains("没有符合条件的学生", none.TestId("students-empty"), StringComparison.Ordinal);
        Assert.NotNull(none.Document.QuerySelector("[data-testid=students-empty] a[href='/Students']"));

        // Scope: the other school's counsellor finds only its own student, whatever the sort.
        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");
        var theirs = await counsellor2.SubmitAsync(await counsellor2.GetAsync("/Students?sort=name-desc"), Search(prefix), "#students-search");
        Assert.Equal([prefix + "外校01"], Names(theirs, "students-table"));
        Assert.Equal(other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Attributes(theirs, "students-table", "data-student").Single());
    }

    [Fact]
    public async Task Staff_are_sorted_by_name_post_and_number_and_the_pager_keeps_sort_and_filters()
    {
        const string prefix = "名册排序师";
        await using var db = factory.CreateDbContext();
        var schoolId = await db.Schools.Where(s => s.Name == OwnSchool).Select(s => s.Id).SingleAsync();
        var otherId = await db.Schools.Where(s => s.Name == OtherSchool).Select(s => s.Id).SingleAsync();
        PsychologyPost[] posts = [PsychologyPost.None, PsychologyPost.FullTime, PsychologyPost.PartTime];
        for (var i = 1; i <= 55; i++)
        {
            // Numbers run against the names: number order = name order reversed.
            db.StaffMembers.Add(new StaffMember(schoolId, new StaffDetails($"{prefix}{i:D2}", Gender.Male, $"MP{100 - i:D3}", false, false, true,
                posts[i % 3], false, null, Today.AddYears(-2), null, [])));
        }

        db.StaffMembers.Add(new StaffMember(otherId, new StaffDetails(prefix + "外校", Gender.Male, "MP999", false, false, true,
            PsychologyPost.None, false, null, Today.AddYears(-2), null, [])));
        await db.SaveChangesAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var q = Uri.EscapeDataString(prefix);

        var byName = await counsellor.GetAsync($"/Staff?q={q}&sort=name");
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 50)), Column(byName, "staff-table", 1));
        Assert.Equal("ascending", SortHeader(byName, "name").GetAttribute("aria-sort"));
        var next = NextPageLink(byName);
        Assert.Contains("sort=name", next, StringComparison.Ordinal);
        Assert.Contains("q=" + q, next, StringComparison.Ordinal);
        Assert.Equal(Expected(prefix, Enumerable.Range(51, 5)), Column(await counsellor.GetAsync(next), "staff-table", 1));

        var byNumber = await counsellor.GetAsync($"/Staff?q={q}&sort=number");
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 55).Reverse().Take(50)), Column(byNumber, "staff-table", 1));
        Assert.Equal(Enumerable.Range(45, 50).Select(n => $"MP{n:D3}"), Column(byNumber, "staff-table", 3));
        var byNumberDesc = await counsellor.GetAsync(SortHeader(byNumber, "number").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(Expected(prefix, Enumerable.Range(1, 50)), Column(byNumberDesc, "staff-table", 1));
        Assert.Equal("descending", SortHeader(byNumberDesc, "number").GetAttribute("aria-sort"));

        // By post: full-time (i % 3 == 1) first, the staff without a post last; reversed the other way round.
        var byPost = await counsellor.GetAsync($"/Staff?q={q}&sort=post");
        Assert.Equal(Expected(prefix, [1, 4, 7]), Column(byPost, "staff-table", 1).Take(3));
        var byPostDesc = await counsellor.GetAsync($"/Staff?q={q}&sort=post-desc");
        Assert.Equal(Expected(prefix, [3, 6, 9]), Column(byPostDesc, "staff-table", 1).Take(3));

        // The filter by post rides along with the sort and the pager.
        var partTime = await counsellor.GetAsync($"/Staff?q={q}&post=PartTime&sort=name-desc");
        Assert.Equal(Expected(prefix, [53, 50, 47]), Column(partTime, "staff-table", 1).Take(3));
        Assert.Contains("post=PartTime", SortHeader(partTime, "number").QuerySelector("a")!.GetAttribute("href")!, StringComparison.Ordinal);
        Assert.Equal("name-desc", partTime.Document.QuerySelector("#staff-search input[name=sort]")!.GetAttribute("value"));

        Assert.Equal([prefix + "17"], Column(await counsellor.GetAsync($"/Staff?q={Uri.EscapeDataString(prefix + "17")}&sort=number"), "staff-table", 1));
        var none = await counsellor.GetAsync($"/Staff?q={Uri.EscapeDataString(prefix + "外校")}");
        Assert.Null(none.Document.QuerySelector("[data-testid=staff-table]"));
        Assert.Contains("没有符合条件的记录", none.TestId("staff-empty"), StringComparison.Ordinal);
        Assert.NotNull(none.Document.QuerySelector("[data-testid=staff-empty] a[href='/Staff']"));

        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");
        Assert.Equal([prefix + "外校"], Column(await counsellor2.GetAsync($"/Staff?q={q}&sort=number-desc"), "staff-table", 1));
    }

    [Fact]
    public async Task The_audit_log_is_newest_first_sortable_by_time_and_user_and_the_pager_keeps_the_filters()
    {
        const string entity = "listsorttest";
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        await using var db = factory.CreateDbContext();
        string[] users = ["zz-list-b", "zz-list-a", "zz-list-c"];
        for (var i = 0; i < 60; i++)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                // Inserted out of time order: the id order is not the time order.
                At = start.AddMinutes((i * 37) % 60), UserName = users[i % 3], Roles = "Counsellor", Action = "view",
                Entity = entity, EntityId = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome = "allowed", Ip = "127.0.0.1",
            });
        }

        await db.SaveChangesAsync();
        var saved = (await db.AuditEntries.Where(a => a.Entity == entity).ToListAsync()).OrderBy(a => a.At).ToList();
        var byTime = saved.Select(a => a.EntityId!).ToList();

        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        static List<string> Ids(PortalClient.Page page) => Column(page, "audit", 6);

        var newest = await admin.GetAsync($"/Admin/Audit?entity={entity}");
        Assert.Equal(byTime.AsEnumerable().Reverse().Take(50), Ids(newest));
        Assert.Equal("descending", SortHeader(newest, "at").GetAttribute("aria-sort"));
        var next = NextPageLink(newest);
        Assert.Contains($"entity={entity}", next, StringComparison.Ordinal);
        Assert.Equal(byTime.AsEnumerable().Reverse().Skip(50), Ids(await admin.GetAsync(next)));

        var oldest = await admin.GetAsync(SortHeader(newest, "at").QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(byTime.Take(50), Ids(oldest));
        Assert.Contains("sort=at", NextPageLink(oldest), StringComparison.Ordinal);

        var byUser = await admin.GetAsync($"/Admin/Audit?entity={entity}&sort=user");
        Assert.Equal(Enumerable.Repeat("zz-list-a", 20).Concat(Enumerable.Repeat("zz-list-b", 20)).Concat(Enumerable.Repeat("zz-list-c", 10)), Column(byUser, "audit", 2));
        var byUserDesc = await admin.GetAsync($"/Admin/Audit?entity={entity}&sort=user-desc");
        Assert.Equal(Enumerable.Repeat("zz-list-c", 20).Concat(Enumerable.Repeat("zz-list-b", 20)).Concat(Enumerable.Repeat("zz-list-a", 10)), Column(byUserDesc, "audit", 2));
        Assert.Contains("sort=user-desc", NextPageLink(byUserDesc), StringComparison.Ordinal);

        // The search by user finds one user's entries; nothing found offers to clear the search.
        var one = await admin.GetAsync($"/Admin/Audit?entity={entity}&userName=zz-list-c&sort=at");
        Assert.Equal(saved.Where(a => a.UserName == "zz-list-c").Select(a => a.EntityId!), Ids(one));
        var none = await admin.GetAsync($"/Admin/Audit?entity={entity}&userName=zz-list-none");
        Assert.Null(none.Document.QuerySelector("[data-testid=audit]"));
        Assert.NotNull(none.Document.QuerySelector("[data-testid=audit-empty] a[href='/Admin/Audit']"));

        // Still the admins' only.
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await counsellor.GetAsync($"/Admin/Audit?entity={entity}&sort=user", follow: false)).Status);
    }
}
