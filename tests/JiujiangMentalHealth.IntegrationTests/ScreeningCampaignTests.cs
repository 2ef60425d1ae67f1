using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// 心理普测: creating and editing campaigns, their progress per class, and who may see them.
/// Every test arranges its own students and results (the demo roll may or may not exist).
/// </summary>
public class ScreeningCampaignTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Shuangfeng = "九江市双峰小学";

    private static readonly string[] CellNames = ["enrolled", "screened", "void", "level1", "level2", "level3"];

    private static int _sequence = Random.Shared.Next(0, 500);

    private static int Number(string? text) => int.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    [Fact]
    public async Task Counsellor_creates_a_campaign_and_sees_it_listed()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync("/Screenings/CampaignEdit");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        // The defaults: today, and an end inside the current term.
        Assert.Equal(Iso(Today), form.Document.QuerySelector("input[name='Input.StartsOn']")!.GetAttribute("value"));
        var defaultEnd = DateOnly.ParseExact(form.Document.QuerySelector("input[name='Input.EndsOn']")!.GetAttribute("value")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True(defaultEnd >= Today);
        Assert.Equal(ScreeningCampaign.TermOf(Today), ScreeningCampaign.TermOf(defaultEnd));
        Assert.Equal(SchoolYear.Containing(Today), SchoolYear.Containing(defaultEnd));

        var (startsOn, endsOn) = DatesThisSchoolYear();
        var saved = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = "测试普测（新建）",
            ["Input.Instrument"] = "Phq9",
            ["Input.StartsOn"] = Iso(startsOn),
            ["Input.EndsOn"] = Iso(endsOn),
        });

        Assert.StartsWith("/Screenings/Campaign?id=", saved.Url, StringComparison.Ordinal);
        Assert.Equal("测试普测（新建）", saved.TestId("campaign-name"));
        await using var db = factory.CreateDbContext();
        var schoolId = await SchoolIdAsync(db, Shuangfeng);
        var campaign = await db.ScreeningCampaigns.AsNoTracking().SingleAsync(c => c.Name == "测试普测（新建）");
        Assert.Equal(schoolId, campaign.SchoolId);
        Assert.Equal(Instrument.Phq9, campaign.Instrument);
        Assert.Equal((startsOn, endsOn), (campaign.StartsOn, campaign.EndsOn));

        var list = await counsellor.GetAsync("/Screenings");
        var row = list.Document.QuerySelector($"[data-testid=campaign-{campaign.Id}]");
        Assert.NotNull(row);
        Assert.Contains("测试普测（新建）", row.TextContent, StringComparison.Ordinal);
        // Results already on file (without a campaign, PHQ-9, inside the dates) count toward it at once.
        var expected = await ExpectedTotalsAsync(db, campaign);
        Assert.Equal(expected.Screened, Number(list.TestId($"campaign-{campaign.Id}-screened")));
        Assert.Equal(expected.Enrolled, Number(list.TestId($"campaign-{campaign.Id}-enrolled")));
        Assert.NotNull(list.Document.QuerySelector("a[href='/Screenings/Import']"));
        Assert.NotNull(list.Document.QuerySelector("a[href='/Screenings/Queue']"));
    }

    [Fact]
    public async Task A_campaign_that_ends_before_it_starts_is_refused_with_the_reason()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var form = await counsellor.GetAsync("/Screenings/CampaignEdit");
        var (startsOn, endsOn) = DatesThisSchoolYear();

        var backwards = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = "测试普测（日期颠倒）",
            ["Input.Instrument"] = "Provincial",
            ["Input.StartsOn"] = Iso(endsOn),
            ["Input.EndsOn"] = Iso(startsOn.AddDays(-1)),
        });
        Assert.Equal(HttpStatusCode.OK, backwards.Status);
        Assert.StartsWith("/Screenings/CampaignEdit", backwards.Url, StringComparison.Ordinal);
        // Needs the new key Rule_Campaign_EndsBeforeStart in SharedResource.zh-CN.resx.
        Assert.Contains("结束日期不能早于开始日期", backwards.Errors);

        var noStart = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = "测试普测（日期颠倒）",
            ["Input.Instrument"] = "Provincial",
            ["Input.StartsOn"] = "",
            ["Input.EndsOn"] = Iso(endsOn),
        });
        Assert.Contains("请填写开始日期", noStart.Errors);

        await using var db = factory.CreateDbContext();
        Assert.False(await db.ScreeningCampaigns.AnyAsync(c => c.Name == "测试普测（日期颠倒）"));
    }

    [Fact]
    public async Task The_campaign_page_shows_per_class_figures_that_match_the_database()
    {
        var (startsOn, endsOn) = DatesThisSchoolYear();
        var year = SchoolYear.Containing(startsOn);
        int campaignId, lowerId, upperId;
        SchoolSection section;
        await using (var db = factory.CreateDbContext())
        {
            var school = await db.Schools.Include(s => s.Classes).SingleAsync(s => s.Name == Shuangfeng);
            section = school.Stage.Sections()[0];
            // Class numbers no demo class uses: 三年级(91)班 and 一年级(92)班 (for a primary school).
            var upper = school.AddClass(section, year.StartYear - 2, 91);
            var lower = school.AddClass(section, year.StartYear, 92);
            var campaign = new ScreeningCampaign(school.Id, "测试普测（进度）", Instrument.Provincial, startsOn, endsOn);
            db.ScreeningCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            (campaignId, lowerId, upperId) = (campaign.Id, lower.Id, upper.Id);

            var a = Enumerable.Range(1, 5).Select(i => NewStudent(school.Id, upper.Id, $"测试甲{i}")).ToList();
            var b = Enumerable.Range(1, 3).Select(i => NewStudent(school.Id, lower.Id, $"测试乙{i}")).ToList();
            db.Students.AddRange([.. a, .. b]);
            await db.SaveChangesAsync();

            var within = startsOn;
            db.ScreeningResults.AddRange(
                Provincial(a[0], WarningLevel.Level1, within, campaignId),      // 一级
                Provincial(a[1], WarningLevel.Level2, within, null),            // no campaign, same instrument, inside the dates: counts
                Provincial(a[2], WarningLevel.None, within, campaignId),        // screened twice: counted once, at its worst (三级)
                Provincial(a[2], WarningLevel.Level3, Today, campaignId),
                Provincial(a[3], WarningLevel.Level1, startsOn.AddDays(-1), null), // before the campaign: does not count
                Phq9(a[4], within),                                             // another instrument: does not count
                Provincial(b[0], WarningLevel.Level3, within, campaignId));
            await db.SaveChangesAsync();
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var page = await counsellor.GetAsync($"/Screenings/Campaign?id={campaignId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);

        Assert.Equal("三年级(91)班", page.TestId($"class-{upperId}-name"));
        Assert.Equal(["5", "3", "0", "1", "1", "1"], Cells(page, upperId));
        Assert.Equal("60.0%", page.Document.QuerySelector($"[data-testid=class-{upperId}-percent] span")!.TextContent.Trim());
        Assert.Equal(["3", "1", "0", "0", "0", "1"], Cells(page, lowerId));
        // Sorted by grade: 一年级 before 三年级.
        var order = page.Document.QuerySelectorAll("[data-testid=class-progress] tbody tr").Select(r => r.GetAttribute("data-testid")).ToList();
        Assert.True(order.IndexOf($"class-{lowerId}") < order.IndexOf($"class-{upperId}"));

        // The totals row is the whole roll of the school, whatever else is in the database.
        await using (var db = factory.CreateDbContext())
        {
            var campaign = await db.ScreeningCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId);
            var expected = await ExpectedTotalsAsync(db, campaign);
            Assert.Equal(expected.Enrolled, Number(page.TestId("total-enrolled")));
            Assert.Equal(expected.Screened, Number(page.TestId("total-screened")));
            Assert.Equal(expected.Level1, Number(page.TestId("total-level1")));
            Assert.Equal(expected.Level2, Number(page.TestId("total-level2")));
            Assert.Equal(expected.Level3, Number(page.TestId("total-level3")));
            var rows = page.Document.QuerySelectorAll("[data-testid=class-progress] tbody tr");
            Assert.Equal(expected.Enrolled, rows.Sum(r => Number(r.QuerySelectorAll("td")[0].TextContent.Trim())));

            var list = await counsellor.GetAsync("/Screenings");
            Assert.Equal(expected.Screened, Number(list.TestId($"campaign-{campaignId}-screened")));
        }

        // Results were recorded for the campaign: its instrument can no longer change.
        var form = await counsellor.GetAsync($"/Screenings/CampaignEdit?id={campaignId}");
        var refused = await counsellor.SubmitAsync(form, new Dictionary<string, string> { ["Input.Instrument"] = "Mht" });
        Assert.NotEmpty(refused.Errors);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(Instrument.Provincial, (await db.ScreeningCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId)).Instrument);
        }

        var renamed = await counsellor.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "测试普测（进度，已改名）" });
        Assert.Equal("测试普测（进度，已改名）", renamed.TestId("campaign-name"));
    }

    [Fact]
    public async Task Another_schools_counsellor_gets_404_on_a_campaign()
    {
        int campaignId;
        var (startsOn, endsOn) = DatesThisSchoolYear();
        await using (var db = factory.CreateDbContext())
        {
            var campaign = new ScreeningCampaign(await SchoolIdAsync(db, Shuangfeng), "测试普测（他校）", Instrument.Gad7, startsOn, endsOn);
            db.ScreeningCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        using var counsellor2 = factory.CreatePortalClient();
        await counsellor2.SignInAsync("counsellor2");
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor2.GetAsync($"/Screenings/Campaign?id={campaignId}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor2.GetAsync($"/Screenings/CampaignEdit?id={campaignId}", follow: false)).Status);

        // A valid form of their own, posted at the foreign campaign.
        var own = await counsellor2.GetAsync("/Screenings/CampaignEdit");
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await counsellor2.Http.PostAsync($"/Screenings/CampaignEdit?id={campaignId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "越权修改的普测",
            ["Input.Instrument"] = "Gad7",
            ["Input.StartsOn"] = Iso(startsOn),
            ["Input.EndsOn"] = Iso(endsOn),
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal("测试普测（他校）", (await db.ScreeningCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId)).Name);
        }

        var list = await counsellor2.GetAsync("/Screenings");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Null(list.Document.QuerySelector($"[data-testid=campaign-{campaignId}]"));
    }

    [Theory]
    [InlineData("headteacher", "/Screenings")]
    [InlineData("headteacher", "/Screenings/CampaignEdit")]
    [InlineData("headteacher", "/Screenings/Campaign?id=1")]
    [InlineData("city", "/Screenings")]
    [InlineData("city", "/Screenings/CampaignEdit")]
    public async Task Head_teachers_and_bureaus_get_403(string user, string path)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var page = await client.GetAsync(path, follow: false);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    /// <summary>The figures of one class row: enrolled, screened, void, 一级, 二级, 三级.</summary>
    private static string[] Cells(PortalClient.Page page, int classId) =>
        [.. CellNames.Select(c => page.TestId($"class-{classId}-{c}") ?? "")];

    /// <summary>A start that has passed (results may be dated on it) and an end, both in this school year.</summary>
    private static (DateOnly StartsOn, DateOnly EndsOn) DatesThisSchoolYear()
    {
        var year = SchoolYear.Containing(Today);
        var startsOn = Today.AddDays(-20) < year.FirstDay ? year.FirstDay : Today.AddDays(-20);
        var endsOn = Today.AddDays(10) > year.LastDay ? year.LastDay : Today.AddDays(10);
        return (startsOn, endsOn);
    }

    private static async Task<int> SchoolIdAsync(AppDbContext db, string name) =>
        await db.Schools.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();

    private static Student NewStudent(int schoolId, int classId, string name) =>
        new(schoolId, classId, new StudentProfile(NewStudentNumber(), name, Gender.Female, new DateOnly(2017, 3, 15)));

    /// <summary>
    /// A valid 全国学籍号: "G" and an 18-character resident ID number whose last character is the
    /// ISO 7064 MOD 11-2 check character of the first seventeen (GB 11643).
    /// </summary>
    private static string NewStudentNumber()
    {
        var sequence = Interlocked.Increment(ref _sequence) % 1000;
        var body = $"360499{20170315}{sequence:000}";
        return "G" + body + Student.ResidentIdCheckCharacter(body);
    }

    private static ScreeningResult Provincial(Student student, WarningLevel level, DateOnly takenOn, int? campaignId) =>
        ScreeningResult.Record(student.Id, student.SchoolId, QuestionnaireScoring.Provincial(level, 100), takenOn, null,
            ResultSource.Imported, "counsellor", DateTimeOffset.UtcNow, Today, campaignId);

    private static ScreeningResult Phq9(Student student, DateOnly takenOn)
    {
        int[] answers = [3, 3, 3, 3, 3, 0, 0, 0, 0];
        return ScreeningResult.Record(student.Id, student.SchoolId, QuestionnaireScoring.Phq9(answers), takenOn, answers,
            ResultSource.Manual, "counsellor", DateTimeOffset.UtcNow, Today);
    }

    /// <summary>
    /// The campaign's totals computed here, independently of the page: distinct students of the
    /// school's roll with a result of the campaign (or, without a campaign, of its instrument inside
    /// its dates), each counted once at the most serious level of its valid current results.
    /// </summary>
    private static async Task<(int Enrolled, int Screened, int Level1, int Level2, int Level3)> ExpectedTotalsAsync(AppDbContext db, ScreeningCampaign c)
    {
        var roll = await db.Students.Where(s => s.SchoolId == c.SchoolId).Select(s => s.Id).ToListAsync();
        var results = await db.ScreeningResults.AsNoTracking()
            .Where(r => r.SchoolId == c.SchoolId)
            .Select(r => new { r.StudentId, r.CampaignId, r.Instrument, r.TakenOn, r.Warning, r.Invalid, r.IsSuperseded })
            .ToListAsync();
        var rollSet = roll.ToHashSet();
        var worst = results
            .Where(r => rollSet.Contains(r.StudentId)
                        && (r.CampaignId == c.Id || (r.CampaignId is null && r.Instrument == c.Instrument && c.Covers(r.TakenOn))))
            .GroupBy(r => r.StudentId)
            .Select(g => g.Where(r => !r.Invalid && !r.IsSuperseded && r.Warning != WarningLevel.None).Select(r => (int)r.Warning).DefaultIfEmpty(0).Min())
            .ToList();
        return (roll.Count, worst.Count, worst.Count(w => w == 1), worst.Count(w => w == 2), worst.Count(w => w == 3));
    }
}
