using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.StaffingPolicy;

/// <summary>
/// 师资配备标准 — the versions of the staffing rule. A new version takes effect on a date (today or
/// later, e.g. the first day of next term); versions in force are never edited or deleted.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateOnly Today { get; private set; }

    public IReadOnlyList<Domain.Workforce.StaffingPolicy> Versions { get; private set; } = [];

    public Domain.Workforce.StaffingPolicy Current { get; private set; } = null!;

    /// <summary>第二学期 starts 1 February, 第一学期 1 September: the usual dates a new ratio applies from.</summary>
    public DateOnly NextTermStart { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StudentsPerTeacher")]
        [Range(100, 5000, ErrorMessage = "Validation_Range")]
        public int? StudentsPerTeacher { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_MinimumPerSchool")]
        [Range(0, 10, ErrorMessage = "Validation_Range")]
        public int? MinimumPerSchool { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_EffectiveFrom")]
        public DateOnly? EffectiveFrom { get; set; }

        [Display(Name = "Field_Note")]
        [StringLength(200, ErrorMessage = "Validation_StringLength")]
        public string? Note { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input.StudentsPerTeacher = Current.StudentsPerTeacher;
        Input.MinimumPerSchool = Current.MinimumPerSchool;
        Input.EffectiveFrom = NextTermStart;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var version = Domain.Workforce.StaffingPolicy.Add(
                Input.StudentsPerTeacher!.Value, Input.MinimumPerSchool!.Value, Input.EffectiveFrom!.Value, Input.Note,
                Today, Versions, clock.GetUtcNow(), User.Identity?.Name ?? "");
            db.StaffingPolicies.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "staffing-policy", version.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Policy_Added", version.StudentsPerTeacher, version.MinimumPerSchool, PortalCultures.Date(version.EffectiveFrom)].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Code == "Policy_EffectiveInPast" || e.Code == "Policy_DateTaken" ? "Input.EffectiveFrom" : "", labels.RuleViolation(e));
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            ModelState.AddModelError("Input.EffectiveFrom", t["Rule_Policy_DateTaken"]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken)
    {
        var version = await db.StaffingPolicies.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        try
        {
            version.EnsureCanWithdraw(ChinaTime.Today(clock));
            db.StaffingPolicies.Remove(version);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("withdraw", "staffing-policy", id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Policy_Withdrawn", PortalCultures.Date(version.EffectiveFrom)].Value;
        }
        catch (DomainRuleException e)
        {
            TempData["Message"] = labels.RuleViolation(e);
        }

        return RedirectToPage();
    }

    public string StatusOf(Domain.Workforce.StaffingPolicy version) =>
        version.EffectiveFrom > Today ? t["Policy_Pending"]
        : version.Id == Current.Id ? t["Policy_Current"]
        : t["Policy_Superseded"];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        Versions = await db.StaffingPolicies.AsNoTracking().OrderByDescending(p => p.EffectiveFrom).ToListAsync(cancellationToken);
        Current = Domain.Workforce.StaffingPolicy.InForceOn(Versions, Today);
        var year = SchoolYear.Containing(Today);
        var springTerm = new DateOnly(year.StartYear + 1, 2, 1);
        NextTermStart = Today < springTerm ? springTerm : year.Next.FirstDay;
    }
}
