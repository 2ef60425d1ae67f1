using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 普测进度 — one campaign of the user's school: students screened against students on the roll,
/// per class (sorted by grade, then class number) with the warning levels found, and a totals row.
/// </summary>
public class CampaignModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public ScreeningCampaign Campaign { get; private set; } = null!;

    public string SchoolName { get; private set; } = "";

    /// <summary>The school year the campaign belongs to: class names and grades are read in it.</summary>
    public SchoolYear Year { get; private set; }

    public CampaignStatus Status { get; private set; }

    public IReadOnlyList<ClassRow> Rows { get; private set; } = [];

    public ClassRow Totals { get; private set; } = null!;

    /// <summary>One class: students on the roll, distinct students screened, and how many of those per warning level.</summary>
    public sealed record ClassRow(
        int ClassId, SchoolSection Section, int EntryYear, int Number, int? Grade,
        int Enrolled, int Screened, int Void, int Level1, int Level2, int Level3)
    {
        public double? Percent => Enrolled == 0 ? null : 100.0 * Screened / Enrolled;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Lists of students are views of their data too (R11).
        await audit.RecordAsync("list", "student", null, cancellationToken: cancellationToken);

        var schoolId = User.Scope().SchoolId;
        var campaign = schoolId is null
            ? null
            : await db.ScreeningCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id && c.SchoolId == schoolId, cancellationToken);
        if (campaign is null)
        {
            // Another school's campaign is not "forbidden" but absent: its existence is not disclosed.
            return NotFound();
        }

        Campaign = campaign;
        Year = new SchoolYear(campaign.SchoolYear);
        Status = CampaignProgress.StatusOf(campaign.StartsOn, campaign.EndsOn, ChinaTime.Today(clock));
        SchoolName = await db.Schools.Where(s => s.Id == campaign.SchoolId).Select(s => s.Name).SingleAsync(cancellationToken);

        // Query 1: the roll per class (class identity in the grouping key, so no per-class lookups).
        var enrolled = await db.Students
            .Where(s => s.SchoolId == campaign.SchoolId)
            .Join(db.SchoolClasses, s => s.ClassId, c => c.Id, (s, c) => new { c.Id, c.Section, c.EntryYear, c.Number })
            .GroupBy(x => new { x.Id, x.Section, x.EntryYear, x.Number })
            .Select(g => new { g.Key.Id, g.Key.Section, g.Key.EntryYear, g.Key.Number, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Query 2: per student first (distinct, worst level), then per class.
        var screened = await CampaignProgress.ResultsOf(db, campaign)
            .Join(db.Students.Where(s => s.SchoolId == campaign.SchoolId), r => r.StudentId, s => s.Id, (r, s) => new
            {
                s.ClassId,
                r.StudentId,
                Valid = r.Invalid ? 0 : 1,
                // 一级 is the most serious, so the lowest non-zero level wins; 9 stands for "no warning".
                Level = r.Invalid || r.IsSuperseded || r.Warning == WarningLevel.None ? 9 : (int)r.Warning,
            })
            .GroupBy(x => new { x.ClassId, x.StudentId })
            .Select(g => new { g.Key.ClassId, Valid = g.Max(x => x.Valid), Worst = g.Min(x => x.Level) })
            .GroupBy(x => x.ClassId)
            .Select(g => new
            {
                ClassId = g.Key,
                Screened = g.Count(),
                Void = g.Count(x => x.Valid == 0),
                Level1 = g.Count(x => x.Worst == 1),
                Level2 = g.Count(x => x.Worst == 2),
                Level3 = g.Count(x => x.Worst == 3),
            })
            .ToDictionaryAsync(x => x.ClassId, cancellationToken);

        Rows = enrolled
            .Select(c =>
            {
                var s = screened.GetValueOrDefault(c.Id);
                return new ClassRow(
                    c.Id, c.Section, c.EntryYear, c.Number, SchoolClass.GradeOf(c.Section, c.EntryYear, Year),
                    c.Count, s?.Screened ?? 0, s?.Void ?? 0, s?.Level1 ?? 0, s?.Level2 ?? 0, s?.Level3 ?? 0);
            })
            // Classes in session by grade and number; classes graduated or not yet open after them.
            .OrderBy(r => r.Grade is null)
            .ThenBy(r => r.Grade)
            .ThenBy(r => r.Section)
            .ThenByDescending(r => r.EntryYear)
            .ThenBy(r => r.Number)
            .ToList();
        Totals = new ClassRow(
            0, default, 0, 0, null,
            Rows.Sum(r => r.Enrolled), Rows.Sum(r => r.Screened), Rows.Sum(r => r.Void),
            Rows.Sum(r => r.Level1), Rows.Sum(r => r.Level2), Rows.Sum(r => r.Level3));
        return Page();
    }
}

/// <summary>未开始 / 进行中 / 已结束, by the China calendar day.</summary>
public enum CampaignStatus
{
    Upcoming,
    Active,
    Ended,
}

/// <summary>The rules that say which results count toward a campaign, shared by the list and the campaign page.</summary>
public static class CampaignProgress
{
    /// <summary>
    /// The results of a campaign: those recorded for it, and those of its school recorded without a
    /// campaign with the same instrument on a day inside its dates (hand-entered sheets and imports
    /// often carry no campaign). Counting is per distinct student by the caller.
    /// </summary>
    public static IQueryable<ScreeningResult> ResultsOf(AppDbContext db, ScreeningCampaign campaign)
    {
        var (id, schoolId, instrument, startsOn, endsOn) = (campaign.Id, campaign.SchoolId, campaign.Instrument, campaign.StartsOn, campaign.EndsOn);
        return db.ScreeningResults.Where(r => r.SchoolId == schoolId
            && (r.CampaignId == id || (r.CampaignId == null && r.Instrument == instrument && r.TakenOn >= startsOn && r.TakenOn <= endsOn)));
    }

    public static CampaignStatus StatusOf(DateOnly startsOn, DateOnly endsOn, DateOnly today) =>
        today < startsOn ? CampaignStatus.Upcoming : today > endsOn ? CampaignStatus.Ended : CampaignStatus.Active;

    public static string BadgeClass(CampaignStatus status) => status switch
    {
        CampaignStatus.Active => "text-bg-primary",
        CampaignStatus.Upcoming => "text-bg-light border",
        _ => "text-bg-secondary",
    };

    /// <summary>"85.0%", or a dash when nobody is on the roll.</summary>
    public static string Percent(double? percent) =>
        percent is { } p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
