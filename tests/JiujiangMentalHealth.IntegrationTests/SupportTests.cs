using System.Net;
using AngleSharp.Html.Dom;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class SupportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string School = "九江市双峰小学";

    /// <summary>Demo staff of the school filling each role for the class: the head teacher is the one linked to the "headteacher" account.</summary>
    private static async Task<(int Leader, int HeadTeacher, int Psychology)> StaffForAsync(AppDbContext db, int classId)
    {
        var schoolId = await db.SchoolClasses.Where(c => c.Id == classId).Select(c => c.SchoolId).SingleAsync();
        var staff = db.StaffMembers.Where(m => m.SchoolId == schoolId && m.LeftOn == null);
        var account = await db.Users.Where(u => u.UserName == "headteacher").Select(u => u.Id).SingleAsync();
        var head = await staff.Where(m => m.UserId == account && m.Classes.Any(c => c.ClassId == classId)).Select(m => m.Id).SingleAsync();
        var psychology = await staff.Where(m => m.PsychologyPost != PsychologyPost.None && m.Id != head).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var leader = await staff.Where(m => m.IsSchoolLeader && m.Id != head && m.Id != psychology).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        return (leader, head, psychology);
    }

    private static string S(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts an assignment through the form with the given seats; returns the assignment page.</summary>
    private static async Task<PortalClient.Page> StartAsync(PortalClient client, int studentId, int tier, Dictionary<string, string> seats)
    {
        var form = await client.GetAsync($"/Support/Form?studentId={studentId}&tier={tier}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        return await client.SubmitAsync(form, seats, "#start-form");
    }

    [Fact]
    public async Task A_counsellor_starts_a_tier_2_team_for_a_student_and_it_is_listed()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "二级帮扶生");
        var staff = await StaffForAsync(db, student.ClassId);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var form = await counsellor.GetAsync($"/Support/Form?studentId={student.Id}&tier=2");
        Assert.Equal("二级帮扶（二包一）", form.TestId("tier"));
        // One select per required role, proposed from the staff registry.
        var headSelect = (IHtmlSelectElement)form.Document.QuerySelector("[data-testid=seat-HeadTeacher]")!;
        var psychologySelect = (IHtmlSelectElement)form.Document.QuerySelector("[data-testid=seat-PsychologyTeacher]")!;
        Assert.Null(form.Document.QuerySelector("[data-testid=seat-SchoolLeader]"));
        Assert.NotEqual("", headSelect.Value);
        Assert.NotEqual("", psychologySelect.Value);

        var page = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher), ["Input.Seats.PsychologyTeacher"] = S(staff.Psychology), ["Input.Reason"] = "测评确认为二级",
        }, "#start-form");

        var assignment = await db.SupportAssignments.AsNoTracking().Include(a => a.Members).Include(a => a.Changes).SingleAsync(a => a.StudentId == student.Id);
        Assert.Equal($"/Support/Assignment/{assignment.Id}", page.Url);
        Assert.Equal((2, AssignmentStatus.Active), (assignment.Tier, assignment.Status));
        Assert.Equal([(staff.HeadTeacher, TeamRole.HeadTeacher), (staff.Psychology, TeamRole.PsychologyTeacher)],
            assignment.Members.OrderBy(m => m.Role).Select(m => (m.StaffMemberId, m.Role)));
        Assert.Equal("started", Assert.Single(assignment.Changes).Kind);
        Assert.Equal("二级帮扶（二包一）", page.TestId("tier"));
        var headName = await db.StaffMembers.Where(m => m.Id == staff.HeadTeacher).Select(m => m.Name).SingleAsync();
        Assert.Contains(headName, page.TestId("team")!, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Entity == "support" && e.EntityId == S((int)assignment.Id) && e.Action == "create"));

        var list = await counsellor.GetAsync("/Support?tier=2");
        var row = list.Document.QuerySelector($"[data-assignment='{assignment.Id}']");
        Assert.NotNull(row);
        Assert.Contains("二级帮扶生", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(headName, row.TextContent, StringComparison.Ordinal);

        // A second start for the same student goes to reassessing the active assignment.
        var again = await counsellor.GetAsync($"/Support/Form?studentId={student.Id}&tier=1");
        Assert.StartsWith($"/Support/Assignment/{assignment.Id}?reassessTier=1", again.Url, StringComparison.Ordinal);
        Assert.Equal("一级帮扶（三包一）", again.TestId("reassess-tier"));
    }

    [Fact]
    public async Task A_team_without_the_psychology_teacher_is_refused_naming_the_role()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "缺员测试生");
        var staff = await StaffForAsync(db, student.ClassId);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var refused = await StartAsync(counsellor, student.Id, 2, new Dictionary<string, string>
        {
            ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher), ["Input.Seats.PsychologyTeacher"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.Contains("缺少心理健康教师", StringComparison.Ordinal));
        Assert.False(await db.SupportAssignments.AnyAsync(a => a.StudentId == student.Id));

        // Tier 1 with the same person twice, and a person in a role they do not hold, are refused too.
        var twice = await StartAsync(counsellor, student.Id, 1, new Dictionary<string, string>
        {
            ["Input.Seats.SchoolLeader"] = S(staff.Leader), ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher), ["Input.Seats.PsychologyTeacher"] = S(staff.HeadTeacher),
        });
        Assert.NotEmpty(twice.Errors);
        Assert.False(await db.SupportAssignments.AnyAsync(a => a.StudentId == student.Id));
    }

    [Fact]
    public async Task Two_concurrent_saves_of_one_assignment_the_second_gets_the_conflict_message()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "并发测试生");
        var staff = await StaffForAsync(db, student.ClassId);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        await StartAsync(counsellor, student.Id, 2, new Dictionary<string, string>
        {
            ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher), ["Input.Seats.PsychologyTeacher"] = S(staff.Psychology),
        });
        var id = await db.SupportAssignments.Where(a => a.StudentId == student.Id).Select(a => a.Id).SingleAsync();

        // Both open the assignment; the counsellor escalates it, then the leader, on the page opened before, closes it.
        var counsellorPage = await counsellor.GetAsync($"/Support/Assignment/{id}?reassessTier=1");
        var leaderPage = await leader.GetAsync($"/Support/Assignment/{id}");
        var escalated = await counsellor.SubmitAsync(counsellorPage, new Dictionary<string, string>
        {
            ["Reassess.Seats.SchoolLeader"] = S(staff.Leader), ["Reassess.Seats.HeadTeacher"] = S(staff.HeadTeacher),
            ["Reassess.Seats.PsychologyTeacher"] = S(staff.Psychology), ["Reassess.Reason"] = "班主任反映有自伤言语，升级",
        }, "#reassess-form");
        Assert.Empty(escalated.Errors);
        Assert.Equal("一级帮扶（三包一）", escalated.TestId("tier"));

        var second = await leader.SubmitAsync(leaderPage, new Dictionary<string, string>
        {
            ["Closure.Reason"] = "连续两次复查正常", ["Closure.Outcome"] = "恢复正常",
        }, "#close-form");
        Assert.Contains(second.Errors, e => e.Contains("这条记录刚被其他人修改过", StringComparison.Ordinal));
        Assert.Equal("连续两次复查正常", ((IHtmlTextAreaElement)second.Document.QuerySelector("#close-form textarea[name='Closure.Reason']")!).Value);

        var saved = await db.SupportAssignments.AsNoTracking().Include(a => a.Changes).SingleAsync(a => a.Id == id);
        Assert.Equal((AssignmentStatus.Active, 1), (saved.Status, saved.Tier));
        Assert.Equal(["started", "escalated"], saved.Changes.OrderBy(c => c.Id).Select(c => c.Kind));
    }

    [Fact]
    public async Task The_head_teacher_sees_and_follows_up_their_students_assignment_but_cannot_close_it()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "班主任帮扶生");
        var staff = await StaffForAsync(db, student.ClassId);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await StartAsync(counsellor, student.Id, 3, new Dictionary<string, string> { ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher) });
        var id = await db.SupportAssignments.Where(a => a.StudentId == student.Id).Select(a => a.Id).SingleAsync();

        using var headTeacher = factory.CreatePortalClient();
        await headTeacher.SignInAsync("headteacher");
        var list = await headTeacher.GetAsync("/Support");
        Assert.NotNull(list.Document.QuerySelector($"[data-assignment='{id}']"));
        var page = await headTeacher.GetAsync($"/Support/Assignment/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("#close-form"));
        Assert.Null(page.Document.QuerySelector("#reassess-form"));

        // A team member logs a follow-up.
        var logged = await headTeacher.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Log.Kind"] = "HeadTeacherTalk", ["Log.Summary"] = "课间谈心，情绪平稳", ["Log.NextStep"] = "两周后再谈",
        }, "#followup-form");
        Assert.Empty(logged.Errors);
        Assert.Contains("课间谈心，情绪平稳", logged.TestId("followups")!, StringComparison.Ordinal);

        // Closing by hand-made request is refused and nothing changes.
        var token = logged.Document.QuerySelector("#followup-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var rowVersion = logged.Document.QuerySelector("#followup-form input[name=RowVersion]")!.GetAttribute("value")!;
        var response = await headTeacher.Http.PostAsync($"/Support/Assignment/{id}?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["RowVersion"] = rowVersion, ["Closure.Reason"] = "班主任自行结案", ["Closure.Outcome"] = "结束",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(AssignmentStatus.Active, await db.SupportAssignments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

        // Nor may a head teacher start or reassess a team.
        Assert.Equal(HttpStatusCode.NotFound, (await headTeacher.GetAsync($"/Support/Form?studentId={student.Id}")).Status);
    }

    [Fact]
    public async Task A_counsellor_of_another_school_gets_not_found_and_the_attempt_is_audited()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "外校不可见生");
        var staff = await StaffForAsync(db, student.ClassId);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await StartAsync(counsellor, student.Id, 3, new Dictionary<string, string> { ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher) });
        var id = await db.SupportAssignments.Where(a => a.StudentId == student.Id).Select(a => a.Id).SingleAsync();

        using var other = factory.CreatePortalClient();
        await other.SignInAsync("counsellor2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Support/Assignment/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Support/Form?studentId={student.Id}&tier=3")).Status);
        Assert.Null((await other.GetAsync("/Support")).Document.QuerySelector($"[data-assignment='{id}']"));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Entity == "support" && e.EntityId == S((int)id) && e.Outcome == "denied" && e.UserName == "counsellor2"));
    }

    [Fact]
    public async Task A_tier_1_closure_needs_a_school_leaders_sign_off()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, School, "一级结案生");
        var staff = await StaffForAsync(db, student.ClassId);
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        await StartAsync(counsellor, student.Id, 1, new Dictionary<string, string>
        {
            ["Input.Seats.SchoolLeader"] = S(staff.Leader), ["Input.Seats.HeadTeacher"] = S(staff.HeadTeacher), ["Input.Seats.PsychologyTeacher"] = S(staff.Psychology),
        });
        var id = await db.SupportAssignments.Where(a => a.StudentId == student.Id).Select(a => a.Id).SingleAsync();

        var counsellorPage = await counsellor.GetAsync($"/Support/Assignment/{id}");
        Assert.Null(counsellorPage.Document.QuerySelector("#close-form"));
        Assert.NotNull(counsellorPage.TestId("leader-must-close"));

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var page = await leader.GetAsync($"/Support/Assignment/{id}");
        var unsigned = await leader.SubmitAsync(page, new Dictionary<string, string> { ["Closure.Reason"] = "危机解除，复学评估通过", ["Closure.Outcome"] = "恢复正常" }, "#close-form");
        Assert.Contains(unsigned.Errors, e => e.Contains("校级领导签字", StringComparison.Ordinal));
        Assert.Equal(AssignmentStatus.Active, await db.SupportAssignments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

        var closed = await leader.SubmitAsync(unsigned, new Dictionary<string, string>
        {
            ["Closure.Reason"] = "危机解除，复学评估通过", ["Closure.Outcome"] = "恢复正常", ["Closure.SignOff"] = "true",
        }, "#close-form");
        Assert.Equal("leader", closed.TestId("signed-off"));
        var saved = await db.SupportAssignments.AsNoTracking().Include(a => a.Changes).SingleAsync(a => a.Id == id);
        Assert.Equal((AssignmentStatus.Closed, "leader"), (saved.Status, saved.SignedOffBy));
        Assert.Equal(["started", "closed"], saved.Changes.OrderBy(c => c.Id).Select(c => c.Kind));

        var closedList = await leader.GetAsync("/Support?closed=true");
        Assert.NotNull(closedList.Document.QuerySelector($"[data-assignment='{id}']"));
        Assert.Null((await leader.GetAsync("/Support")).Document.QuerySelector($"[data-assignment='{id}']"));
    }
}

/// <summary>QUALITY: "head teachers see only their classes' students and those whose team they are on".</summary>
public class HeadTeacherTeamVisibilityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_head_teacher_opens_the_file_of_a_student_of_another_class_only_while_sitting_on_that_students_team()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "他班帮扶生", grade: 5, classNumber: 2);
        var account = await db.Users.Where(u => u.UserName == "headteacher").Select(u => u.Id).SingleAsync();
        var mine = await db.StaffMembers.Where(m => m.UserId == account).Select(m => m.Id).SingleAsync();
        Assert.False(await db.StaffClasses.AnyAsync(c => c.StaffMemberId == mine && c.ClassId == student.ClassId));

        using var headTeacher = factory.CreatePortalClient();
        await headTeacher.SignInAsync("headteacher");
        Assert.Equal(HttpStatusCode.NotFound, (await headTeacher.GetAsync($"/Students/{student.Id}")).Status);

        // 一对一 with the head teacher as the key teacher: now on the team, so the file opens.
        var assignment = SupportAssignment.Start(student.Id, student.SchoolId, 3, [new TeamSeat(mine, TeamRole.KeyTeacher)],
            ChinaTime.Today(TimeProvider.System), "counsellor", null);
        db.SupportAssignments.Add(assignment);
        await db.SaveChangesAsync();
        var file = await headTeacher.GetAsync($"/Students/{student.Id}");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Contains("他班帮扶生", file.Text, StringComparison.Ordinal);
        // Reading is not changing: the profile of another class's student stays with that class's staff.
        Assert.Null(file.Document.QuerySelector($"a[href='/Students/Edit?id={student.Id}']"));
        var edit = await headTeacher.GetAsync($"/Students/Edit?id={student.Id}");
        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        var ownClassStudent = await db.Students.Where(s => s.SchoolId == student.SchoolId && db.UserClasses.Any(c => c.UserId == account && c.ClassId == s.ClassId))
            .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var ownEdit = await headTeacher.GetAsync($"/Students/Edit?id={ownClassStudent}");
        Assert.Equal(HttpStatusCode.OK, ownEdit.Status);
        var moved = await headTeacher.Http.PostAsync($"/Students/Edit?id={student.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ownEdit.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.ClassId"] = ownEdit.Document.QuerySelector("#Input_ClassId option[selected]")?.GetAttribute("value") ?? "",
        }));
        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode);
        Assert.Equal(student.ClassId, await db.Students.Where(s => s.Id == student.Id).Select(s => s.ClassId).SingleAsync());

        // Once the support ends, so does the access.
        await db.SupportAssignments.Where(a => a.Id == assignment.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, AssignmentStatus.Closed));
        Assert.Equal(HttpStatusCode.NotFound, (await headTeacher.GetAsync($"/Students/{student.Id}")).Status);
        // Another class's student with no team stays out of reach all along.
        var other = await TestData.AddStudentAsync(db, "九江市双峰小学", "他班无关生", grade: 5, classNumber: 2);
        Assert.Equal(HttpStatusCode.NotFound, (await headTeacher.GetAsync($"/Students/{other.Id}")).Status);
    }
}
