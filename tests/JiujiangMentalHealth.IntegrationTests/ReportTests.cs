using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace JiujiangMentalHealth.IntegrationTests;

public class ReportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private sealed record DistrictFigures(int Expected, int Submitted, int OnTime, int Approved, int Returned);

    private static async Task<DistrictFigures> CityRowAsync(PortalClient city, string district)
    {
        var page = await city.GetAsync("/Reports");
        var cells = page.Document.QuerySelector($"[data-testid=district-reports] tr[data-district='{district}']")!
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        int N(int i) => int.Parse(cells[i], CultureInfo.InvariantCulture);
        return new DistrictFigures(N(0), N(1), N(2), N(3), N(4));
    }

    [Fact]
    public async Task A_report_goes_from_school_to_district_and_back_and_is_locked_once_approved()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var period = BimonthlyPeriod.LatestEnded(ChinaTime.Today(TimeProvider.System)).From;
        Assert.False(await db.BimonthlyReports.AnyAsync(r => r.SchoolId == school && r.PeriodStart == period));

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var before = await CityRowAsync(city, "浔阳区");

        // The school opens its report: pre-filled from the portal, not yet filed.
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync("/Reports/Report");
        Assert.Equal("未填报", form.TestId("report-state"));
        var talks = int.Parse(form.TestId("prefilled-Talks")!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        // A corrected figure without a note is refused, beside the form, in Chinese; nothing is saved.
        var refused = await counsellor.SubmitAsync(form, new Dictionary<string, string> { ["Figures.Talks"] = (talks + 5).ToString(CultureInfo.InvariantCulture) },
            "[data-testid=report-form]", "[data-testid=submit-report]");
        Assert.Contains("修改了预填数字，请填写更正说明", refused.Text, StringComparison.Ordinal);
        Assert.False(await db.BimonthlyReports.AnyAsync(r => r.SchoolId == school && r.PeriodStart == period));

        var submitted = await counsellor.SubmitAsync(refused, new Dictionary<string, string>
        {
            ["Figures.Talks"] = (talks + 5).ToString(CultureInfo.InvariantCulture),
            ["CorrectionNote"] = "5 次谈话记在纸质台账上，尚未录入",
        }, "[data-testid=report-form]", "[data-testid=submit-report]");
        Assert.Equal("已提交待审核", submitted.TestId("report-state"));
        // Filed after the 10th of the month: late, and it stays late whatever happens next.
        Assert.Equal("逾期报送", submitted.TestId("report-ontime"));
        var afterSubmit = await CityRowAsync(city, "浔阳区");
        Assert.Equal(before with { Submitted = before.Submitted + 1 }, afterSubmit);

        // The district returns it with a comment …
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var list = await xunyang.GetAsync("/Reports?pending=true");
        var link = list.Document.QuerySelector("[data-testid=school-reports] tr[data-school] a[href*='schoolId=" + school + "']")!.GetAttribute("href")!;
        var review = await xunyang.GetAsync(link);
        Assert.Contains("<10", review.TestId("reported-NewCrises") + review.TestId("reported-Tier1") + review.TestId("reported-Referrals"), StringComparison.Ordinal);
        var returned = await xunyang.SubmitAsync(review, new Dictionary<string, string> { ["Comment"] = "谈话人次与台账不一致，请附台账说明" }, "[data-testid=return-form]");
        Assert.Equal("已退回", returned.TestId("report-state"));
        Assert.Equal(before with { Returned = before.Returned + 1 }, await CityRowAsync(city, "浔阳区"));

        // … the school reads it, corrects and resubmits …
        var back = await counsellor.GetAsync("/Reports/Report");
        Assert.Contains("谈话人次与台账不一致", back.TestId("review-comment"), StringComparison.Ordinal);
        var resubmitted = await counsellor.SubmitAsync(back, new Dictionary<string, string>
        {
            ["Figures.Talks"] = (talks + 3).ToString(CultureInfo.InvariantCulture),
            ["CorrectionNote"] = "核对台账后为 3 次",
        }, "[data-testid=report-form]", "[data-testid=submit-report]");
        Assert.Equal("已提交待审核", resubmitted.TestId("report-state"));
        var staleForm = back;

        // … and the district approves: the report is locked.
        review = await xunyang.GetAsync(link);
        var approved = await xunyang.SubmitAsync(review, new Dictionary<string, string>(), "[data-testid=approve-form]");
        Assert.Equal("已审核", approved.TestId("report-state"));
        Assert.Equal(before with { Submitted = before.Submitted + 1, Approved = before.Approved + 1 }, await CityRowAsync(city, "浔阳区"));

        var locked = await counsellor.GetAsync("/Reports/Report");
        Assert.Null(locked.Document.QuerySelector("[data-testid=report-form]"));
        Assert.Equal((talks + 3).ToString("N0", CultureInfo.InvariantCulture), locked.TestId("reported-Talks"));
        var edit = await counsellor.SubmitAsync(staleForm, new Dictionary<string, string> { ["Figures.Talks"] = "0", ["CorrectionNote"] = "改" },
            "[data-testid=report-form]", "button[formaction*='handler=Save']");
        Assert.Contains("报表已审核锁定", edit.Text, StringComparison.Ordinal);
        await using (var check = factory.CreateDbContext())
        {
            var stored = await check.BimonthlyReports.Include(r => r.Events).SingleAsync(r => r.SchoolId == school && r.PeriodStart == period);
            Assert.Equal(talks + 3, stored.Reported.Talks);
            Assert.False(stored.OnTime);
        }

        // Only the district can reopen it, and that is recorded.
        review = await xunyang.GetAsync(link);
        var reopened = await xunyang.SubmitAsync(review, new Dictionary<string, string> { ["Comment"] = "学校申请更正家访人次" }, "[data-testid=reopen-form]");
        Assert.Equal("已退回", reopened.TestId("report-state"));
        var history = reopened.Document.QuerySelectorAll("[data-testid=report-history] li strong").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal(["提交", "退回", "提交", "审核通过", "重新打开"], history);
    }

    [Fact]
    public async Task Scopes_are_kept_apart_and_a_school_cannot_review()
    {
        await using var db = factory.CreateDbContext();
        var foreign = await db.Schools.Where(s => s.Name == "九江一中").Select(s => s.Id).SingleAsync();
        var lianxiSchool = await db.Schools.Where(s => s.District!.Name == "濂溪区").Select(s => s.Id).FirstAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync($"/Reports/Report?schoolId={foreign}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync("/Reports/Report?period=2026-10", follow: false)).Status);
        // Only the periods of the reporting window: not a running one, not one from years ago.
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync("/Reports/Report?period=2019-01", follow: false)).Status);
        var running = BimonthlyPeriod.Containing(ChinaTime.Today(TimeProvider.System)).Key;
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync($"/Reports/Report?period={running}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync("/Reports?districtId=1", follow: false)).Status);

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        Assert.Equal(HttpStatusCode.NotFound, (await xunyang.GetAsync($"/Reports/Report?schoolId={lianxiSchool}", follow: false)).Status);

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/Reports/Report?schoolId={lianxiSchool}", follow: false)).Status);

        using var headteacher = factory.CreatePortalClient();
        await headteacher.SignInAsync("headteacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await headteacher.GetAsync("/Reports", follow: false)).Status);
    }

    [Fact]
    public async Task A_review_made_on_a_page_shown_before_another_review_is_refused()
    {
        await using var db = factory.CreateDbContext();
        var period = BimonthlyPeriod.LatestEnded(ChinaTime.Today(TimeProvider.System));
        var waiting = await db.BimonthlyReports.Where(r => r.State == ReportState.Submitted && r.PeriodStart == period.From)
            .Join(db.Schools.Where(s => s.District!.Name == "浔阳区"), r => r.SchoolId, s => s.Id, (r, s) => s.Id).FirstAsync();

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var url = $"/Reports/Report?period={period.Key}&schoolId={waiting}";
        var first = await xunyang.GetAsync(url);
        var second = await xunyang.GetAsync(url);

        var returned = await xunyang.SubmitAsync(first, new Dictionary<string, string> { ["Comment"] = "请补充家访台账" }, "[data-testid=return-form]");
        Assert.Equal("已退回", returned.TestId("report-state"));
        var stale = await xunyang.SubmitAsync(second, new Dictionary<string, string>(), "[data-testid=approve-form]");

        Assert.Contains("刚被其他人修改过", stale.Text, StringComparison.Ordinal);
        await using var check = factory.CreateDbContext();
        Assert.Equal(ReportState.Returned, await check.BimonthlyReports.Where(r => r.SchoolId == waiting && r.PeriodStart == period.From).Select(r => r.State).SingleAsync());
    }

    [Fact]
    public async Task The_city_exports_the_aggregate_of_approved_reports_with_chinese_headers()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var page = await city.GetAsync("/Reports");
        var href = page.Document.QuerySelector("[data-testid=export-aggregate]")!.GetAttribute("href")!;
        var response = await city.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();
        Assert.Equal(["县（市、区）", "应报学校", "已审核", "在校学生数", "专职心理教师", "兼职心理教师", "本期筛查学生数", "一级帮扶学生数", "二级帮扶学生数", "三级帮扶学生数", "新发危机事件", "转介就医人数", "谈心谈话人次", "家访户次", "参训教师人次", "开展心理健康活动（次）", "活动参与人次", "家庭教育巡讲（场）"], sheet[0]);
        Assert.Equal(15, sheet.Count); // 13 districts, the header and the city total
        Assert.Equal("全市合计", sheet[^1][0]);

        var total = await CityRowAsync(city, "浔阳区");
        var xunyang = sheet.Single(r => r[0] == "浔阳区");
        Assert.Equal(total.Expected.ToString(CultureInfo.InvariantCulture), xunyang[1]);
        Assert.Equal(total.Approved.ToString(CultureInfo.InvariantCulture), xunyang[2]);
        // Student counts leave suppressed: no 1–9 in the tier, crisis and referral columns.
        Assert.All(sheet.Skip(1).SelectMany(r => r[7..12]), c => Assert.False(int.TryParse(c, out var n) && n is > 0 and < 10, c));

        // Activities pre-filled from the portal reach the provincial form; the city total adds up the districts.
        var activities = sheet.Skip(1).SkipLast(1).Sum(r => int.Parse(r[15], CultureInfo.InvariantCulture));
        Assert.True(activities > 0);
        Assert.Equal(activities.ToString(CultureInfo.InvariantCulture), sheet[^1][15]);
    }

    [Fact]
    public async Task A_district_finds_one_school_by_name_or_code_and_an_empty_search_says_so()
    {
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var all = await xunyang.GetAsync("/Reports");
        var rows = all.Document.QuerySelectorAll("[data-testid=school-reports] tr[data-school]").Length;
        Assert.True(rows > 10, $"{rows} schools");

        var one = await xunyang.GetAsync("/Reports?q=双峰");
        Assert.Equal(1, one.Document.QuerySelectorAll("[data-testid=school-reports] tr[data-school]").Length);
        Assert.Contains("九江市双峰小学", one.TestId("school-reports"), StringComparison.Ordinal);

        var none = await xunyang.GetAsync("/Reports?q=没有这所学校");
        Assert.Null(none.TestId("school-reports"));
        Assert.Contains("没有符合条件的学校", none.TestId("reports-empty"), StringComparison.Ordinal);
        Assert.DoesNotContain("{0}", none.TestId("reports-empty"), StringComparison.Ordinal);
    }
}
