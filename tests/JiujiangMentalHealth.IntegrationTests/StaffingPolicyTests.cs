using System.Globalization;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>Its own database: it adds a policy version that changes the figures of later dates.</summary>
public class StaffingPolicyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static int Number(string? text) => int.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ratio_600_from_next_term_changes_the_figures_from_then_on_and_leaves_earlier_dates_as_they_were()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var form = await admin.GetAsync("/Admin/StaffingPolicy");
        var nextTerm = DateOnly.Parse(form.Document.QuerySelector("#Input_EffectiveFrom")!.GetAttribute("value")!, CultureInfo.InvariantCulture);
        var dayBefore = nextTerm.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = nextTerm.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The next term is in this school year (spring) or the next one; compare within one school year.
        Assert.True(nextTerm.Month is 2 or 9);

        var beforeToday = Number((await admin.GetAsync("/Staffing")).TestId("total-required"));
        var beforeDayBefore = Number((await admin.GetAsync($"/Staffing?date={dayBefore}")).TestId("total-required"));
        var beforeFrom = Number((await admin.GetAsync($"/Staffing?date={from}")).TestId("total-required"));

        var saved = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.StudentsPerTeacher"] = "600",
            ["Input.MinimumPerSchool"] = "1",
            ["Input.Note"] = "下学期起按600:1配备",
        }, "#add-policy-form");
        Assert.Empty(saved.Errors);
        Assert.Contains("600:1", saved.TestId("policy-versions"), StringComparison.Ordinal);
        Assert.Contains("待生效", saved.TestId("policy-versions"), StringComparison.Ordinal);

        var afterFromPage = await admin.GetAsync($"/Staffing?date={from}");
        Assert.True(Number(afterFromPage.TestId("total-required")) > beforeFrom, "the stricter ratio requires more teachers from its date");
        Assert.Contains("每600名学生", afterFromPage.TestId("policy"), StringComparison.Ordinal);
        Assert.Equal(beforeDayBefore, Number((await admin.GetAsync($"/Staffing?date={dayBefore}")).TestId("total-required")));
        Assert.Equal(beforeToday, Number((await admin.GetAsync("/Staffing")).TestId("total-required")));

        // The exact figure: every school's requirement under 600:1 with the enrolment of that date's school
        // year or, while that year is not counted yet (a change from a spring term), the latest earlier count.
        await using var db = factory.CreateDbContext();
        var year = SchoolYear.Containing(nextTerm).StartYear;
        var enrolments = await db.Schools.Select(s => s.Enrolments.Where(e => e.SchoolYear <= year).OrderByDescending(e => e.SchoolYear).Select(e => (int?)e.Students).FirstOrDefault() ?? 0).ToListAsync();
        Assert.Equal(enrolments.Sum(e => Math.Max(1, (e + 599) / 600)), Number(afterFromPage.TestId("total-required")));
    }

    [Fact]
    public async Task A_policy_cannot_start_in_the_past()
    {
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        var form = await admin.GetAsync("/Admin/StaffingPolicy");
        var yesterday = ChinaTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.StudentsPerTeacher"] = "500",
            ["Input.MinimumPerSchool"] = "1",
            ["Input.EffectiveFrom"] = yesterday,
        }, "#add-policy-form");

        Assert.Contains(refused.Errors, e => e.Contains("生效日期不能早于今天", StringComparison.Ordinal));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.StaffingPolicies.AnyAsync(p => p.StudentsPerTeacher == 500));
    }
}
