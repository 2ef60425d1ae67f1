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

namespace JiujiangMentalHealth.Web.Pages.Training;

/// <summary>
/// 省级专家库推荐 — schools nominate their psychology teachers; the city bureau records whether the
/// province selected them.
/// </summary>
public class ExpertsModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public List<SelectListItem> MyStaff { get; private set; } = [];

    public bool CanNominate { get; private set; }

    public bool CanDecide { get; private set; }

    public int ThisYear { get; private set; }

    public sealed record Row(int Id, string Name, string School, string District, int Year, string? Field, NominationStatus Status);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostNominateAsync(int staffMemberId, int year, string? field, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var scope = User.Scope();
        if (!CanNominate || !await db.StaffMembers.AnyAsync(m => m.Id == staffMemberId && m.SchoolId == scope.SchoolId, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var nomination = new ExpertNomination(staffMemberId, year, field);
            db.ExpertNominations.Add(nomination);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "expert-nomination", nomination.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Experts_Nominated"].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            ModelState.AddModelError("", t["Experts_AlreadyNominated"]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, NominationStatus status, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var visible = db.StaffMembers.VisibleTo(User.Scope(), db).Select(m => m.Id);
        var nomination = await db.ExpertNominations.SingleOrDefaultAsync(n => n.Id == id && visible.Contains(n.StaffMemberId), cancellationToken);
        if (!CanDecide || nomination is null)
        {
            return NotFound();
        }

        nomination.Decide(status);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("decide", "expert-nomination", id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Experts_Decided", t["NominationStatus_" + status]].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        ThisYear = ChinaTime.Today(clock).Year;
        CanNominate = scope.Level == ScopeLevel.School && (User.IsInRole(Roles.SchoolLeader) || User.IsInRole(Roles.Counsellor));
        CanDecide = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.CityBureau);
        var visible = db.StaffMembers.VisibleTo(scope, db);
        Rows = await db.ExpertNominations
            .Join(visible, n => n.StaffMemberId, m => m.Id, (n, m) => new { n, m })
            .Join(db.Schools, x => x.m.SchoolId, s => s.Id, (x, s) => new { x.n, x.m, s, DistrictName = s.District!.Name, s.District.SortOrder })
            .OrderByDescending(x => x.n.Year).ThenBy(x => x.SortOrder).ThenBy(x => x.s.Name)
            .Select(x => new Row(x.n.Id, x.m.Name, x.s.Name, x.DistrictName, x.n.Year, x.n.Field, x.n.Status))
            .ToListAsync(cancellationToken);
        if (CanNominate)
        {
            MyStaff = await db.StaffMembers.Where(m => m.SchoolId == scope.SchoolId && m.LeftOn == null)
                .OrderBy(m => m.PsychologyPost == PsychologyPost.None).ThenBy(m => m.Name)
                .Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToListAsync(cancellationToken);
        }
    }
}
