using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>
/// 待确认帮扶等级 — every result of the school whose suggested tier no counsellor has confirmed or
/// overridden yet, most serious first (or sorted by a column), paged. Confirm with one click;
/// override with a written reason. The search holds a student's name, so it is posted, never put in a URL.
/// </summary>
public class QueueModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    /// <summary>The default order: crisis flags first, then the most serious suggested tier, the newest first.</summary>
    public const string DefaultSort = "priority";

    /// <summary>A student's name or number: posted, never put in a URL (browser history, proxy logs).</summary>
    [BindProperty]
    public string? Q { get; set; }

    /// <summary>"priority" (default), "name", "class", "taken" or "tier", each with "-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public string CurrentSort => Sort ?? DefaultSort;

    public SchoolYear ThisYear { get; private set; }

    public sealed record Row(long Id, int StudentId, string Name, SchoolSection Section, int EntryYear, int ClassNumber, Instrument Instrument,
        DateOnly TakenOn, int? Total, string Band, WarningLevel Warning, bool Crisis, int SuggestedTier);

    public Task OnPostAsync(CancellationToken cancellationToken) => OnGetAsync(cancellationToken);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Lists of students are views of their data too (R11).
        await audit.RecordAsync("list", "student", null, cancellationToken: cancellationToken);

        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var schoolId = User.Scope().SchoolId;
        var pending = db.ScreeningResults
            .Where(r => r.SchoolId == schoolId && r.DecisionState == TierDecisionState.Pending && !r.IsSuperseded)
            .Join(db.Students, r => r.StudentId, s => s.Id, (r, s) => new { r, s })
            .Join(db.SchoolClasses, x => x.s.ClassId, c => c.Id, (x, c) => new { x.r, x.s, c });
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var number = Domain.Students.Student.NormaliseNumber(q);
            pending = pending.Where(x => x.s.Name.Contains(q) || x.s.StudentNumber == number);
        }

        Pager = new Pager(PageNumber, PageSize, await pending.CountAsync(cancellationToken), "/Screenings/Queue",
            new Dictionary<string, string?> { ["sort"] = Sort })
        {
            // A search holds a name: paging and sorting re-post the search form rather than link.
            PostForm = string.IsNullOrWhiteSpace(Q) ? null : "queue-search",
        };
        // Entry year descending = the lower grade first, as the class lists are ordered.
        var sorted = CurrentSort switch
        {
            "name" => pending.OrderBy(x => x.s.Name).ThenBy(x => x.r.Id),
            "name-desc" => pending.OrderByDescending(x => x.s.Name).ThenBy(x => x.r.Id),
            "class" => pending.OrderBy(x => x.c.Section).ThenByDescending(x => x.c.EntryYear).ThenBy(x => x.c.Number).ThenBy(x => x.s.Name).ThenBy(x => x.r.Id),
            "class-desc" => pending.OrderByDescending(x => x.c.Section).ThenBy(x => x.c.EntryYear).ThenByDescending(x => x.c.Number).ThenBy(x => x.s.Name).ThenBy(x => x.r.Id),
            "taken" => pending.OrderBy(x => x.r.TakenOn).ThenBy(x => x.r.Id),
            "taken-desc" => pending.OrderByDescending(x => x.r.TakenOn).ThenByDescending(x => x.r.Id),
            "tier" => pending.OrderBy(x => x.r.SuggestedTier).ThenByDescending(x => x.r.Crisis).ThenByDescending(x => x.r.TakenOn).ThenBy(x => x.r.Id),
            "tier-desc" => pending.OrderByDescending(x => x.r.SuggestedTier).ThenByDescending(x => x.r.TakenOn).ThenBy(x => x.r.Id),
            _ => pending.OrderByDescending(x => x.r.Crisis).ThenBy(x => x.r.SuggestedTier).ThenByDescending(x => x.r.TakenOn).ThenBy(x => x.r.Id),
        };
        Rows = await sorted
            .Skip(Pager.Skip).Take(PageSize)
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

        // Back to the same page and order (only values the page itself put in the form's address).
        return RedirectToPage(new { sort = Sort, p = PageNumber > 1 ? PageNumber : (int?)null });
    }
}
