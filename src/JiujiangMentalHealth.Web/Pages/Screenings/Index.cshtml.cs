using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 心理普测 — the campaigns of the user's school, newest first, each with its progress
/// (distinct students screened / students on the school's roll).
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public string SchoolName { get; private set; } = "";

    /// <summary>Students on the school's roll (the students table).</summary>
    public int Enrolled { get; private set; }

    /// <summary>Results of the school still waiting for a counsellor to confirm or override the suggested tier.</summary>
    public int PendingDecisions { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];

    public sealed record CampaignRow(int Id, string Name, Instrument Instrument, DateOnly StartsOn, DateOnly EndsOn, int SchoolYear, int Term, int Screened);

    public double? PercentOf(CampaignRow row) => Enrolled == 0 ? null : 100.0 * row.Screened / Enrolled;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Scope().SchoolId is not { } schoolId)
        {
            return Forbid();
        }

        Today = ChinaTime.Today(clock);
        SchoolName = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var students = db.Students.Where(s => s.SchoolId == schoolId);
        Enrolled = await students.CountAsync(cancellationToken);
        PendingDecisions = await db.ScreeningResults
            .CountAsync(r => r.SchoolId == schoolId && r.DecisionState == TierDecisionState.Pending && !r.IsSuperseded, cancellationToken);

        // One query: the campaigns with a correlated count of distinct students screened, by the
        // same rule as CampaignProgress.ResultsOf (and counting only students on the roll, as the campaign page does).
        Campaigns = await db.ScreeningCampaigns
            .Where(c => c.SchoolId == schoolId)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .Select(c => new CampaignRow(
                c.Id, c.Name, c.Instrument, c.StartsOn, c.EndsOn, c.SchoolYear, c.Term,
                db.ScreeningResults
                    .Where(r => r.SchoolId == c.SchoolId
                        && (r.CampaignId == c.Id || (r.CampaignId == null && r.Instrument == c.Instrument && r.TakenOn >= c.StartsOn && r.TakenOn <= c.EndsOn))
                        && students.Any(s => s.Id == r.StudentId))
                    .Select(r => r.StudentId)
                    .Distinct()
                    .Count()))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
