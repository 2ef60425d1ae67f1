using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>R7 心理危机干预: from a PHQ-9 item-9 result to a crisis event, a tier-1 team and every step in order.</summary>
public class CrisisTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string School = "九江市双峰小学";

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Phq9(params int[] answers) =>
        answers.Select((a, i) => (Key: $"Answers[{i}]", Value: a.ToString(CultureInfo.InvariantCulture))).ToDictionary(x => x.Key, x => x.Value);

    /// <summary>三包一 for the student: a school leader, the head teacher of the student's class and a psychology teacher, three people.</summary>
    private static async Task<(int Leader, int HeadTeacher, int Psychology)> TeamForAsync(AppDbContext db, Student student)
    {
        var staff = await db.StaffMembers.AsNoTracking().Include(m => m.Classes)
            .Where(m => m.SchoolId == student.SchoolId && m.LeftOn == null).OrderBy(m => m.Id).ToListAsync();
        var head = staff.First(m => m.Classes.Any(c => c.ClassId == student.ClassId));
        var leader = staff.First(m => m.IsSchoolLeader && m.Id != head.Id);
        var psychology = staff.First(m => m.PsychologyPost != PsychologyPost.None && m.Id != head.Id && m.Id != leader.Id);
        return (leader.Id, head.Id, psychology.Id);
    }

    private static async Task<CrisisEvent> ArrangeOpenEventAsync(AppDbContext db, string name)
    {
        var student = await TestData.AddStudentAsync(db, School, name);
        var crisis = CrisisEvent.Open(student.Id, student.SchoolId, Today, "counsellor", "班主任发现学生在作业本上写下轻生字句", null, Today);
        db.CrisisEvents.Add(crisis);
        await db.SaveChangesAsync();
        return crisis;
    }

    private static Task<PortalClient.Page> RecordAsync(PortalClient client, PortalClient.Page page, Dictionary<string, string> fields) =>
        client.SubmitAsync(page, fields, "#step-form");

    [Fact]
    public async Task A_PHQ9_item_9_result_becomes_a_crisis_event_on_tier_1_and_every_step_is_recorded_in_order_to_the_close()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "危机干预生");
        var team = await TeamForAsync(db, student);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        // The PHQ-9 with item 9 = 1 joins the queue as a crisis, tier 1 suggested.
        var form = await counsellor.GetAsync($"/Students/Screening?studentId={student.Id}&instrument=Phq9");
        await counsellor.SubmitAsync(form, Phq9(1, 0, 0, 0, 0, 0, 0, 0, 1), "#screening-form", "button[formaction*='handler=Save']");
        var result = await db.ScreeningResults.AsNoTracking().SingleAsync(r => r.StudentId == student.Id);
        Assert.Equal((true, TierDecisionState.Pending), (result.Crisis, result.DecisionState));

        // Opened from that result, with the 三包一 team proposed per role.
        var open = await counsellor.GetAsync($"/Crisis/Open?studentId={student.Id}&resultId={result.Id}");
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.NotNull(open.Document.QuerySelector("[data-testid=raising-result]"));
        foreach (var role in new[] { "SchoolLeader", "HeadTeacher", "PsychologyTeacher" })
        {
            Assert.NotNull(open.Document.QuerySelector($"select[name='Team[{role}]']"));
        }

        var eventPage = await counsellor.SubmitAsync(open, new Dictionary<string, string>
        {
            ["OpenedOn"] = Iso(Today),
            ["Notes"] = "PHQ-9第9题阳性，谈话中承认近两周有轻生念头",
            ["Team[SchoolLeader]"] = team.Leader.ToString(CultureInfo.InvariantCulture),
            ["Team[HeadTeacher]"] = team.HeadTeacher.ToString(CultureInfo.InvariantCulture),
            ["Team[PsychologyTeacher]"] = team.Psychology.ToString(CultureInfo.InvariantCulture),
        }, "#crisis-open-form");
        var crisis = await db.CrisisEvents.AsNoTracking().SingleAsync(c => c.StudentId == student.Id);
        Assert.Equal($"/Crisis/Event/{crisis.Id}", eventPage.Url);
        Assert.Equal(result.Id, crisis.ScreeningResultId);

        // The student is on tier 1 at once, with the team, and the suggestion is confirmed with it.
        var assignment = await db.SupportAssignments.AsNoTracking().Include(a => a.Members).Include(a => a.Changes)
            .SingleAsync(a => a.StudentId == student.Id && a.Status == AssignmentStatus.Active);
        Assert.Equal(1, assignment.Tier);
        Assert.Equal(
            new[] { (TeamRole.SchoolLeader, team.Leader), (TeamRole.HeadTeacher, team.HeadTeacher), (TeamRole.PsychologyTeacher, team.Psychology) }.OrderBy(s => s.Item1),
            assignment.Members.Select(m => (m.Role, m.StaffMemberId)).OrderBy(s => s.Role));
        Assert.Equal("危机事件：立即列为一级帮扶", Assert.Single(assignment.Changes).Reason);
        var decided = await db.ScreeningResults.AsNoTracking().SingleAsync(r => r.Id == result.Id);
        Assert.Equal((TierDecisionState.Confirmed, 1, "counsellor"), (decided.DecisionState, decided.DecidedTier!.Value, decided.DecidedBy!));

        // A step out of order is refused by the domain and nothing is saved.
        var refused = await RecordAsync(counsellor, eventPage, new() { ["Input.Step"] = nameof(CrisisStep.GuardianInformed), ["Input.Notes"] = "想跳过评估" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotEmpty(refused.Errors);
        Assert.Equal(1, await db.CrisisSteps.CountAsync(s => s.CrisisEventId == crisis.Id));

        // Every step in order, the green-channel referral with its hospital and department.
        var page = await counsellor.GetAsync($"/Crisis/Event/{crisis.Id}");
        page = await RecordAsync(counsellor, page, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "心理教师评估：高风险" });
        page = await RecordAsync(counsellor, page, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "已电话告知奶奶，母亲当天返回" });
        Assert.NotNull(page.Document.QuerySelector("input[name='Input.Hospital']"));
        page = await RecordAsync(counsellor, page, new()
        {
            ["Input.On"] = Iso(Today), ["Input.ReferredOn"] = Iso(Today), ["Input.Hospital"] = "九江市第五人民医院", ["Input.Department"] = "儿童青少年心理科",
            ["Input.Notes"] = "经绿色通道转介，母亲陪同就诊",
        });
        page = await RecordAsync(counsellor, page, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "医院反馈：门诊治疗，两周复诊" });
        page = await RecordAsync(counsellor, page, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "复学评估：可返校，继续一级帮扶" });
        Assert.Null(page.Document.QuerySelector("#not-applicable-form"));

        // While the crisis is open the student stays on tier 1: de-escalation is refused.
        var openAssignment = await db.SupportAssignments.Where(a => a.StudentId == student.Id && a.Status == AssignmentStatus.Active).Select(a => a.Id).SingleAsync();
        var tooEarly = await counsellor.SubmitAsync(await counsellor.GetAsync($"/Support/Assignment/{openAssignment}?reassessTier=3"),
            new Dictionary<string, string> { ["Reassess.Reason"] = "情况好转，想提前降级" }, "#reassess-form");
        Assert.Contains(tooEarly.Errors, e => e.Contains("危机结案前必须保持一级帮扶", StringComparison.Ordinal));
        Assert.Equal(1, await db.SupportAssignments.Where(a => a.Id == openAssignment).Select(a => a.Tier).SingleAsync());

        page = await counsellor.GetAsync($"/Crisis/Event/{crisis.Id}");
        page = await RecordAsync(counsellor, page, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "危机解除，结案" });
        Assert.Equal($"/Crisis/Event/{crisis.Id}", page.Url);
        Assert.Null(page.Document.QuerySelector("#step-form"));
        Assert.Equal("九江市第五人民医院", page.TestId("hospital"));
        Assert.Equal("儿童青少年心理科", page.TestId("department"));

        var steps = await db.CrisisSteps.AsNoTracking().Where(s => s.CrisisEventId == crisis.Id).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal(Enum.GetValues<CrisisStep>(), steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.Equal(("counsellor", Today, false), (s.By, s.On, s.NotApplicable)));
        var referral = steps.Single(s => s.Step == CrisisStep.Referred);
        Assert.Equal(("九江市第五人民医院", "儿童青少年心理科", Today), (referral.Hospital!, referral.Department!, referral.ReferredOn!.Value));
        Assert.Equal("复学评估：可返校，继续一级帮扶", steps.Single(s => s.Step == CrisisStep.ReturnAssessment).Notes);
        Assert.True(await db.SupportAssignments.AnyAsync(a => a.StudentId == student.Id && a.Status == AssignmentStatus.Active && a.Tier == 1));

        // Closed events leave the list unless asked for.
        var list = await counsellor.GetAsync("/Crisis");
        Assert.Null(list.Document.QuerySelector($"[data-event='{crisis.Id}']"));
        Assert.NotNull((await counsellor.GetAsync("/Crisis?showClosed=true")).Document.QuerySelector($"[data-event='{crisis.Id}']"));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "crisis" && a.EntityId == crisis.Id.ToString()).ToListAsync();
        Assert.Contains(audit, a => a.Action == "create" && a.Outcome == "allowed");
        Assert.Equal(6, audit.Count(a => a.Action == "change" && a.Outcome == "allowed"));

        // After the crisis: the team de-escalates the student to tier 3, then a leader closes with sign-off.
        var assignmentId = await db.SupportAssignments.Where(a => a.StudentId == student.Id && a.Status == AssignmentStatus.Active).Select(a => a.Id).SingleAsync();
        var reassess = await counsellor.GetAsync($"/Support/Assignment/{assignmentId}?reassessTier=3");
        var deescalated = await counsellor.SubmitAsync(reassess, new Dictionary<string, string> { ["Reassess.Reason"] = "复学后连续三周情绪稳定，降为三级帮扶" }, "#reassess-form");
        Assert.Empty(deescalated.Errors);
        Assert.Equal("三级帮扶（一对一）", deescalated.TestId("tier"));

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var closing = await leader.GetAsync($"/Support/Assignment/{assignmentId}");
        var closed = await leader.SubmitAsync(closing, new Dictionary<string, string>
        {
            ["Closure.Reason"] = "三级帮扶期间复查均正常",
            ["Closure.Outcome"] = "情绪稳定，学习生活恢复正常",
            ["Closure.SignOff"] = "true",
        }, "#close-form");
        Assert.Empty(closed.Errors);
        Assert.Equal("leader", closed.TestId("signed-off"));

        // The file tells the whole story, newest first: closed, de-escalated, the crisis steps, the tier-1 team, the screening.
        var file = await counsellor.GetAsync($"/Students/{student.Id}");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        var kinds = file.Document.QuerySelectorAll("[data-testid=timeline] li").Select(li => li.GetAttribute("data-kind")!).ToList();
        int At(string kind) => kinds.IndexOf(kind);
        Assert.True(At("support-closed") >= 0 && At("support-closed") < At("support-deescalated"), string.Join(",", kinds));
        Assert.True(At("support-deescalated") < At("crisis-Closed"), string.Join(",", kinds));
        Assert.True(At("crisis-ReturnAssessment") < At("crisis-Referred") && At("crisis-Referred") < At("crisis-Identified"), string.Join(",", kinds));
        Assert.True(At("support-started") > At("crisis-Closed") && kinds.LastIndexOf("screening") > At("support-deescalated"), string.Join(",", kinds));
        Assert.Contains("九江市第五人民医院", file.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_does_not_apply_is_marked_with_its_reason()
    {
        await using var db = factory.CreateDbContext();
        var crisis = await ArrangeOpenEventAsync(db, "不适用测试生");
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var page = await leader.GetAsync($"/Crisis/Event/{crisis.Id}");
        page = await RecordAsync(leader, page, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "评估：中等风险" });

        var noReason = await leader.SubmitAsync(page, new Dictionary<string, string> { ["Skip.Reason"] = "" }, "#not-applicable-form");
        Assert.NotEmpty(noReason.Errors);
        page = await leader.SubmitAsync(page, new Dictionary<string, string> { ["Skip.Reason"] = "学生已满十八周岁，本人同意不告知" }, "#not-applicable-form");

        var step = await db.CrisisSteps.AsNoTracking().SingleAsync(s => s.CrisisEventId == crisis.Id && s.Step == CrisisStep.GuardianInformed);
        Assert.Equal((true, "学生已满十八周岁，本人同意不告知", "leader"), (step.NotApplicable, step.Notes, step.By));
        Assert.NotNull(page.Document.QuerySelector("[data-step=GuardianInformed] [data-testid=not-applicable]"));
        Assert.NotNull(page.Document.QuerySelector("input[name='Input.Hospital']"));
    }

    [Fact]
    public async Task Head_teachers_and_other_schools_get_404_on_crisis_pages_and_the_refusal_is_audited()
    {
        await using var db = factory.CreateDbContext();
        var crisis = await ArrangeOpenEventAsync(db, "隐私测试生");

        using var headteacher = factory.CreatePortalClient();
        await headteacher.SignInAsync("headteacher");
        foreach (var url in new[] { $"/Crisis/Event/{crisis.Id}", "/Crisis", $"/Crisis/Open?studentId={crisis.StudentId}", "/Crisis/Plan" })
        {
            var page = await headteacher.GetAsync(url, follow: false);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("轻生字句", page.Text, StringComparison.Ordinal);
        }

        using var other = factory.CreatePortalClient();
        await other.SignInAsync("counsellor2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Crisis/Event/{crisis.Id}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Crisis/Open?studentId={crisis.StudentId}", follow: false)).Status);
        Assert.Null((await other.GetAsync("/Crisis")).Document.QuerySelector($"[data-event='{crisis.Id}']"));

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/Crisis/Event/{crisis.Id}", follow: false)).Status);

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var allowed = await leader.GetAsync($"/Crisis/Event/{crisis.Id}");
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Contains("轻生字句", allowed.Text, StringComparison.Ordinal);

        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "crisis" && a.EntityId == crisis.Id.ToString()).ToListAsync();
        Assert.Contains(entries, a => a.UserName == "headteacher" && a.Action == "view" && a.Outcome == "denied");
        Assert.Contains(entries, a => a.UserName == "counsellor2" && a.Action == "view" && a.Outcome == "denied");
        Assert.Contains(entries, a => a.UserName == "leader" && a.Action == "view" && a.Outcome == "allowed");
        Assert.DoesNotContain(entries, a => a.UserName is "headteacher" or "counsellor2" && a.Outcome == "allowed");
    }

    [Fact]
    public async Task Two_saves_of_one_event_from_the_same_page_state_the_second_gets_the_conflict_message_and_nothing_of_it_is_saved()
    {
        await using var db = factory.CreateDbContext();
        var crisis = await ArrangeOpenEventAsync(db, "并发测试生");
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var first = await counsellor.GetAsync($"/Crisis/Event/{crisis.Id}");
        var second = await leader.GetAsync($"/Crisis/Event/{crisis.Id}");

        await RecordAsync(counsellor, first, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "心理教师的评估" });
        var refused = await RecordAsync(leader, second, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "校领导同时写的评估" });

        Assert.Contains("这条记录刚被其他人修改过", refused.Text, StringComparison.Ordinal);
        Assert.Equal("校领导同时写的评估", refused.Document.QuerySelector("textarea[name='Input.Notes']")!.TextContent.Trim());
        var steps = await db.CrisisSteps.AsNoTracking().Where(s => s.CrisisEventId == crisis.Id).ToListAsync();
        Assert.Equal(2, steps.Count);
        Assert.Equal("心理教师的评估", steps.Single(s => s.Step == CrisisStep.Assessed).Notes);

        // Also a not-applicable mark over a stale page.
        var stale = await RecordAsync(leader, second, new() { ["Input.On"] = Iso(Today), ["Input.Notes"] = "再试一次" });
        Assert.Contains("这条记录刚被其他人修改过", stale.Text, StringComparison.Ordinal);
        var skip = await leader.SubmitAsync(second, new Dictionary<string, string> { ["Skip.Reason"] = "旧页面上的不适用理由" }, "#not-applicable-form");
        Assert.Contains("这条记录刚被其他人修改过", skip.Text, StringComparison.Ordinal);
        Assert.Equal(2, await db.CrisisSteps.CountAsync(s => s.CrisisEventId == crisis.Id));
    }

    [Fact]
    public async Task A_school_without_a_current_plan_is_listed_for_its_district_and_the_city_until_it_records_one()
    {
        await using var db = factory.CreateDbContext();
        var school = await db.Schools.AsNoTracking().Include(s => s.District).SingleAsync(s => s.Name == School);
        await db.EmergencyPlans.Where(p => p.SchoolId == school.Id).ExecuteDeleteAsync();

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var district = await xunyang.GetAsync("/Rooms/Plans");
        Assert.NotNull(district.Document.QuerySelector($"[data-testid=plans-missing] [data-school='{school.Id}']"));

        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var byDistrict = await city.GetAsync("/Rooms/Plans");
        var row = byDistrict.Document.QuerySelector($"[data-testid=plans-districts] [data-district='{school.DistrictId}']")!;
        Assert.True(int.Parse(row.QuerySelector("[data-testid=district-without]")!.TextContent.Trim(), CultureInfo.InvariantCulture) >= 1);
        Assert.NotNull((await city.GetAsync($"/Rooms/Plans?districtId={school.DistrictId}")).Document.QuerySelector($"[data-school='{school.Id}']"));

        // The school records its plan (reviewed within the year): it leaves the list.
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var form = await leader.GetAsync("/Crisis/Plan");
        var refused = await leader.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Version"] = "2025版", ["Input.ApprovedOn"] = Iso(Today.AddMonths(-3)), ["Input.LastReviewedOn"] = Iso(Today.AddMonths(-4)),
        }, "#plan-form");
        Assert.NotEmpty(refused.Errors);
        Assert.False(await db.EmergencyPlans.AnyAsync(p => p.SchoolId == school.Id));
        await leader.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Version"] = "2025版", ["Input.ApprovedOn"] = Iso(Today.AddMonths(-18)), ["Input.LastReviewedOn"] = Iso(Today.AddMonths(-1)),
        }, "#plan-form");
        var plan = await db.EmergencyPlans.AsNoTracking().SingleAsync(p => p.SchoolId == school.Id);
        Assert.True(plan.IsCurrent(Today));
        Assert.Null((await xunyang.GetAsync("/Rooms/Plans")).Document.QuerySelector($"[data-school='{school.Id}']"));

        // Editing over a stale form is refused.
        var fresh = await leader.GetAsync("/Crisis/Plan");
        await leader.SubmitAsync(fresh, new Dictionary<string, string> { ["Input.LastReviewedOn"] = Iso(Today) }, "#plan-form");
        var stale = await leader.SubmitAsync(fresh, new Dictionary<string, string> { ["Input.Version"] = "2026版" }, "#plan-form");
        Assert.Contains("这条记录刚被其他人修改过", stale.Text, StringComparison.Ordinal);
        var kept = await db.EmergencyPlans.AsNoTracking().SingleAsync(p => p.SchoolId == school.Id);
        Assert.Equal(("2025版", (DateOnly?)Today), (kept.Version, kept.LastReviewedOn));
    }
}
