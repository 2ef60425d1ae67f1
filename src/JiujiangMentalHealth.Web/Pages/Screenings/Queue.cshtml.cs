using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 待确认帮扶等级 — every result of the school whose suggested tier no counsellor has confirmed or
/// overridden yet, most serious first. Confirm with one click; override with a written reason.
/// </summary>
public class QueueModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public SchoolYear ThisYear { get; private set; }

    public sealed record Row(long Id, int StudentId, string Name, SchoolSection Section, int EntryYear, int ClassNumber, Instrument Instrument,
        DateOnly TakenOn, int? Total, string Band, WarningLevel Warning, bool Crisis, int SuggestedTier);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Lists of students are views of their data too (R11).
        await audit.RecordAsync("list", "student", null, cancellationToken: cancellationToken);

        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var schoolId = User.Scope().SchoolId;
        Rows = await db.ScreeningResults
            .Where(r => r.SchoolId == schoolId && r.DecisionState == TierDecisionState.Pending && !r.IsSuperseded)
            .Join(db.Students, r => r.StudentId, s => s.Id, (r, s) => new { r, s })
            .Join(db.SchoolClasses, x => x.s.ClassId, c => c.Id, (x, c) => new { x.r, x.s, c })
            .OrderByDescending(x => x.r.Crisis).ThenBy(x => x.r.SuggestedTier).ThenByDescending(x => x.r.TakenOn)
            .Take(500)
            .Select(x => new Row(x.r.Id, x.s.Id, x.s.Name, x.c.Section, x.c.EntryYear, x.c.Number, x.r.Instrument, x.r.TakenOn,
                x.r.Total, x.r.Band, x.r.Warning, x.r.Crisis, x.r.SuggestedTier!.Value))
            .ToListAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(id, result => result.Confirm(User.Identity!.Name!, clock.GetUtcNow()), cancellationToken);

    public Task<IActionResult> OnPostOverrideAsync(long id, int? tier, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(id, result => result.Override(tier ?? -1, reason ?? "", User.Identity!.Name!, clock.GetUtcNow()), cancellationToken);

    private async Task<IActionResult> DecideAsync(long id, Action<ScreeningResult> decide, CancellationToken cancellationToken)
    {
        var schoolId = User.Scope().SchoolId;
        var result = await db.ScreeningResults.SingleOrDefaultAsync(r => r.Id == id && r.SchoolId == schoolId, cancellationToken);
        if (result is null)
        {
            await audit.RecordAsync("decide", "screening", id, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        try
        {
            decide(result);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("decide", "screening", id, cancellationToken: cancellationToken);
            TempData["Message"] = result.DecisionState == TierDecisionState.Confirmed
                ? t["Queue_Confirmed", t["Tier_" + result.DecidedTier]].Value
                : t["Queue_Overridden", result.DecidedTier is 0 ? t["Tier_None"].Value : t["Tier_" + result.DecidedTier].Value].Value;
        }
        catch (DomainRuleException e)
        {
            TempData["Message"] = labels.RuleViolation(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Message"] = t["Queue_AlreadyDecided"].Value;
        }

        return RedirectToPage();
    }
}
