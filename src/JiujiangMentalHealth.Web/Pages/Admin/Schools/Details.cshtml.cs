using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.Schools;

/// <summary>学校详情 — enrolment per school year and the school's classes.</summary>
public class DetailsModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    // Two forms on one page: each handler binds and validates only its own input (TryUpdateModelAsync).
    public EnrolmentInput Enrolment { get; set; } = new();

    public ClassInput NewClass { get; set; } = new();

    public SchoolYear ThisYear { get; private set; }

    public SchoolSummary School { get; private set; } = null!;

    public IReadOnlyList<(int SchoolYear, int Students)> Enrolments { get; private set; } = [];

    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];

    public sealed record SchoolSummary(string Code, string Name, string District, SchoolStage Stage, bool IsTownshipCentralOrAbove);

    public sealed record ClassRow(SchoolSection Section, int EntryYear, int Number);

    public sealed class EnrolmentInput
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_SchoolYear")]
        [Range(2000, 2100, ErrorMessage = "Validation_Range")]
        public int? SchoolYear { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Students")]
        [Range(0, 50000, ErrorMessage = "Validation_Range")]
        public int? Students { get; set; }
    }

    public sealed class ClassInput
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Section")]
        public SchoolSection? Section { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_EntryYear")]
        [Range(2000, 2100, ErrorMessage = "Validation_Range")]
        public int? EntryYear { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_ClassNumber")]
        [Range(1, 99, ErrorMessage = "Validation_Range")]
        public int? Number { get; set; }
    }

    public IEnumerable<SchoolYear> SelectableYears =>
        Enumerable.Range(-3, 5).Select(offset => new SchoolYear(ThisYear.StartYear + offset)).Reverse();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Enrolment.SchoolYear = ThisYear.StartYear;
        NewClass.EntryYear = ThisYear.StartYear;
        return Page();
    }

    public async Task<IActionResult> OnPostEnrolmentAsync(CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(Enrolment, nameof(Enrolment));
        return await ChangeAsync(
            "change-enrolment",
            school => school.SetEnrolment(new SchoolYear(Enrolment.SchoolYear!.Value), Enrolment.Students!.Value),
            s => t["Schools_EnrolmentSaved", labels.SchoolYear(new SchoolYear(Enrolment.SchoolYear!.Value))],
            cancellationToken);
    }

    public async Task<IActionResult> OnPostClassAsync(CancellationToken cancellationToken)
    {
        await TryUpdateModelAsync(NewClass, nameof(NewClass));
        return await ChangeAsync(
            "add-class",
            school => school.AddClass(NewClass.Section!.Value, NewClass.EntryYear!.Value, NewClass.Number!.Value),
            s => t["Schools_ClassAdded", labels.ClassName(NewClass.Section!.Value, NewClass.EntryYear!.Value, NewClass.Number!.Value, ThisYear)],
            cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(string action, Action<School> change, Func<School, string> done, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var school = await db.Schools.Include(s => s.Classes).Include(s => s.Enrolments).SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
            if (school is null)
            {
                return NotFound();
            }

            ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
            try
            {
                change(school);
                await db.SaveChangesAsync(cancellationToken);
                await audit.RecordAsync(action, "school", Id, cancellationToken: cancellationToken);
                TempData["Message"] = done(school);
                return RedirectToPage(new { id = Id });
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError("", labels.RuleViolation(e));
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                ModelState.AddModelError("", t["Rule_Class_Duplicate"]);
            }
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var school = await db.Schools.AsNoTracking().Where(s => s.Id == Id)
            .Select(s => new SchoolSummary(s.Code, s.Name, s.District!.Name, s.Stage, s.IsTownshipCentralOrAbove))
            .SingleOrDefaultAsync(cancellationToken);
        if (school is null)
        {
            return false;
        }

        School = school;
        Enrolments = (await db.SchoolEnrolments.Where(e => e.SchoolId == Id).OrderByDescending(e => e.SchoolYear)
                .Select(e => new { e.SchoolYear, e.Students }).ToListAsync(cancellationToken))
            .Select(e => (e.SchoolYear, e.Students)).ToList();
        Classes = await db.SchoolClasses.Where(c => c.SchoolId == Id)
            .OrderBy(c => c.Section).ThenBy(c => c.EntryYear).ThenBy(c => c.Number)
            .Select(c => new ClassRow(c.Section, c.EntryYear, c.Number))
            .ToListAsync(cancellationToken);
        return true;
    }
}
