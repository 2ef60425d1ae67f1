using System.Net;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class StudentFileTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Phq9(params int[] answers) =>
        answers.Select((a, i) => (Key: $"Answers[{i}]", Value: a.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToDictionary(x => x.Key, x => x.Value);

    [Fact]
    public async Task A_PHQ9_with_item_9_positive_shows_the_crisis_flag_before_saving_and_joins_the_tier_1_queue()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "危机测试生");
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var form = await counsellor.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Phq9");
        Assert.Contains("d-none", form.Document.QuerySelector("[data-testid=crisis-flag]")!.ClassName, StringComparison.Ordinal);

        var preview = await counsellor.SubmitAsync(form, Phq9(1, 0, 0, 0, 0, 0, 0, 0, 1), "#screening-form", "button[formaction*='handler=Preview']");
        var flag = preview.Document.QuerySelector("[data-testid=crisis-flag]")!;
        Assert.DoesNotContain("d-none", flag.ClassName, StringComparison.Ordinal);
        Assert.Contains("第9题", flag.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", preview.TestId("preview-total"));
        Assert.Equal("一级预警", preview.TestId("preview-warning"));
        Assert.False(await db.ScreeningResults.AnyAsync(r => r.StudentId == student.Id));

        var file = await counsellor.SubmitAsync(preview, Phq9(1, 0, 0, 0, 0, 0, 0, 0, 1), "#screening-form", "button[formaction*='handler=Save']");
        Assert.Equal($"/Students/{student.Id}", file.Url);
        Assert.Contains("已进入一级帮扶待确认队列", file.Text, StringComparison.Ordinal);
        Assert.NotNull(file.Document.QuerySelector("[data-testid=timeline] [data-testid=crisis]"));

        var queue = await counsellor.GetAsync("/Screenings/Queue");
        var row = queue.Document.QuerySelectorAll("[data-testid=queue] tbody tr").Single(r => r.TextContent.Contains("危机测试生", StringComparison.Ordinal));
        Assert.Contains("危机测试生", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("一级帮扶（三包一）", row.QuerySelector("[data-testid=suggested]")!.TextContent.Trim());
        var saved = await db.ScreeningResults.AsNoTracking().SingleAsync(r => r.StudentId == student.Id);
        Assert.Equal((true, 1, TierDecisionState.Pending), (saved.Crisis, saved.SuggestedTier!.Value, saved.DecisionState));
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 1], saved.Answers!);
    }

    [Fact]
    public async Task Overriding_a_suggestion_needs_a_reason_and_confirming_takes_one_click()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "调整测试生");
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Phq9");
        await counsellor.SubmitAsync(form, Phq9(2, 2, 2, 2, 2, 0, 0, 0, 0), "#screening-form", "button[formaction*='handler=Save']");
        var result = await db.ScreeningResults.AsNoTracking().SingleAsync(r => r.StudentId == student.Id);
        Assert.Equal(3, result.SuggestedTier);

        var queue = await counsellor.GetAsync("/Screenings/Queue");
        var refused = await counsellor.SubmitAsync(queue, new Dictionary<string, string> { ["tier"] = "0", ["reason"] = "" }, $"form[action*='handler=Override'][action*='id={result.Id}']");
        Assert.Contains("需要写明理由", refused.Text, StringComparison.Ordinal);
        var noTier = await counsellor.SubmitAsync(refused, new Dictionary<string, string> { ["reason"] = "理由写了但没有选等级" }, $"form[action*='handler=Override'][action*='id={result.Id}']");
        Assert.Contains("帮扶等级只能是", noTier.Text, StringComparison.Ordinal);

        var overridden = await counsellor.SubmitAsync(refused, new Dictionary<string, string> { ["tier"] = "2", ["reason"] = "班主任反映近期有自伤言语，提高等级" },
            $"form[action*='handler=Override'][action*='id={result.Id}']");
        Assert.Contains("已调整为：二级帮扶", overridden.Text, StringComparison.Ordinal);
        var decided = await db.ScreeningResults.AsNoTracking().SingleAsync(r => r.Id == result.Id);
        Assert.Equal((TierDecisionState.Overridden, 2, "counsellor"), (decided.DecisionState, decided.DecidedTier!.Value, decided.DecidedBy!));

        var file = await counsellor.GetAsync($"/Students/{student.Id}");
        Assert.Contains("班主任反映近期有自伤言语，提高等级", file.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_supersedes_the_earlier_result_and_both_stay_on_the_file()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "更正测试生");
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await counsellor.SubmitAsync(await counsellor.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Gad7"),
            new Dictionary<string, string> { ["Answers[0]"] = "3", ["Answers[1]"] = "3", ["Answers[2]"] = "3", ["Answers[3]"] = "3", ["Answers[4]"] = "3", ["Answers[5]"] = "0", ["Answers[6]"] = "0" },
            "#screening-form", "button[formaction*='handler=Save']");
        var first = await db.ScreeningResults.AsNoTracking().SingleAsync(r => r.StudentId == student.Id);

        var form = await counsellor.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Gad7&correctsId={first.Id}");
        await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Answers[0]"] = "1", ["Answers[1]"] = "1", ["Answers[2]"] = "1", ["Answers[3]"] = "0", ["Answers[4]"] = "0", ["Answers[5]"] = "0", ["Answers[6]"] = "0",
            ["CorrectionReason"] = "录入时看错答题卡的行",
        }, "#screening-form", "button[formaction*='handler=Save']");

        var results = await db.ScreeningResults.AsNoTracking().Where(r => r.StudentId == student.Id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsSuperseded);
        Assert.Equal(results[0].Id, results[1].CorrectsId);
        Assert.False(results[0].AwaitsDecision);
        var file = await counsellor.GetAsync($"/Students/{student.Id}");
        Assert.Contains("已被更正：录入时看错答题卡的行", file.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_MHT_sheet_typed_as_A_and_B_is_scored_by_the_server()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "MHT测试生");
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        // Items 1–15 (学习焦虑) yes, everything else no: a flagged scale, total 15, lie scale 0.
        var answers = string.Concat(Enumerable.Range(1, 100).Select(i => i <= 15 ? 'A' : 'B'));
        var preview = await counsellor.SubmitAsync(await counsellor.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Mht"),
            new Dictionary<string, string> { ["MhtAnswers"] = answers }, "#screening-form", "button[formaction*='handler=Preview']");

        Assert.Equal("15", preview.TestId("preview-total"));
        Assert.Equal("三级预警", preview.TestId("preview-warning"));
        Assert.Contains("学习焦虑偏高（≥8）", preview.Text, StringComparison.Ordinal);

        var tooShort = await counsellor.SubmitAsync(preview, new Dictionary<string, string> { ["MhtAnswers"] = "ABAB" }, "#screening-form", "button[formaction*='handler=Save']");
        Assert.Contains("MHT需要正好100个答案", tooShort.Text, StringComparison.Ordinal);
        Assert.False(await db.ScreeningResults.AnyAsync(r => r.StudentId == student.Id));
    }

    [Fact]
    public async Task Viewing_a_file_is_audited_and_another_schools_counsellor_gets_404_and_a_denied_entry()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "审计测试生");

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var file = await counsellor.GetAsync($"/Students/{student.Id}");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Contains("留守儿童", file.TestId("key-populations"), StringComparison.Ordinal);
        Assert.Contains("no-store", file.Response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var other = factory.CreatePortalClient();
        await other.SignInAsync("counsellor2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Students/{student.Id}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Phq9", follow: false)).Status);

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/Students", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/Students/{student.Id}", follow: false)).Status);

        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "student" && a.EntityId == student.Id.ToString()).ToListAsync();
        Assert.Contains(entries, a => a.UserName == "counsellor" && a.Action == "view" && a.Outcome == "allowed" && a.Roles == "Counsellor");
        Assert.Contains(entries, a => a.UserName == "counsellor2" && a.Action == "view" && a.Outcome == "denied");
        Assert.Contains(entries, a => a.UserName == "city" && a.Outcome == "denied");
        Assert.DoesNotContain(entries, a => a.UserName == "counsellor2" && a.Outcome == "allowed");
    }

    [Fact]
    public async Task A_head_teacher_sees_and_logs_talks_only_for_the_own_class()
    {
        await using var db = factory.CreateDbContext();
        var mine = await TestData.AddStudentAsync(db, "九江市双峰小学", "本班学生", grade: 3, classNumber: 1);
        var notMine = await TestData.AddStudentAsync(db, "九江市双峰小学", "别班学生", grade: 4, classNumber: 2);
        using var teacher = factory.CreatePortalClient();
        await teacher.SignInAsync("headteacher");

        var list = await teacher.SubmitAsync(await teacher.GetAsync("/Students"), new Dictionary<string, string> { ["q"] = "学生" });
        Assert.DoesNotContain("学生", list.Url, StringComparison.Ordinal);
        Assert.Contains("本班学生", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("别班学生", list.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/Students/{notMine.Id}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/Screenings/Queue", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/Students/Screening?studentId={mine.Id}&instrument=Phq9", follow: false)).Status);

        var form = await teacher.GetAsync($"/Students/Talk?studentId={mine.Id}");
        var file = await teacher.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "HomeVisit",
            ["Input.WithWhom"] = "祖母",
            ["Input.Summary"] = "祖母反映孩子近来睡眠不好，约定每周电话沟通",
            ["Input.FollowUpNeeded"] = "true",
        });
        Assert.Equal($"/Students/{mine.Id}", file.Url);
        Assert.Contains("家访", file.TestId("timeline"), StringComparison.Ordinal);
        Assert.Contains("祖母反映孩子近来睡眠不好", file.Text, StringComparison.Ordinal);

        var foreign = await teacher.Http.PostAsync($"/Students/Talk?studentId={notMine.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.Document.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["StudentId"] = notMine.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Kind"] = "HomeVisit", ["Input.OccurredOn"] = "2024-01-01", ["Input.ByName"] = "x", ["Input.Summary"] = "越权记录",
        }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.False(await db.Talks.AnyAsync(t => t.StudentId == notMine.Id));
    }
}

public class AuditPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_school_leader_sees_who_opened_a_file_and_an_admin_finds_the_refusals()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "查阅记录测试生");

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var seenByCounsellor = await counsellor.GetAsync($"/Students/{student.Id}");
        Assert.Null(seenByCounsellor.Document.QuerySelector("[data-testid=accesses]"));

        using var other = factory.CreatePortalClient();
        await other.SignInAsync("counsellor2");
        await other.GetAsync($"/Students/{student.Id}", follow: false);

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var file = await leader.GetAsync($"/Students/{student.Id}");
        var accesses = file.Document.QuerySelector("[data-testid=accesses]")!.TextContent;
        Assert.Contains("counsellor", accesses, StringComparison.Ordinal);
        Assert.Contains("counsellor2", accesses, StringComparison.Ordinal);
        Assert.Contains("已拒绝", accesses, StringComparison.Ordinal);

        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var denied = await admin.GetAsync($"/Admin/Audit?entity=student&entityId={student.Id}&deniedOnly=true");
        var rows = denied.Document.QuerySelectorAll("[data-testid=audit] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("denied", r.GetAttribute("data-outcome")));
        Assert.Contains(rows, r => r.TextContent.Contains("counsellor2", StringComparison.Ordinal));
        Assert.DoesNotContain("查阅记录测试生", denied.Text, StringComparison.Ordinal);
    }
}
