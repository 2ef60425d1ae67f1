using System.Globalization;
using System.Text.RegularExpressions;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>
/// PRODUCT.md journey 2, in Chromium through the real pages: the 浔阳区 official opens the district
/// dashboard, sees which schools are short of full-time psychology teachers, which have overdue
/// tier-1 reviews and which have not filed the bi-monthly report, then approves one report and
/// returns another with a comment — and the list and the dashboard show both. Every step is
/// screenshotted and checked with axe-core; the dashboard and the list are also checked at 360 px.
/// </summary>
public sealed class DistrictJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private const string District = "浔阳区";
    private const string ReturnComment = "谈心谈话人次与家访台账不一致，请核对后补充更正说明再重新报送。";

    [Fact]
    public async Task A_district_official_finds_the_schools_needing_attention_and_approves_and_returns_reports()
    {
        await portal.StartAsync();
        var expected = await ExpectedAsync();
        Assert.True(expected.Waiting.Count >= 2, $"the demo has {expected.Waiting.Count} report(s) waiting for review in {District}");

        var page = await portal.SignInAsync("xunyang");
        var errors = WatchErrors(page);
        var dialogs = new List<string>();
        var acceptDialogs = false;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (acceptDialogs)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };

        // 1. The district dashboard, from the navigation bar.
        await NavLink(page, "工作看板").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"工作看板 · {District}");
        var cardBefore = ParseFraction(await page.Locator("[data-testid=card-reports]").InnerTextAsync());
        Assert.Equal(expected.Schools, cardBefore.Of);
        await Assertions.Expect(page.Locator("[data-testid=attention-review]")).ToContainTextAsync($"{expected.Waiting.Count} 份双月报等待审核");
        await BrowserPortal.StepAsync(page, "j2-01-dashboard");

        // 2. The schools short of full-time teachers: exactly those whose 缺口 cell is above zero, each highlighted.
        var workforce = await TableAsync(page, "workforce", "缺口");
        var short_ = workforce.Where(r => Number(r.Value) > 0).ToList();
        Assert.NotEmpty(short_);
        Assert.All(short_, r => Assert.True(r.Alert, $"{r.Name}: shortfall {r.Value} not highlighted"));
        Assert.All(workforce.Where(r => Number(r.Value) == 0), r => Assert.False(r.Alert, r.Name));
        var shortList = page.Locator("[data-testid=attention-short]");
        await shortList.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(shortList.Locator("h3")).ToContainTextAsync("专职心理教师不足");
        await Assertions.Expect(shortList.Locator("[data-testid=attention-short-count]")).ToHaveTextAsync($"{short_.Count}所");
        var listedShort = await shortList.Locator("li[data-school]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.school)");
        Assert.Equal(short_.Select(r => r.Name).Order(StringComparer.Ordinal), listedShort.Order(StringComparer.Ordinal));
        foreach (var school in short_.Take(3))
        {
            await Assertions.Expect(shortList.Locator($"li[data-school='{school.Name}']")).ToContainTextAsync($"缺{school.Value}人");
        }

        await BrowserPortal.StepAsync(page, "j2-02-short-schools");

        // … and the staffing page it links to lists the same schools, short-staffed only.
        await shortList.GetByRole(AriaRole.Link, new() { Name = "查看师资配备" }).ClickAsync();
        await page.WaitForURLAsync("**/Staffing?shortOnly=true**");
        await Assertions.Expect(page.Locator("#shortOnly")).ToBeCheckedAsync();
        var staffingRows = await page.Locator("[data-testid=staffing-table] tbody tr th").AllInnerTextsAsync();
        Assert.Equal(short_.Select(r => r.Name).Order(StringComparer.Ordinal), staffingRows.Select(n => n.Trim()).Order(StringComparer.Ordinal));
        await BrowserPortal.StepAsync(page, "j2-03-staffing-short");
        await page.GoBackAsync();

        // 3. The schools with overdue tier-1 reviews: shown as <10 or a number (never 0), highlighted, listed — and as in the database.
        var support = await TableAsync(page, "support", "一级帮扶逾期未随访");
        var overdue = support.Where(r => r.Value != "0").ToList();
        Assert.NotEmpty(overdue);
        Assert.All(overdue, r => Assert.True(r.Alert, $"{r.Name}: overdue tier-1 reviews {r.Value} not highlighted"));
        Assert.Equal(expected.OverdueTier1.Order(StringComparer.Ordinal), overdue.Select(r => r.Name).Order(StringComparer.Ordinal));
        var overdueList = page.Locator("[data-testid=attention-overdue1]");
        await Assertions.Expect(overdueList.Locator("h3")).ToContainTextAsync("一级帮扶逾期未随访");
        var listedOverdue = await overdueList.Locator("li[data-school]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.school)");
        Assert.Equal(expected.OverdueTier1.Order(StringComparer.Ordinal), listedOverdue.Order(StringComparer.Ordinal));
        await overdueList.GetByRole(AriaRole.Link, new() { Name = "查看三级帮扶表" }).ClickAsync();
        await Assertions.Expect(page.Locator("#support h2")).ToBeInViewportAsync();
        await BrowserPortal.StepAsync(page, "j2-04-overdue-tier1");

        // The schools that have not filed (or were sent back) are listed with their state.
        var missingList = page.Locator("[data-testid=attention-reports]");
        var listedMissing = await missingList.Locator("li[data-school]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.school)");
        Assert.Equal(expected.Missing.Order(StringComparer.Ordinal), listedMissing.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Schools - cardBefore.Submitted, listedMissing.Length);

        // 4. The bi-monthly reports, filtered to those waiting for review.
        await NavLink(page, "双月报").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"双月数据填报 · {District}");
        await Assertions.Expect(page.Locator("#state option[value=review]")).ToHaveTextAsync($"待审核（{expected.Waiting.Count}）");
        await page.SelectOptionAsync("#state", "review");
        await page.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();
        await page.WaitForURLAsync("**state=review**");
        var rows = page.Locator("[data-testid=school-reports] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Waiting.Count);
        Assert.All(await rows.Locator("td .badge").AllInnerTextsAsync(), state => Assert.Equal("已提交待审核", state.Trim()));
        var toReview = (await rows.Locator("th").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
        Assert.Equal(expected.Waiting.Order(StringComparer.Ordinal), toReview.Order(StringComparer.Ordinal));
        await BrowserPortal.StepAsync(page, "j2-05-reports-to-review");

        // 5. Open one (九江一中 when it waits: its counsellor can then see the lock) and approve it, after the confirmation.
        var approved = toReview.Contains("九江一中") ? "九江一中" : toReview[0];
        await rows.Filter(new() { Has = Exactly(page, approved) }).GetByRole(AriaRole.Link, new() { Name = "审核" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(approved);
        await Assertions.Expect(page.Locator("[data-testid=report-state]")).ToHaveTextAsync("已提交待审核");
        await BrowserPortal.StepAsync(page, "j2-06-report-to-approve");

        var approveButton = page.GetByRole(AriaRole.Button, new() { Name = "审核通过" });
        await approveButton.ClickAsync();
        Assert.Equal(["审核通过后报表将锁定，确定吗？"], dialogs);
        await Assertions.Expect(page.Locator("[data-testid=report-state]")).ToHaveTextAsync("已提交待审核");
        acceptDialogs = true;
        await approveButton.ClickAsync();
        await Assertions.Expect(page.Locator("main .alert-success")).ToHaveTextAsync("已审核通过，报表已锁定。");
        await Assertions.Expect(page.Locator("[data-testid=report-state]")).ToHaveTextAsync("已审核");
        await Assertions.Expect(page.Locator("[data-testid=report-locked]")).ToHaveTextAsync("已锁定，学校不能再修改");
        await Assertions.Expect(page.Locator("[data-testid=report-history] li strong").Last).ToHaveTextAsync("审核通过");
        await Assertions.Expect(page.Locator("[data-testid=approve-form]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=return-form]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=reopen-form]")).ToBeVisibleAsync();
        await BrowserPortal.StepAsync(page, "j2-07-approved");
        Assert.Equal(ReportState.Approved, await StateAsync(expected, approved));

        if (approved == "九江一中")
        {
            // The school sees it locked: no form, nothing to change.
            var school = await portal.SignInAsync("counsellor2");
            var schoolErrors = WatchErrors(school);
            await NavLink(school, "双月报").ClickAsync();
            await school.Locator("[data-testid=own-reports] tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(school.Locator("[data-testid=report-state]")).ToHaveTextAsync("已审核");
            await Assertions.Expect(school.Locator("[data-testid=report-locked]")).ToBeVisibleAsync();
            await Assertions.Expect(school.Locator("[data-testid=report-form]")).ToHaveCountAsync(0);
            await BrowserPortal.StepAsync(school, "j2-08-school-sees-it-locked");
            Assert.Empty(schoolErrors);
            await school.Context.CloseAsync();
        }

        // 6. Back to the list: the approved one no longer waits. Open another and return it with a comment.
        await page.GetByRole(AriaRole.Link, new() { Name = "返回双月报列表" }).ClickAsync();
        await page.SelectOptionAsync("#state", "review");
        await page.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();
        await page.WaitForURLAsync("**state=review**");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Waiting.Count - 1);
        await Assertions.Expect(rows.Filter(new() { Has = Exactly(page, approved) })).ToHaveCountAsync(0);
        var returned = (await rows.Locator("th").AllInnerTextsAsync()).Select(n => n.Trim()).First();
        await rows.Filter(new() { Has = Exactly(page, returned) }).GetByRole(AriaRole.Link, new() { Name = "审核" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(returned);

        // A return without a comment is not sent (the browser asks for it); with one typed in Chinese it is.
        var returnButton = page.GetByRole(AriaRole.Button, new() { Name = "退回修改" });
        await returnButton.ClickAsync();
        Assert.False(await page.Locator("#returnComment").EvaluateAsync<bool>("e => e.validity.valid"));
        await Assertions.Expect(page.Locator("[data-testid=report-state]")).ToHaveTextAsync("已提交待审核");
        var comment = page.GetByLabel("退回意见");
        await comment.ClickAsync();
        await comment.PressSequentiallyAsync(ReturnComment);
        await BrowserPortal.StepAsync(page, "j2-09-return-with-comment");
        await returnButton.ClickAsync();
        await Assertions.Expect(page.Locator("main .alert-success")).ToHaveTextAsync("已退回学校修改。");
        await Assertions.Expect(page.Locator("[data-testid=report-state]")).ToHaveTextAsync("已退回");
        await Assertions.Expect(page.Locator("[data-testid=review-comment]")).ToHaveTextAsync($"区县退回意见： {ReturnComment}");
        await Assertions.Expect(page.Locator("[data-testid=report-history] li").Last).ToContainTextAsync("退回");
        await Assertions.Expect(page.Locator("[data-testid=report-history] li").Last).ToContainTextAsync(ReturnComment);
        await Assertions.Expect(page.Locator("[data-testid=report-locked]")).ToHaveCountAsync(0);
        await BrowserPortal.StepAsync(page, "j2-10-returned");
        Assert.Equal(ReportState.Returned, await StateAsync(expected, returned));

        // 7. The list shows both …
        await page.GetByRole(AriaRole.Link, new() { Name = "返回双月报列表" }).ClickAsync();
        await Assertions.Expect(Badge(page, approved)).ToHaveTextAsync("已审核");
        await Assertions.Expect(Badge(page, returned)).ToHaveTextAsync("已退回");
        await Assertions.Expect(page.Locator("#state option[value=review]")).ToHaveTextAsync($"待审核（{expected.Waiting.Count - 2}）");
        await page.SelectOptionAsync("#state", "missing");
        await page.GetByRole(AriaRole.Button, new() { Name = "应用" }).ClickAsync();
        await page.WaitForURLAsync("**state=missing**");
        await Assertions.Expect(Badge(page, returned)).ToHaveTextAsync("已退回");
        await Assertions.Expect(page.Locator("[data-testid=school-reports] tbody tr")).ToHaveCountAsync(expected.Missing.Count + 1);
        await BrowserPortal.StepAsync(page, "j2-11-reports-after-review");

        // … and so does the dashboard: one report fewer submitted, one more approved, the returned school listed.
        await NavLink(page, "工作看板").ClickAsync();
        var cardAfter = ParseFraction(await page.Locator("[data-testid=card-reports]").InnerTextAsync());
        Assert.Equal(cardBefore with { Submitted = cardBefore.Submitted - 1 }, cardAfter);
        var reportRows = await TableAsync(page, "reports", "填报状态");
        Assert.Equal("已审核", reportRows.Single(r => r.Name == approved).Value);
        Assert.Equal("已退回", reportRows.Single(r => r.Name == returned).Value);
        Assert.True(reportRows.Single(r => r.Name == returned).Alert);
        await Assertions.Expect(page.Locator($"[data-testid=attention-reports] li[data-school='{returned}']")).ToContainTextAsync("已退回");
        await Assertions.Expect(page.Locator($"[data-testid=attention-reports] li[data-school='{approved}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=attention-review]")).ToContainTextAsync($"{expected.Waiting.Count - 2} 份双月报等待审核");
        await page.Locator("[data-testid=attention]").ScrollIntoViewIfNeededAsync();
        await BrowserPortal.StepAsync(page, "j2-12-dashboard-after-review");
        Assert.Empty(errors);

        // 8. On a 360 px phone: the dashboard and the list fit the screen; wide tables scroll inside their box.
        var phone = await portal.SignInAsync("xunyang", 360);
        var phoneErrors = WatchErrors(phone);
        foreach (var (link, heading, step) in new[] { ("工作看板", "工作看板", "j2-13-dashboard-360"), ("双月报", "双月数据填报", "j2-14-reports-360") })
        {
            await phone.Locator(".navbar-toggler").ClickAsync();
            await NavLink(phone, link).ClickAsync();
            await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync(heading);
            await BrowserPortal.StepAsync(phone, step);
            var fits = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
            Assert.True(fits, $"{step}: the page scrolls sideways ({await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px)");
            var loose = await phone.EvaluateAsync<int>("() => [...document.querySelectorAll('main table')].filter(t => !t.closest('.table-responsive')).length");
            Assert.Equal(0, loose);
        }

        Assert.Empty(phoneErrors);
    }

    private sealed record Expected(int DistrictId, int Schools, IReadOnlyDictionary<string, int> SchoolIds, DateOnly PeriodStart,
        IReadOnlyList<string> OverdueTier1, IReadOnlyList<string> Waiting, IReadOnlyList<string> Missing);

    private sealed record Row(string Name, string Value, bool Alert);

    private sealed record Fraction(int Submitted, int Of);

    /// <summary>What the pages should show, read from this class's database before anything changes.</summary>
    private async Task<Expected> ExpectedAsync()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var period = BimonthlyPeriod.LatestEnded(today);
        await using var db = portal.CreateDbContext();
        var district = await db.Districts.AsNoTracking().Where(d => d.Name == District).Select(d => d.Id).SingleAsync();
        var schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == district).ToDictionaryAsync(s => s.Id, s => s.Name);
        var ids = schools.Keys.ToList();
        var cadence = await ReviewCadenceSetting.CurrentAsync(db);
        var tier1 = await db.SupportAssignments.AsNoTracking()
            .Where(a => ids.Contains(a.SchoolId) && a.Status == AssignmentStatus.Active && a.Tier == 1).ToListAsync();
        var overdue = tier1.Where(a => a.IsOverdue(today, cadence)).Select(a => schools[a.SchoolId]).Distinct().ToList();
        var states = await db.BimonthlyReports.AsNoTracking().Where(r => ids.Contains(r.SchoolId) && r.PeriodStart == period.From)
            .ToDictionaryAsync(r => r.SchoolId, r => r.State);
        var waiting = states.Where(s => s.Value == ReportState.Submitted).Select(s => schools[s.Key]).ToList();
        var missing = schools.Where(s => !states.TryGetValue(s.Key, out var state) || state is ReportState.Draft or ReportState.Returned).Select(s => s.Value).ToList();
        return new Expected(district, schools.Count, schools.ToDictionary(s => s.Value, s => s.Key), period.From, overdue, waiting, missing);
    }

    private async Task<ReportState> StateAsync(Expected expected, string school)
    {
        await using var db = portal.CreateDbContext();
        var id = expected.SchoolIds[school];
        return await db.BimonthlyReports.AsNoTracking().Where(r => r.SchoolId == id && r.PeriodStart == expected.PeriodStart).Select(r => r.State).SingleAsync();
    }

    private static List<string> WatchErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        return errors;
    }

    private static ILocator NavLink(IPage page, string name) =>
        page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Badge(IPage page, string school) =>
        page.Locator("[data-testid=school-reports] tbody tr").Filter(new() { Has = Exactly(page, school) }).Locator(".badge");

    /// <summary>The row header holding exactly this school's name (九江小学 is not 九江市…小学).</summary>
    private static ILocator Exactly(IPage page, string school) =>
        page.Locator("th", new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(school) + "\\s*$") });

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>"32 / 42" on the reports card.</summary>
    private static Fraction ParseFraction(string text)
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        return new Fraction(Number(parts[0]), Number(parts[1]));
    }

    /// <summary>A dashboard table's school names with one column's text and whether that cell is highlighted.</summary>
    private static async Task<List<Row>> TableAsync(IPage page, string table, string header)
    {
        var cells = await page.EvaluateAsync<string[][]>("""
            ([table, header]) => {
                const t = document.querySelector(`[data-testid=table-${table}]`);
                const headers = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
                const column = headers.indexOf(header), name = headers.indexOf('学校名称');
                if (column < 0 || name < 0) throw new Error(`no column ${header} in ${headers.join(',')}`);
                return [...t.querySelectorAll('tbody tr')].map(r => {
                    const c = [...r.querySelectorAll('th, td')];
                    return [c[name].textContent.trim(), c[column].textContent.trim(), c[column].classList.contains('text-danger') ? '1' : '0'];
                });
            }
            """, new[] { table, header });
        return cells.Select(c => new Row(c[0], c[1], c[2] == "1")).ToList();
    }
}
