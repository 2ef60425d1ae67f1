using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;
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

namespace JiujiangMentalHealth.Web.Pages.Crisis;

/// <summary>
/// 危机事件处置预案 — the school's emergency plan: version, approval date and last drill/review, and
/// whether it is current (approved or reviewed within a year). Kept by the school's leaders and
/// psychology teachers.
/// </summary>
public class PlanModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public EmergencyPlan? Plan { get; private set; }

    public string SchoolName { get; private set; } = "";

    public bool IsCurrent { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Plan_Version")]
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string? Version { get; set; }

        [Display(Name = "Plan_ApprovedOn")]
        [Required(ErrorMessage = "Validation_Required")]
        public DateOnly? ApprovedOn { get; set; }

        [Display(Name = "Plan_LastReviewedOn")]
        public DateOnly? LastReviewedOn { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync("view", cancellationToken))
        {
            return NotFound();
        }

        if (Plan is not null)
        {
            Input = new InputModel
            {
                Version = Plan.Version,
                ApprovedOn = Plan.ApprovedOn,
                LastReviewedOn = Plan.LastReviewedOn,
                RowVersion = db.Entry(Plan).Property<uint>("RowVersion").CurrentValue,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync("change", cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var plan = Plan;
            if (plan is null)
            {
                plan = new EmergencyPlan(User.Scope().SchoolId!.Value);
                db.EmergencyPlans.Add(plan);
            }
            else
            {
                db.Entry(plan).Property("RowVersion").OriginalValue = Input.RowVersion;
            }

            plan.Record(Input.Version ?? "", Input.ApprovedOn!.Value, Input.LastReviewedOn, ChinaTime.Today(clock));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", labels.RuleViolation(e));
            return Page();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }

        await audit.RecordAsync("change", "plan", User.Scope().SchoolId, cancellationToken: cancellationToken);
        TempData["Message"] = t["Common_Saved", t["Plan_Title"].Value].Value;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(string action, CancellationToken cancellationToken)
    {
        if (!CrisisAccess.Allowed(User))
        {
            await audit.RecordAsync(action, "plan", null, AuditLog.Denied, cancellationToken);
            return false;
        }

        var schoolId = User.Scope().SchoolId!.Value;
        SchoolName = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).SingleAsync(cancellationToken);
        Plan = await db.EmergencyPlans.SingleOrDefaultAsync(p => p.SchoolId == schoolId, cancellationToken);
        IsCurrent = Plan?.IsCurrent(ChinaTime.Today(clock)) == true;
        return true;
    }
}
