using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>记录谈话/家访 — from the student file; head teachers for their own classes.</summary>
public class TalkModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int StudentId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string StudentName { get; private set; } = "";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_TalkKind")]
        public TalkKind? Kind { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_OccurredOn")]
        public DateOnly? OccurredOn { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_TalkBy")]
        [StringLength(50, ErrorMessage = "Validation_StringLength")]
        public string ByName { get; set; } = "";

        [Display(Name = "Field_WithWhom")]
        [StringLength(50, ErrorMessage = "Validation_StringLength")]
        public string? WithWhom { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Summary")]
        [StringLength(2000, ErrorMessage = "Validation_StringLength")]
        public string Summary { get; set; } = "";

        [Display(Name = "Talk_FollowUp")]
        public bool FollowUpNeeded { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input.OccurredOn = ChinaTime.Today(clock);
        Input.ByName = User.DisplayNameOf();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var student = await db.StudentsOf(User).SingleAsync(s => s.Id == StudentId, cancellationToken);
        try
        {
            var talk = new Talk(student.Id, student.SchoolId, Input.Kind!.Value, Input.OccurredOn!.Value, Input.ByName.Trim(), Input.WithWhom,
                Input.Summary, Input.FollowUpNeeded, User.Identity!.Name!, clock.GetUtcNow(), ChinaTime.Today(clock));
            db.Talks.Add(talk);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "talk", talk.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Talk_Saved", t["TalkKind_" + talk.Kind].Value].Value;
            return Redirect($"/Students/{student.Id}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var name = await db.StudentsOf(User).Where(s => s.Id == StudentId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            await audit.RecordAsync("create", "talk", StudentId, AuditLog.Denied, cancellationToken);
            return false;
        }

        StudentName = name;
        return true;
    }
}
