using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>
/// A guardian asks for a student's data to be deleted: the psychology teacher records the request
/// from the student file, the school leader reads what the deletion would remove, dismisses the
/// browser's confirmation once (nothing happens), then confirms — and the file is gone. Each step is
/// screenshotted and checked with axe-core.
/// </summary>
public sealed class PrivacyRequestJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_deletion_request_is_recorded_by_the_counsellor_and_carried_out_after_the_leader_confirms()
    {
        await portal.StartAsync();
        int studentId;
        string name;
        await using (var db = portal.CreateDbContext())
        {
            var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
            var student = await db.Students.Where(s => s.SchoolId == school
                    && !db.SupportAssignments.Any(a => a.StudentId == s.Id && a.Status == AssignmentStatus.Active)
                    && !db.CrisisEvents.Any(c => c.StudentId == s.Id)
                    && db.ScreeningResults.Any(r => r.StudentId == s.Id))
                .OrderBy(s => s.Id).FirstAsync();
            (studentId, name) = (student.Id, student.Name);
        }

        // 1. The counsellor records the guardian's request from the student file.
        var counsellor = await portal.SignInAsync("counsellor");
        await counsellor.GotoAsync($"/Students/{studentId}");
        await counsellor.GetByRole(AriaRole.Link, new() { Name = "更正/删除申请" }).ClickAsync();
        await Assertions.Expect(counsellor.Locator("h1")).ToHaveTextAsync("登记个人信息更正/删除申请");
        await BrowserPortal.StepAsync(counsellor, "p-01-new");
        await counsellor.GetByLabel("删除个人信息").CheckAsync();
        await counsellor.GetByLabel("申请人").SelectOptionAsync(new SelectOptionValue { Label = "监护人" });
        await counsellor.GetByLabel("申请事由").FillAsync("学生已转学，监护人要求删除心理档案");
        await counsellor.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(counsellor.Locator("[data-testid=state]")).ToHaveTextAsync("待审批");
        await Assertions.Expect(counsellor.GetByRole(AriaRole.Button, new() { Name = "批准并执行" })).ToHaveCountAsync(0);
        await BrowserPortal.StepAsync(counsellor, "p-02-recorded");

        // 2. The leader finds it on the to-do list and reads what would go.
        var leader = await portal.SignInAsync("leader");
        var dialogs = new List<string>();
        var accept = false;
        leader.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        await leader.GotoAsync("/Todo");
        await leader.Locator("[data-testid=data-requests] a").ClickAsync();
        await leader.Locator("[data-testid=pending] a").First.ClickAsync();
        await Assertions.Expect(leader.Locator("[data-testid=extent]")).ToContainTextAsync("此操作不可撤销");
        await BrowserPortal.StepAsync(leader, "p-03-leader");

        // 3. Dismissing the confirmation changes nothing; accepting it carries the deletion out.
        await leader.GetByRole(AriaRole.Button, new() { Name = "批准并执行" }).ClickAsync();
        Assert.Single(dialogs);
        Assert.Contains("永久删除", dialogs[0], StringComparison.Ordinal);
        await Assertions.Expect(leader.Locator("[data-testid=state]")).ToHaveTextAsync("待审批");
        accept = true;
        await leader.GetByRole(AriaRole.Button, new() { Name = "批准并执行" }).ClickAsync();
        await Assertions.Expect(leader.Locator("[data-testid=state]")).ToHaveTextAsync("已批准并执行");
        await Assertions.Expect(leader.Locator("[data-testid=request]")).ToContainTextAsync("（学生信息已删除）");
        await BrowserPortal.StepAsync(leader, "p-04-done");
        Assert.Equal(2, dialogs.Count);

        await using (var db = portal.CreateDbContext())
        {
            Assert.False(await db.Students.AnyAsync(s => s.Id == studentId));
            Assert.Equal(PersonalDataRequestState.Approved, await db.PersonalDataRequests.Where(r => r.StudentId == studentId).Select(r => r.State).SingleAsync());
        }

        var gone = await leader.GotoAsync($"/Students/{studentId}");
        Assert.Equal(404, gone!.Status);
        Assert.DoesNotContain(name, await leader.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
