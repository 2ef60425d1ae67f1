using System.Net;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

public class TodoTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Shuangfeng = "九江市双峰小学";

    private static IEnumerable<int> Attr(PortalClient.Page page, string selector, string attribute) =>
        page.Document.QuerySelectorAll(selector).Select(e => int.Parse(e.GetAttribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Counsellor_sees_overdue_reviews_tier_1_first_and_open_crises_by_step()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        var page = await counsellor.GetAsync("/Todo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var tiers = Attr(page, "[data-testid=overdue] tbody tr", "data-tier").ToList();
        Assert.Contains(1, tiers);
        Assert.Contains(2, tiers);
        Assert.Equal(1, tiers[0]);
        Assert.Equal(tiers.Order().ToList(), tiers);
        Assert.All(Attr(page, "[data-testid=overdue] [data-days]", "data-days"), days => Assert.True(days > 0));
        Assert.NotNull(page.Document.QuerySelector("[data-testid=overdue] a[href^='/Students/']"));

        // The demo's open crises at 双峰小学 stand at different steps, each linked to its event.
        var steps = page.Document.QuerySelectorAll("[data-testid=crises] [data-crisis]").Select(e => e.GetAttribute("data-step")).ToList();
        Assert.Contains(nameof(CrisisStep.Assessed), steps);
        Assert.Contains(nameof(CrisisStep.Referred), steps);
        Assert.Contains(nameof(CrisisStep.HospitalFeedback), steps);
        Assert.DoesNotContain(nameof(CrisisStep.Closed), steps);
        Assert.All(page.Document.QuerySelectorAll("[data-testid=crises] [data-crisis] a"), a => Assert.StartsWith("/Crisis/Event/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.NotNull(page.Document.QuerySelector("[data-testid=suggestions]"));
        Assert.NotNull(page.Document.QuerySelector("[data-testid=queue-link][href='/Screenings/Queue']"));

        await using var db = factory.CreateDbContext();
        var schoolId = await db.Schools.Where(s => s.Name == Shuangfeng).Select(s => s.Id).SingleAsync();
        var open = await db.CrisisEvents.Where(e => e.SchoolId == schoolId && !e.Steps.Any(s => s.Step == CrisisStep.Closed)).Select(e => e.Id).ToListAsync();
        Assert.Equal(open.Order(), page.Document.QuerySelectorAll("[data-testid=crises] [data-crisis]").Select(e => long.Parse(e.GetAttribute("data-crisis")!, System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task An_arranged_overdue_review_shows_its_exact_days_and_a_team_member_who_left_makes_the_team_incomplete()
    {
        await using var db = factory.CreateDbContext();
        var today = ChinaTime.Today(TimeProvider.System);
        var student = await TestData.AddStudentAsync(db, Shuangfeng, "待办逾期生", grade: 4);
        var staff = await db.StaffMembers.Include(m => m.Classes).Where(m => m.SchoolId == student.SchoolId && m.LeftOn == null).ToListAsync();
        var headTeacher = staff.First(m => m.Classes.Any(c => c.ClassId == student.ClassId));
        var leader = staff.First(m => m.IsSchoolLeader);
        var psychologist = new StaffMember(student.SchoolId, new StaffDetails("离校心理老师", Gender.Female, null, false, false, false,
            PsychologyPost.FullTime, true, null, today.AddYears(-3), null, []));
        db.StaffMembers.Add(psychologist);
        await db.SaveChangesAsync();

        // Tier 2 started 20 days ago with no follow-up: due after 14 days, so 6 days overdue.
        var overdue = SupportAssignment.Start(student.Id, student.SchoolId, 2,
            [new TeamSeat(headTeacher.Id, TeamRole.HeadTeacher), new TeamSeat(psychologist.Id, TeamRole.PsychologyTeacher)], today.AddDays(-20), "counsellor", null);
        var second = await TestData.AddStudentAsync(db, Shuangfeng, "待办团队生", grade: 4);
        var tier1 = SupportAssignment.Start(second.Id, second.SchoolId, 1,
            [new TeamSeat(leader.Id, TeamRole.SchoolLeader), new TeamSeat(headTeacher.Id, TeamRole.HeadTeacher), new TeamSeat(psychologist.Id, TeamRole.PsychologyTeacher)],
            today.AddDays(-3), "counsellor", null);
        db.SupportAssignments.AddRange(overdue, tier1);
        await db.SaveChangesAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var before = await counsellor.GetAsync("/Todo");
        var row = before.Document.QuerySelector($"[data-testid=overdue] tr[data-student='{student.Id}']")!;
        Assert.Equal("2", row.GetAttribute("data-tier"));
        Assert.Equal("6", row.QuerySelector("[data-days]")!.GetAttribute("data-days"));
        Assert.Null(before.Document.QuerySelector($"[data-testid=incomplete-teams] tr[data-student='{second.Id}']"));

        // The psychology teacher leaves the school: the tier-1 team no longer fills its tier.
        psychologist.Change(new StaffDetails(psychologist.Name, psychologist.Gender, null, false, false, false, PsychologyPost.FullTime, true, null,
            psychologist.JoinedOn, today, []));
        await db.SaveChangesAsync();

        var after = await counsellor.GetAsync("/Todo");
        var incomplete = after.Document.QuerySelector($"[data-testid=incomplete-teams] tr[data-student='{second.Id}']");
        Assert.NotNull(incomplete);
        Assert.Contains("待办团队生", incomplete.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(incomplete.QuerySelector("[data-testid=problem]")!.TextContent));
        // Only tier 1 is listed there: the tier-2 team with the same member is not.
        Assert.Null(after.Document.QuerySelector($"[data-testid=incomplete-teams] tr[data-student='{student.Id}']"));
    }

    [Fact]
    public async Task Head_teacher_sees_only_the_students_of_their_class_and_no_crisis_at_all()
    {
        await using var db = factory.CreateDbContext();
        var year = SchoolYear.Containing(ChinaTime.Today(TimeProvider.System));
        var classId = await db.SchoolClasses
            .Where(c => c.School!.Name == Shuangfeng && c.Section == SchoolSection.Primary && c.EntryYear == year.StartYear - 2 && c.Number == 1)
            .Select(c => c.Id).SingleAsync();
        var classStudents = await db.Students.Where(s => s.ClassId == classId).Select(s => s.Id).ToListAsync();
        var schoolId = await db.Schools.Where(s => s.Name == Shuangfeng).Select(s => s.Id).SingleAsync();
        var notes = await db.CrisisSteps.Join(db.CrisisEvents, s => s.CrisisEventId, e => e.Id, (s, e) => new { s.Notes, e.SchoolId })
            .Where(x => x.SchoolId == schoolId && x.Notes != "").Select(x => x.Notes).Distinct().ToListAsync();
        Assert.NotEmpty(notes);

        using var headTeacher = factory.CreatePortalClient();
        await headTeacher.SignInAsync("headteacher");
        var page = await headTeacher.GetAsync("/Todo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var listed = Attr(page, "[data-student]", "data-student").ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, id => Assert.Contains(id, classStudents));
        Assert.NotEmpty(Attr(page, "[data-testid=suggestions] [data-student]", "data-student"));
        // The class's crisis student is on tier 1 and overdue: the head teacher sees the review, never the crisis.
        Assert.Contains("1", page.Document.QuerySelectorAll("[data-testid=overdue] tbody tr").Select(r => r.GetAttribute("data-tier")));
        Assert.Null(page.Document.QuerySelector("[data-testid=crises]"));
        Assert.Null(page.Document.QuerySelector("#crises"));
        Assert.Null(page.Document.QuerySelector("[data-crisis]"));
        Assert.Null(page.Document.QuerySelector("a[href*='/Crisis']:not(.dropdown-item)"));
        Assert.Null(page.Document.QuerySelector("[data-testid=incomplete-teams]"));
        Assert.Null(page.Document.QuerySelector("[data-testid=queue-link]"));
        Assert.All(notes, note => Assert.DoesNotContain(note, page.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Counsellor_of_another_school_sees_only_that_schools_items()
    {
        await using var db = factory.CreateDbContext();
        var schoolId = await db.Schools.Where(s => s.Name == "九江一中").Select(s => s.Id).SingleAsync();
        var students = (await db.Students.Where(s => s.SchoolId == schoolId).Select(s => s.Id).ToListAsync()).ToHashSet();
        var events = (await db.CrisisEvents.Where(e => e.SchoolId == schoolId).Select(e => e.Id).ToListAsync()).ToHashSet();

        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");
        var page = await counsellor2.GetAsync("/Todo");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var listed = Attr(page, "[data-student]", "data-student").ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, id => Assert.Contains(id, students));
        Assert.All(page.Document.QuerySelectorAll("[data-crisis]"), e => Assert.Contains(long.Parse(e.GetAttribute("data-crisis")!, System.Globalization.CultureInfo.InvariantCulture), events));
        Assert.DoesNotContain("待办逾期生", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("city")]
    [InlineData("xunyang")]
    [InlineData("centre")]
    public async Task Users_without_student_records_get_404(string user)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var page = await client.GetAsync("/Todo", follow: false);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
