using System.Net;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// Privacy rights (PIPL arts. 46–47, Minors Protection Law art. 72): a guardian's correction or
/// deletion request is recorded, approved by a school leader, carried out and audited; a deletion
/// leaves the figures of reports already filed as they were.
/// </summary>
public class PrivacyRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string School = "九江市双峰小学";
    private const string Approve = "button[formaction*='handler=Approve']";
    private const string Reject = "button[formaction*='handler=Reject']";

    private static async Task<(long Id, PortalClient.Page Page)> FileAsync(PortalClient client, int studentId, string kind, Dictionary<string, string>? corrections = null)
    {
        var form = await client.GetAsync($"/Students/Requests/New?studentId={studentId}");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = kind, ["Input.Requester"] = "Guardian", ["Input.Reason"] = "监护人来校提出申请",
        };
        foreach (var (key, value) in corrections ?? [])
        {
            fields[key] = value;
        }

        var page = await client.SubmitAsync(form, fields);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Matches(@"/Students/Requests/\d+$", page.Url);
        return (long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture), page);
    }

    private async Task<List<string>> AuditAsync(string entity, string id)
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditEntries.Where(a => a.Entity == entity && a.EntityId == id)
            .OrderBy(a => a.Id).Select(a => a.Action + ":" + a.Outcome + ":" + a.UserName).ToListAsync();
    }

    [Fact]
    public async Task A_correction_recorded_by_a_counsellor_changes_nothing_until_a_school_leader_approves_it_and_is_audited()
    {
        Student student;
        await using (var db = factory.CreateDbContext())
        {
            student = await TestData.AddStudentAsync(db, School, "更正前");
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var (id, page) = await FileAsync(counsellor, student.Id, "Correction",
            new() { ["Input.Name"] = "更正后", ["Input.GuardianPhone"] = "13912345678" });
        Assert.Equal("待审批", page.TestId("state"));
        Assert.Contains("更正后", page.TestId("corrections"), StringComparison.Ordinal);
        // The psychology teacher records; only a school leader decides.
        Assert.Null(page.Document.QuerySelector(Approve));

        // A forged approval from the counsellor is refused and changes nothing.
        var forged = await counsellor.Http.PostAsync($"/Students/Requests/{id}?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal("更正前", await db.Students.Where(s => s.Id == student.Id).Select(s => s.Name).SingleAsync());
            Assert.Equal(PersonalDataRequestState.Pending, await db.PersonalDataRequests.Where(r => r.Id == id).Select(r => r.State).SingleAsync());
        }

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        Assert.Contains("等待您审批", (await leader.GetAsync("/Todo")).TestId("data-requests"), StringComparison.Ordinal);
        var list = await leader.GetAsync("/Students");
        Assert.Contains("个人信息更正/删除申请", list.TestId("data-requests"), StringComparison.Ordinal);
        var pending = await leader.GetAsync("/Students/Requests");
        Assert.Contains("更正前", pending.TestId("pending"), StringComparison.Ordinal);

        var request = await leader.GetAsync($"/Students/Requests/{id}");
        var approved = await leader.SubmitAsync(request, new Dictionary<string, string>(), submitSelector: Approve);
        Assert.Equal("已批准并执行", approved.TestId("state"));
        Assert.Contains("学生信息已更正", approved.Text, StringComparison.Ordinal);
        await using (var db = factory.CreateDbContext())
        {
            var corrected = await db.Students.AsNoTracking().SingleAsync(s => s.Id == student.Id);
            Assert.Equal(("更正后", "13912345678", student.StudentNumber), (corrected.Name, corrected.GuardianPhone, corrected.StudentNumber));
        }

        Assert.Equal(["create:allowed:counsellor", "view:allowed:counsellor", "approve:denied:counsellor", "view:allowed:leader", "approve:allowed:leader", "view:allowed:leader"],
            await AuditAsync("data-request", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var studentEntries = await AuditAsync("student", student.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The form and the request page show the file's data: both are views of it, in the file's 查阅记录.
        Assert.Contains("view:allowed:counsellor", studentEntries);
        Assert.Contains("view:allowed:leader", studentEntries);
        Assert.Contains("correct:allowed:leader", studentEntries);

        // Decided once: the buttons are gone, and a second approval is refused in Chinese.
        var again = await leader.GetAsync($"/Students/Requests/{id}");
        Assert.Null(again.Document.QuerySelector(Approve));
        var second = await leader.SubmitAsync(request, new Dictionary<string, string>(), submitSelector: Approve);
        Assert.Contains("该申请已处理", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deletion_removes_the_file_and_every_record_of_the_student_while_reports_already_filed_keep_their_figures()
    {
        // The school files its report for the last period, with its screenings counted, and the district approves it.
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var report = await counsellor.GetAsync("/Reports/Report");
        var screened = report.TestId("prefilled-StudentsScreened");
        Assert.Equal("已提交待审核", (await counsellor.SubmitAsync(report, new Dictionary<string, string>(), "[data-testid=report-form]", "[data-testid=submit-report]")).TestId("report-state"));
        using (var xunyang = factory.CreatePortalClient())
        {
            await xunyang.SignInAsync("xunyang");
            var list = await xunyang.GetAsync("/Reports?pending=true");
            var link = list.Document.QuerySelectorAll("[data-testid=school-reports] tr[data-school]")
                .Single(row => row.TextContent.Contains(School, StringComparison.Ordinal)).QuerySelector("a[href*='schoolId=']")!.GetAttribute("href")!;
            var review = await xunyang.GetAsync(link);
            Assert.Equal("已审核", (await xunyang.SubmitAsync(review, new Dictionary<string, string>(), "[data-testid=approve-form]")).TestId("report-state"));
        }

        int studentId;
        int schoolId;
        List<(int Id, ReportState State, ReportFigures Reported)> reportsBefore;
        await using (var db = factory.CreateDbContext())
        {
            schoolId = await db.Schools.Where(s => s.Name == School).Select(s => s.Id).SingleAsync();
            var filed = await db.BimonthlyReports.AsNoTracking().Where(r => r.SchoolId == schoolId && r.State == ReportState.Approved)
                .OrderByDescending(r => r.PeriodStart).FirstAsync();
            Assert.True(filed.Reported.StudentsScreened > 0);
            var (from, to) = (filed.PeriodStart, filed.PeriodStart.AddMonths(2));
            // A student counted in that report, with no open support or crisis: a file worth deleting.
            var student = await db.Students.Where(s => s.SchoolId == schoolId
                    && db.ScreeningResults.Any(r => r.StudentId == s.Id && r.TakenOn >= from && r.TakenOn < to)
                    && !db.SupportAssignments.Any(a => a.StudentId == s.Id && a.Status == AssignmentStatus.Active)
                    && !db.CrisisEvents.Any(c => c.StudentId == s.Id))
                .OrderBy(s => s.Id).FirstAsync();
            studentId = student.Id;
            // A talk too, so that more than one kind of record goes.
            db.Talks.Add(new Talk(student.Id, student.SchoolId, TalkKind.HeadTeacherTalk, ChinaTime.Today(TimeProvider.System), "钟老师", null, "谈话要点", false,
                "counsellor", DateTimeOffset.UtcNow, ChinaTime.Today(TimeProvider.System)));
            await db.SaveChangesAsync();
            reportsBefore = (await db.BimonthlyReports.AsNoTracking().Where(r => r.SchoolId == schoolId).OrderBy(r => r.Id).ToListAsync())
                .Select(r => (r.Id, r.State, r.Reported)).ToList();
        }

        // A correction asked earlier for the same student, still waiting, with values of its own.
        var (earlier, _) = await FileAsync(counsellor, studentId, "Correction", new() { ["Input.GuardianName"] = "待删监护人" });
        var (id, _) = await FileAsync(counsellor, studentId, "Deletion");

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var request = await leader.GetAsync($"/Students/Requests/{id}");
        await using (var db = factory.CreateDbContext())
        {
            var screenings = await db.ScreeningResults.CountAsync(r => r.StudentId == studentId);
            Assert.Contains($"测评结果 {screenings} 条", request.TestId("extent"), StringComparison.Ordinal);
        }

        var approved = await leader.SubmitAsync(request, new Dictionary<string, string> { ["Decision.Note"] = "已核实监护人身份" }, submitSelector: Approve);
        Assert.Equal("已批准并执行", approved.TestId("state"));
        Assert.Contains("（学生信息已删除）", approved.TestId("request"), StringComparison.Ordinal);

        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.Students.AnyAsync(s => s.Id == studentId));
            Assert.Equal(0, await db.ScreeningResults.CountAsync(r => r.StudentId == studentId)
                + await db.Talks.CountAsync(t => t.StudentId == studentId)
                + await db.SupportAssignments.CountAsync(a => a.StudentId == studentId)
                + await db.CrisisEvents.CountAsync(c => c.StudentId == studentId));
            var reportsAfter = (await db.BimonthlyReports.AsNoTracking().Where(r => r.SchoolId == schoolId).OrderBy(r => r.Id).ToListAsync())
                .Select(r => (r.Id, r.State, r.Reported)).ToList();
            Assert.Equal(reportsBefore, reportsAfter);

            // Nothing of the student is left in the requests either: the waiting correction lapsed and forgot its values.
            var lapsed = await db.PersonalDataRequests.AsNoTracking().SingleAsync(r => r.Id == earlier);
            Assert.Equal((PersonalDataRequestState.Lapsed, (PersonalDataCorrection?)null), (lapsed.State, lapsed.Correction));
            Assert.False(await db.PersonalDataRequests.AnyAsync(r => r.StudentId == studentId && r.Correction != null));
        }

        Assert.Null((await leader.GetAsync("/Todo")).TestId("data-requests"));

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/Students/{studentId}")).Status);
        Assert.Contains("erase:allowed:leader", await AuditAsync("student", studentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The approved report still shows the count it was filed with.
        Assert.Equal(screened, (await counsellor.GetAsync("/Reports/Report")).TestId("reported-StudentsScreened"));
        var decided = await leader.GetAsync("/Students/Requests");
        Assert.Contains("（学生信息已删除）", decided.TestId("decided"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deletion_waits_while_the_students_support_is_active()
    {
        int studentId;
        await using (var db = factory.CreateDbContext())
        {
            var school = await db.Schools.Where(s => s.Name == School).Select(s => s.Id).SingleAsync();
            studentId = await db.SupportAssignments.Where(a => a.Status == AssignmentStatus.Active && a.SchoolId == school)
                .OrderBy(a => a.Id).Select(a => a.StudentId).FirstAsync();
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var (id, _) = await FileAsync(counsellor, studentId, "Deletion");
        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var request = await leader.GetAsync($"/Students/Requests/{id}");
        var refused = await leader.SubmitAsync(request, new Dictionary<string, string>(), submitSelector: Approve);
        Assert.Contains("须先结案，才能批准删除", string.Join(" ", refused.Errors), StringComparison.Ordinal);
        Assert.Equal("待审批", refused.TestId("state"));
        await using (var db = factory.CreateDbContext())
        {
            Assert.True(await db.Students.AnyAsync(s => s.Id == studentId));
        }
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_nobody_outside_the_school_leadership_and_psychology_teachers_sees_a_request()
    {
        Student student;
        await using (var db = factory.CreateDbContext())
        {
            student = await TestData.AddStudentAsync(db, School, "驳回测试");
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        // A correction that corrects nothing is refused beside the corrections, in Chinese; emptying a field is not a correction.
        var form = await counsellor.GetAsync($"/Students/Requests/New?studentId={student.Id}");
        var empty = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Correction", ["Input.Requester"] = "Guardian", ["Input.Reason"] = "无",
        });
        Assert.Contains("更正申请至少要改动一项信息", empty.Document.QuerySelector("[data-valmsg-for=Corrections]")?.TextContent, StringComparison.Ordinal);
        var emptied = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Correction", ["Input.Requester"] = "Guardian", ["Input.Reason"] = "无", ["Input.GuardianPhone"] = "",
        });
        Assert.Contains("更正不能清空此项", emptied.Document.QuerySelector("[data-valmsg-for='Input.GuardianPhone']")?.TextContent, StringComparison.Ordinal);
        var (id, _) = await FileAsync(counsellor, student.Id, "Deletion");

        foreach (var outsider in new[] { "headteacher", "counsellor2", "city", "xunyang", "admin", "centre" })
        {
            using var client = factory.CreatePortalClient();
            await client.SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Students/Requests/{id}")).Status);
            var list = await client.GetAsync("/Students/Requests");
            if (outsider == "counsellor2")
            {
                // Another school's psychology teacher has a list of its own, without this school's requests.
                Assert.Equal(HttpStatusCode.OK, list.Status);
                Assert.DoesNotContain("驳回测试", list.Text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, list.Status);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Students/Requests/New?studentId={student.Id}")).Status);
        }

        Assert.Contains("view:denied:counsellor2", await AuditAsync("data-request", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var leader = factory.CreatePortalClient();
        await leader.SignInAsync("leader");
        var request = await leader.GetAsync($"/Students/Requests/{id}");
        var noReason = await leader.SubmitAsync(request, new Dictionary<string, string> { ["Decision.Note"] = "" }, submitSelector: Reject);
        Assert.Contains("驳回时请填写理由", string.Join(" ", noReason.Errors), StringComparison.Ordinal);
        Assert.Equal("待审批", noReason.TestId("state"));
        var rejected = await leader.SubmitAsync(request, new Dictionary<string, string> { ["Decision.Note"] = "无法核实申请人身份" }, submitSelector: Reject);
        Assert.Equal("已驳回", rejected.TestId("state"));
        await using (var db = factory.CreateDbContext())
        {
            Assert.True(await db.Students.AnyAsync(s => s.Id == student.Id));
        }
    }
}
