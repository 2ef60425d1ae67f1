using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.ReviewCadence;

/// <summary>复查周期 — how often each tier's team must log a follow-up before the review is overdue.</summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? UpdatedBy { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Tier_1")]
        [Range(1, 180, ErrorMessage = "Validation_Range")]
        public int? Tier1Days { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Tier_2")]
        [Range(1, 180, ErrorMessage = "Validation_Range")]
        public int? Tier2Days { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Tier_3")]
        [Range(1, 180, ErrorMessage = "Validation_Range")]
        public int? Tier3Days { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var setting = await db.ReviewCadenceSettings.SingleAsync(s => s.Id == ReviewCadenceSetting.SingletonId, cancellationToken);
        Input = new InputModel
        {
            Tier1Days = setting.Tier1Days, Tier2Days = setting.Tier2Days, Tier3Days = setting.Tier3Days,
            RowVersion = db.Entry(setting).Property<uint>("RowVersion").CurrentValue,
        };
        (UpdatedBy, UpdatedAt) = (setting.UpdatedBy, setting.UpdatedAt);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var setting = await db.ReviewCadenceSettings.SingleAsync(s => s.Id == ReviewCadenceSetting.SingletonId, cancellationToken);
        (UpdatedBy, UpdatedAt) = (setting.UpdatedBy, setting.UpdatedAt);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var cadence = Domain.Support.ReviewCadence.Create(Input.Tier1Days!.Value, Input.Tier2Days!.Value, Input.Tier3Days!.Value);
            db.Entry(setting).Property("RowVersion").OriginalValue = Input.RowVersion;
            (setting.Tier1Days, setting.Tier2Days, setting.Tier3Days) = (cadence.Tier1Days, cadence.Tier2Days, cadence.Tier3Days);
            (setting.UpdatedBy, setting.UpdatedAt) = (User.Identity?.Name, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("change", "review-cadence", setting.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Cadence_Saved", cadence.Tier1Days, cadence.Tier2Days, cadence.Tier3Days].Value;
            return RedirectToPage();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
        }

        return Page();
    }
}
