using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Featured;

/// <summary>心理健康教育特色学校 — city, provincial and national titles, named by admins and the city bureau.</summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FeaturedLevel? Level { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyDictionary<FeaturedLevel, int> Counts { get; private set; } = new Dictionary<FeaturedLevel, int>();

    public List<SelectListItem> Schools { get; private set; } = [];

    public bool CanManage { get; private set; }

    public int ThisYear { get; private set; }

    public sealed record Row(int Id, string School, string District, FeaturedLevel Level, int Year);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(int schoolId, FeaturedLevel level, int year, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!CanManage || !await db.Schools.AnyAsync(s => s.Id == schoolId, cancellationToken) || !Enum.IsDefined(level))
        {
            return NotFound();
        }

        try
        {
            var title = new FeaturedSchool(schoolId, level, year);
            db.FeaturedSchools.Add(title);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "featured-school", title.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Featured_Added"].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            ModelState.AddModelError("", t["Featured_AlreadyHeld"]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var title = await db.FeaturedSchools.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (!CanManage || title is null)
        {
            return NotFound();
        }

        db.FeaturedSchools.Remove(title);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("delete", "featured-school", id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Featured_Removed"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanManage = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.CityBureau);
        ThisYear = ChinaTime.Today(clock).Year;
        var schools = db.Schools.VisibleTo(User.Scope());
        var titles = db.FeaturedSchools.Join(schools, f => f.SchoolId, s => s.Id, (f, s) => new { f, s });
        Counts = await titles.GroupBy(x => x.f.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        if (Level is not null)
        {
            titles = titles.Where(x => x.f.Level == Level);
        }

        Rows = await titles
            .OrderByDescending(x => x.f.Level).ThenBy(x => x.s.District!.SortOrder).ThenBy(x => x.s.Name)
            .Select(x => new Row(x.f.Id, x.s.Name, x.s.District!.Name, x.f.Level, x.f.Year))
            .ToListAsync(cancellationToken);
        if (CanManage)
        {
            Schools = await db.Schools.OrderBy(s => s.District!.SortOrder).ThenBy(s => s.Name)
                .Select(s => new SelectListItem(s.District!.Name + " · " + s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
        }
    }
}
