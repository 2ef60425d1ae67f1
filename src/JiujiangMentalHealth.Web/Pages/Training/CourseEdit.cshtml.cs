using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Training;

/// <summary>新增/编辑培训项目 — by admins and the bureaus.</summary>
[Authorize(Policy = Policies.WorkforceBureau)]
public class CourseEditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_TrainingLevel")]
        public TrainingLevel? Level { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_CourseName")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StartsOn")]
        public DateOnly? StartsOn { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Hours")]
        [Range(0.5, 1000, ErrorMessage = "Validation_Range")]
        public decimal? Hours { get; set; }

        [Display(Name = "Field_Organiser")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string? Organiser { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null)
        {
            return Page();
        }

        var course = await db.TrainingCourses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (course is null)
        {
            return NotFound();
        }

        Input = new InputModel { Level = course.Level, Name = course.Name, StartsOn = course.StartsOn, Hours = course.Hours, Organiser = course.Organiser };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            TrainingCourse course;
            if (Id is null)
            {
                course = new TrainingCourse(Input.Level!.Value, Input.Name, Input.StartsOn!.Value, Input.Hours!.Value, Input.Organiser);
                db.TrainingCourses.Add(course);
            }
            else
            {
                var found = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                course = found;
                course.Change(Input.Level!.Value, Input.Name, Input.StartsOn!.Value, Input.Hours!.Value, Input.Organiser);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "training-course", course.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", course.Name].Value;
            return RedirectToPage("Course", new { id = course.Id });
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
            return Page();
        }
    }
}
