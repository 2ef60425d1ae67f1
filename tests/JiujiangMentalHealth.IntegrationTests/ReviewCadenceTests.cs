using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>Its own database: it changes the city-wide review cadence.</summary>
public class ReviewCadenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_admin_shortens_the_tier_3_cadence_and_a_review_becomes_overdue_at_once()
    {
        await using var db = factory.CreateDbContext();
        var student = await TestData.AddStudentAsync(db, "九江市双峰小学", "周期测试生");
        var headTeacher = await db.StaffMembers.Where(m => m.SchoolId == student.SchoolId && m.LeftOn == null && m.Classes.Any(c => c.ClassId == student.ClassId))
            .Select(m => m.Id).FirstAsync();
        var today = ChinaTime.Today(TimeProvider.System);
        var assignment = SupportAssignment.Start(student.Id, student.SchoolId, 3, [new TeamSeat(headTeacher, TeamRole.HeadTeacher)], today.AddDays(-12), "counsellor", null);
        db.SupportAssignments.Add(assignment);
        await db.SaveChangesAsync();

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        Assert.Null((await counsellor.GetAsync("/Support")).Document.QuerySelector($"[data-assignment='{assignment.Id}'] [data-testid=overdue]"));

        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var form = await admin.GetAsync("/Admin/ReviewCadence");
        Assert.Equal("30", form.Document.QuerySelector("#Input_Tier3Days")!.GetAttribute("value"));
        var refused = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.Tier1Days"] = "20", ["Input.Tier2Days"] = "14", ["Input.Tier3Days"] = "10" });
        Assert.Contains(refused.Errors, e => e.Contains("一级帮扶的复查周期不能长于二级", StringComparison.Ordinal));

        var saved = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.Tier1Days"] = "5", ["Input.Tier2Days"] = "7", ["Input.Tier3Days"] = "10" });
        Assert.Contains("已保存复查周期：一级5天，二级7天，三级10天", saved.Text, StringComparison.Ordinal);

        Assert.NotNull((await counsellor.GetAsync("/Support")).Document.QuerySelector($"[data-assignment='{assignment.Id}'] [data-testid=overdue]"));
    }

    [Theory]
    [InlineData(0, 14, 30, "Cadence_OutOfRange")]
    [InlineData(7, 181, 200, "Cadence_OutOfRange")]
    [InlineData(15, 14, 30, "Cadence_TierOrder")]
    [InlineData(7, 31, 30, "Cadence_TierOrder")]
    public void Implausible_cadences_are_refused(int tier1, int tier2, int tier3, string code) =>
        Assert.Equal(code, Assert.Throws<Domain.Common.DomainRuleException>(() => ReviewCadence.Create(tier1, tier2, tier3)).Code);
}
