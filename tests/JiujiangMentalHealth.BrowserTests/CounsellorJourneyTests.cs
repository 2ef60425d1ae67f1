using System.Globalization;
using System.Text;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>
/// Journey 1 of PRODUCT.md: a counsellor imports the school's screening export (a GBK CSV), reads the
/// rows that failed and why, fixes the file and imports it, confirms a suggested tier, forms the
/// tier-1 team and logs a follow-up — all by clicking and typing in Chromium.
/// </summary>
public sealed class CounsellorJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    static CounsellorJourneyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task A_counsellor_imports_fixes_and_imports_confirms_a_tier_forms_the_team_and_logs_a_follow_up()
    {
        await portal.StartAsync();
        var today = ChinaTime.Today(TimeProvider.System);
        var takenOn = today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Four students of 双峰小学 with no support yet and no result waiting for a decision.
        await using var db = portal.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var students = await db.Students
            .Where(s => s.SchoolId == school
                        && !db.SupportAssignments.Any(a => a.StudentId == s.Id)
                        && !db.ScreeningResults.Any(r => r.StudentId == s.Id && r.DecisionState == TierDecisionState.Pending))
            .OrderBy(s => s.Id).Take(4).Select(s => new { s.Id, s.Name, s.StudentNumber }).ToListAsync();
        Assert.Equal(4, students.Count);
        var counsellorStaff = await db.StaffMembers
            .Where(m => m.UserId == db.Users.Where(u => u.UserName == "counsellor").Select(u => u.Id).Single())
            .Select(m => new { m.Id, m.Name }).SingleAsync();
        var focus = students[0];

        string Csv(string badLevel, string badNumber)
        {
            var text = new StringBuilder("序号,姓名,学籍号,性别,量表,测评日期,总分,预警等级\n");
            string[] levels = ["一级", badLevel, "三级", "无"];
            for (var i = 0; i < students.Count; i++)
            {
                var number = i == 3 ? badNumber : students[i].StudentNumber;
                text.Append(CultureInfo.InvariantCulture, $"{i + 1},{students[i].Name},{number},女,中小学生心理健康量表,{takenOn},{80 - (i * 15)},{levels[i]}\n");
            }

            return text.ToString();
        }

        var page = await portal.SignInAsync("counsellor");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        // 1. The import page, from the navigation.
        await page.GetByRole(AriaRole.Button, new() { Name = "心理测评" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "导入测评结果" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("九江市双峰小学");
        await BrowserPortal.StepAsync(page, "j1-01-import");

        // 2. The export as the provincial system writes it (GBK), with two bad rows: nothing is imported, each row says why.
        var gbk = Encoding.GetEncoding("GB18030");
        await page.SetInputFilesAsync("#Upload", new FilePayload
        {
            Name = "赣鄱心理测评结果.csv", MimeType = "text/csv", Buffer = gbk.GetBytes(Csv("四级", "G360403000000000000")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检查" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-refused]")).ToBeVisibleAsync();
        var failed = await page.Locator("[data-testid=import-errors] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.line)");
        Assert.Equal(["3", "5"], failed.Distinct().Order());
        await Assertions.Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("预警等级");
        await BrowserPortal.StepAsync(page, "j1-02-row-errors");

        // 3. The fixed file: a preview, then the import.
        await page.GotoAsync("/Screenings/Import");
        await page.SetInputFilesAsync("#Upload", new FilePayload
        {
            Name = "赣鄱心理测评结果（已更正）.csv", MimeType = "text/csv", Buffer = gbk.GetBytes(Csv("二级", students[3].StudentNumber)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检查" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=preview-rows]")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("[data-testid=count-Level1]")).ToHaveTextAsync("1");
        await BrowserPortal.StepAsync(page, "j1-03-preview");
        await page.Locator("[data-testid=confirm]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("[role=status], .alert-success").First).ToContainTextAsync("4");
        await BrowserPortal.StepAsync(page, "j1-04-imported");
        var ids = students.Select(s => s.Id).ToList();
        var imported = db.ScreeningResults.Where(r => ids.Contains(r.StudentId) && r.TakenOn == today.AddDays(-2) && r.ImportBatchId != null);
        Assert.Equal(4, await imported.CountAsync());
        // 一级, 二级 and 三级 wait for a tier decision; 无 needs none.
        Assert.Equal(3, await imported.CountAsync(r => r.DecisionState == TierDecisionState.Pending));

        // 4. The queue: the 一级 result suggests tier 1; the counsellor confirms it.
        await page.GotoAsync("/Screenings/Queue");
        var resultId = await db.ScreeningResults.Where(r => r.StudentId == focus.Id).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
        var row = page.Locator($"[data-testid=queue] tr[data-result='{resultId}']");
        await Assertions.Expect(row.Locator("[data-testid=suggested]")).ToContainTextAsync("一级帮扶");
        await BrowserPortal.StepAsync(page, "j1-05-queue");
        await row.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("一级");
        await Assertions.Expect(page.Locator($"[data-testid=queue] tr[data-result='{resultId}']")).ToHaveCountAsync(0);

        // 5. The student's file, and a tier-1 team: 三包一 with three different people, the counsellor among them.
        await page.GotoAsync($"/Students/{focus.Id}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(focus.Name);
        await page.GetByRole(AriaRole.Link, new() { Name = "组建帮扶团队" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tier]")).ToContainTextAsync("一级帮扶");
        await page.SelectOptionAsync("[data-testid=seat-PsychologyTeacher]", counsellorStaff.Id.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#Input_Reason", "测评一级预警，经心理老师访谈确认");
        await BrowserPortal.StepAsync(page, "j1-06-team");
        await page.Locator("#start-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Support/Assignment/**");
        await Assertions.Expect(page.Locator("[data-testid=tier]")).ToContainTextAsync("一级帮扶");
        await Assertions.Expect(page.Locator("[data-testid=team]")).ToContainTextAsync(counsellorStaff.Name);
        var assignment = await db.SupportAssignments.SingleAsync(a => a.StudentId == focus.Id);
        Assert.Equal(1, assignment.Tier);
        await BrowserPortal.StepAsync(page, "j1-07-assignment");

        // 6. A follow-up: a missing summary is refused beside the field; then it is logged and shown.
        await page.SelectOptionAsync("#Log_Kind", new SelectOptionValue { Index = 1 });
        await page.Locator("#followup-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#followup-form [data-valmsg-for='Log.Summary']")).Not.ToBeEmptyAsync();
        await page.FillAsync("#Log_Summary", "与学生深入谈话，情绪较上周平稳，约定下周二再谈");
        await page.FillAsync("#Log_NextStep", "下周二复谈，联系家长");
        await page.Locator("#followup-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=followups]")).ToContainTextAsync("情绪较上周平稳");
        await BrowserPortal.StepAsync(page, "j1-08-follow-up");
        Assert.Empty(errors);
    }
}
