using System.Globalization;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>
/// Journey 4 of the product brief: an admin changes the staffing ratio from 800 to 600 from next
/// term; compliance figures change from that date on and earlier figures stay as they were (R1).
/// Its own database (class fixture): it adds a policy version.
/// </summary>
public sealed class AdminPolicyJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private const string Note = "根据市教育局通知，自下学期起按每600名学生配备1名专职心理健康教师";

    /// <summary>Required full-time teachers and shortfall, as the compliance page shows them or as the database implies.</summary>
    private sealed record Figures(int Required, int FullTime, int Shortfall);

    private sealed record StaffingView(Figures Total, IReadOnlyDictionary<string, Figures> Districts, string Policy);

    [Fact]
    public async Task Admin_changes_the_ratio_to_600_from_next_term_and_only_later_figures_change()
    {
        await portal.StartAsync();
        var today = ChinaTime.Today(TimeProvider.System);
        // The code base's terms: 第一学期 from 1 September, 第二学期 from 1 February.
        var nextTerm = Period.Containing(PeriodKind.Term, today).To.AddDays(1);
        var dayBefore = nextTerm.AddDays(-1);
        var pastDate = Period.Containing(PeriodKind.Term, today).Previous.From;

        var page = await portal.SignInAsync("admin");
        var errors = CollectErrors(page);

        // Before the change: today, the next term, the day before it and a past date, all at 800:1.
        await OpenFromMenuAsync(page, "队伍建设", "师资配备", "/Staffing");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("师资配备");
        await Assertions.Expect(page.Locator("#date")).ToHaveValueAsync(Iso(today));
        await Assertions.Expect(page.Locator("[data-testid=staffing-table] caption")).ToHaveTextAsync($"截至{ChineseDate(today)}");
        var todayBefore = await ReadStaffingAsync(page);
        await BrowserPortal.StepAsync(page, "j4-01-staffing-today-before");

        var nextTermBefore = await ShowDateAsync(page, nextTerm);
        await BrowserPortal.StepAsync(page, "j4-02-staffing-next-term-before");
        var dayBeforeBefore = await ShowDateAsync(page, dayBefore);
        await BrowserPortal.StepAsync(page, "j4-03-staffing-day-before-before");
        var pastBefore = await ShowDateAsync(page, pastDate);
        await BrowserPortal.StepAsync(page, "j4-04-staffing-past-before");

        await using (var db = portal.CreateDbContext())
        {
            foreach (var (date, view) in new[] { (today, todayBefore), (nextTerm, nextTermBefore), (dayBefore, dayBeforeBefore), (pastDate, pastBefore) })
            {
                AssertFigures(await ExpectedAsync(db, date, 800), view, $"800:1 on {Iso(date)}");
                Assert.Contains("每800名学生配备1名专职心理健康教师，每校至少1名", view.Policy, StringComparison.Ordinal);
            }
        }

        var policiesBefore = await CountPoliciesAsync();

        // The policy page: the version in force is 800:1 and the form proposes the first day of next term.
        await OpenFromMenuAsync(page, "系统管理", "配备标准", "/Admin/StaffingPolicy");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("心理健康教师配备标准");
        var history = page.Locator("[data-testid=policy-versions] tbody tr");
        await Assertions.Expect(history.Filter(new LocatorFilterOptions { HasText = "现行" })).ToContainTextAsync("800:1");
        await Assertions.Expect(page.Locator("#Input_EffectiveFrom")).ToHaveValueAsync(Iso(nextTerm));
        await Assertions.Expect(page.Locator("#effectiveHelp")).ToContainTextAsync(ChineseDate(nextTerm));
        await BrowserPortal.StepAsync(page, "j4-05-policy");

        // A slip of the keyboard: 50 students per teacher is refused beside the field, nothing saved.
        await page.GetByLabel("师生比（每名专职教师对应学生数）").FillAsync("50");
        await page.GetByLabel("每校最少专职教师数").FillAsync("1");
        await page.GetByLabel("生效日期").FillAsync(Iso(nextTerm));
        await page.GetByLabel("说明").PressSequentiallyAsync(Note);
        await page.ClickAsync("[data-testid=add-policy]");
        var ratioError = page.Locator("[data-valmsg-for='Input.StudentsPerTeacher']");
        await Assertions.Expect(ratioError).ToHaveTextAsync("师生比（每名专职教师对应学生数）应在100至5000之间");
        await Assertions.Expect(page.Locator("#Input_StudentsPerTeacher")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(history).ToHaveCountAsync(policiesBefore);
        await BrowserPortal.StepAsync(page, "j4-06-policy-refused");
        Assert.Equal(policiesBefore, await CountPoliciesAsync());

        // Corrected to 600 and added: the history shows it as pending from next term, with its note.
        var ratio = page.GetByLabel("师生比（每名专职教师对应学生数）");
        await ratio.ClearAsync();
        await ratio.PressSequentiallyAsync("600");
        await Assertions.Expect(ratioError).ToBeEmptyAsync();
        await page.ClickAsync("[data-testid=add-policy]");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"已新增配备标准 600:1（每校至少1名），自{ChineseDate(nextTerm)}起生效");
        await Assertions.Expect(history).ToHaveCountAsync(policiesBefore + 1);
        var added = history.Filter(new LocatorFilterOptions { HasText = "600:1" });
        await Assertions.Expect(added).ToHaveCountAsync(1);
        await Assertions.Expect(added).ToContainTextAsync(ChineseDate(nextTerm));
        await Assertions.Expect(added).ToContainTextAsync("待生效");
        await Assertions.Expect(added).ToContainTextAsync(Note);
        await Assertions.Expect(added.GetByRole(AriaRole.Button, new() { Name = "撤回" })).ToBeVisibleAsync();
        await Assertions.Expect(history.Filter(new LocatorFilterOptions { HasText = "现行" })).ToContainTextAsync("800:1");
        await BrowserPortal.StepAsync(page, "j4-07-policy-added");

        await using (var db = portal.CreateDbContext())
        {
            var saved = await db.StaffingPolicies.AsNoTracking().SingleAsync(p => p.EffectiveFrom == nextTerm);
            Assert.Equal((600, 1, Note, "admin"), (saved.StudentsPerTeacher, saved.MinimumPerSchool, saved.Note, saved.CreatedBy));
            Assert.Equal(policiesBefore + 1, await db.StaffingPolicies.CountAsync());
        }

        // After the change: from next term the stricter ratio requires more teachers; before it, nothing moved.
        await OpenFromMenuAsync(page, "队伍建设", "师资配备", "/Staffing");
        await Assertions.Expect(page.Locator("[data-testid=staffing-table] caption")).ToHaveTextAsync($"截至{ChineseDate(today)}");
        var todayAfter = await ReadStaffingAsync(page);
        await BrowserPortal.StepAsync(page, "j4-08-staffing-today-after");
        var nextTermAfter = await ShowDateAsync(page, nextTerm);
        await BrowserPortal.StepAsync(page, "j4-09-staffing-next-term-after");
        var dayBeforeAfter = await ShowDateAsync(page, dayBefore);
        await BrowserPortal.StepAsync(page, "j4-10-staffing-day-before-after");
        var pastAfter = await ShowDateAsync(page, pastDate);
        await BrowserPortal.StepAsync(page, "j4-11-staffing-past-after");

        await using (var db = portal.CreateDbContext())
        {
            var expected = await ExpectedAsync(db, nextTerm, 600);
            AssertFigures(expected, nextTermAfter, $"600:1 on {Iso(nextTerm)}");
            Assert.Contains($"按{ChineseDate(nextTerm)}起施行的配备标准计算：每600名学生配备1名专职心理健康教师，每校至少1名", nextTermAfter.Policy, StringComparison.Ordinal);
            // The stricter ratio requires more and leaves a larger gap (next term counts with the latest enrolment known).
            {
                Assert.True(nextTermAfter.Total.Required > nextTermBefore.Total.Required, $"required {nextTermBefore.Total.Required} → {nextTermAfter.Total.Required}");
                Assert.True(nextTermAfter.Total.Shortfall > nextTermBefore.Total.Shortfall, $"shortfall {nextTermBefore.Total.Shortfall} → {nextTermAfter.Total.Shortfall}");
            }
        }

        Assert.Equal(todayBefore, todayAfter, ViewComparer.Instance);
        Assert.Equal(dayBeforeBefore, dayBeforeAfter, ViewComparer.Instance);
        Assert.Equal(pastBefore, pastAfter, ViewComparer.Instance);
        Assert.Empty(errors);

        // The policy page on a 360 px phone: the body never scrolls sideways (tables scroll in their box).
        var phone = await portal.SignInAsync("admin", 360);
        var phoneErrors = CollectErrors(phone);
        await phone.GotoAsync("/Admin/StaffingPolicy");
        await Assertions.Expect(phone.Locator("[data-testid=policy-versions] tbody tr")).ToHaveCountAsync(policiesBefore + 1);
        await BrowserPortal.StepAsync(phone, "j4-12-policy-360");
        // Empty when the page fits; else its width and the elements that stick out (for the failure message).
        var overflow = await phone.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth + 1 ? '' :
                `scrollWidth ${document.documentElement.scrollWidth}: ` + [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8)
                    .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).join(' | ')
            """);
        Assert.True(overflow.Length == 0, $"the policy page overflows at 360 px: {overflow}");
        Assert.Empty(phoneErrors);

        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>Opens a page the way an admin does: the top menu's dropdown, then the item.</summary>
    private static async Task OpenFromMenuAsync(IPage page, string menu, string item, string path)
    {
        await page.Locator("#mainNav").GetByRole(AriaRole.Button, new() { Name = menu, Exact = true }).ClickAsync();
        await page.Locator("#mainNav .dropdown-menu.show").GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(portalUrl => new Uri(portalUrl).AbsolutePath == path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Types a date into the compliance page's 统计日期 and applies it.</summary>
    private static async Task<StaffingView> ShowDateAsync(IPage page, DateOnly date)
    {
        await page.GetByLabel("统计日期").FillAsync(Iso(date));
        await page.GetByRole(AriaRole.Button, new() { Name = "应用", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**date={Iso(date)}**");
        await Assertions.Expect(page.Locator("[data-testid=staffing-table] caption")).ToHaveTextAsync($"截至{ChineseDate(date)}");
        return await ReadStaffingAsync(page);
    }

    private static async Task<StaffingView> ReadStaffingAsync(IPage page)
    {
        var rows = await page.Locator("[data-testid=staffing-table] tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th').textContent.trim(), ...[...r.querySelectorAll('td')].map(td => td.textContent.trim())])");
        // District rows: name | schools | enrolment | required | full-time | part-time | shortfall | …
        var districts = rows.ToDictionary(r => r[0], r => new Figures(Number(r[3]), Number(r[4]), Number(r[6])));
        var total = new Figures(
            Number(await page.Locator("[data-testid=total-required]").InnerTextAsync()),
            Number(await page.Locator("[data-testid=total-fulltime]").InnerTextAsync()),
            Number(await page.Locator("[data-testid=total-shortfall]").InnerTextAsync()));
        return new StaffingView(total, districts, await page.Locator("[data-testid=policy]").InnerTextAsync());
    }

    /// <summary>
    /// R1 worked out from the database: per school max(1, ⌈enrolment / ratio⌉) with the enrolment of the
    /// date's school year, against the full-time psychology teachers on staff that day; the shortfall
    /// of each school is never offset by another's surplus.
    /// </summary>
    private static async Task<StaffingView> ExpectedAsync(AppDbContext db, DateOnly date, int ratio)
    {
        var year = SchoolYear.Containing(date).StartYear;
        var schools = await db.Schools.AsNoTracking()
            .Select(s => new
            {
                District = s.District!.Name,
                // That school year's enrolment, or the latest earlier count while it is not counted yet (as the portal does).
                Enrolment = s.Enrolments.Where(e => e.SchoolYear <= year).OrderByDescending(e => e.SchoolYear).Select(e => (int?)e.Students).FirstOrDefault() ?? 0,
                FullTime = db.StaffMembers.Count(m => m.SchoolId == s.Id && m.PsychologyPost == PsychologyPost.FullTime
                    && (m.JoinedOn == null || m.JoinedOn <= date) && (m.LeftOn == null || m.LeftOn > date)),
            })
            .ToListAsync();
        var perSchool = schools.Select(s =>
        {
            var required = Math.Max(1, (s.Enrolment + ratio - 1) / ratio);
            return (s.District, Figures: new Figures(required, s.FullTime, Math.Max(0, required - s.FullTime)));
        }).ToList();
        static Figures Sum(IEnumerable<Figures> figures) =>
            figures.Aggregate(new Figures(0, 0, 0), (a, f) => new Figures(a.Required + f.Required, a.FullTime + f.FullTime, a.Shortfall + f.Shortfall));
        return new StaffingView(
            Sum(perSchool.Select(s => s.Figures)),
            perSchool.GroupBy(s => s.District).ToDictionary(g => g.Key, g => Sum(g.Select(s => s.Figures))),
            "");
    }

    private async Task<int> CountPoliciesAsync()
    {
        await using var db = portal.CreateDbContext();
        return await db.StaffingPolicies.CountAsync();
    }

    private static void AssertFigures(StaffingView expected, StaffingView actual, string what)
    {
        Assert.True(expected.Total == actual.Total, $"{what}: expected {expected.Total}, the page shows {actual.Total}");
        Assert.Equal(expected.Districts.Count, actual.Districts.Count);
        foreach (var (district, figures) in expected.Districts)
        {
            Assert.True(actual.Districts.TryGetValue(district, out var shown) && shown == figures, $"{what}, {district}: expected {figures}, the page shows {shown}");
        }
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>Two readings of the compliance page are the same when every figure and the policy line match.</summary>
    private sealed class ViewComparer : IEqualityComparer<StaffingView>
    {
        public static readonly ViewComparer Instance = new();

        public bool Equals(StaffingView? x, StaffingView? y) =>
            x is not null && y is not null && x.Total == y.Total && x.Policy == y.Policy
            && x.Districts.Count == y.Districts.Count
            && x.Districts.All(d => y.Districts.TryGetValue(d.Key, out var other) && other == d.Value);

        public int GetHashCode(StaffingView obj) => obj.Total.GetHashCode();
    }
}
