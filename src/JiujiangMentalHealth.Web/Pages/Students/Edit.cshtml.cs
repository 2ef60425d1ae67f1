using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
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

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>
/// 新增/编辑学生档案 — profile, class, key populations and family situation. School leaders and
/// psychology teachers add students; head teachers may update their own students.
/// </summary>
public class EditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Classes { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StudentNumber")]
        [StringLength(19, ErrorMessage = "Validation_StringLength")]
        public string StudentNumber { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StudentName")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Gender")]
        public Gender? Gender { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_BirthDate")]
        public DateOnly? BirthDate { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Students_Class")]
        public int? ClassId { get; set; }

        public List<KeyPopulations> KeyPopulations { get; set; } = [];

        [Display(Name = "Field_ParentChildRelationship")]
        public ParentChildRelationship ParentChildRelationship { get; set; }

        [Display(Name = "Field_FamilyChanges")]
        [StringLength(500, ErrorMessage = "Validation_StringLength")]
        public string? FamilyChanges { get; set; }

        [Display(Name = "Field_Guardian")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string? GuardianName { get; set; }

        [Display(Name = "Field_GuardianPhone")]
        [StringLength(20, ErrorMessage = "Validation_StringLength")]
        public string? GuardianPhone { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null)
        {
            // Head teachers update their students but do not add students to the school.
            if (!User.SeesWholeSchool())
            {
                return NotFound();
            }
        }
        else
        {
            var student = await db.StudentsOf(User).SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
            if (student is null || !User.ChangesProfileOf(student))
            {
                await audit.RecordAsync("view", "student", Id, AuditLog.Denied, cancellationToken);
                return NotFound();
            }

            Input = new InputModel
            {
                StudentNumber = student.StudentNumber, Name = student.Name, Gender = student.Gender, BirthDate = student.BirthDate,
                ClassId = student.ClassId, ParentChildRelationship = student.ParentChildRelationship, FamilyChanges = student.FamilyChanges,
                GuardianName = student.GuardianName, GuardianPhone = student.GuardianPhone,
                KeyPopulations = Enum.GetValues<KeyPopulations>().Where(f => f != Domain.Students.KeyPopulations.None && student.KeyPopulations.HasFlag(f)).ToList(),
                RowVersion = db.Entry(student).Property<uint>("RowVersion").CurrentValue,
            };
            await audit.RecordAsync("view", "student", Id, cancellationToken: cancellationToken);
        }

        await LoadClassesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        if (Id is null && !User.SeesWholeSchool())
        {
            return NotFound();
        }

        var student = Id is null ? null : await db.StudentsOf(User).SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (Id is not null && (student is null || !User.ChangesProfileOf(student)))
        {
            await audit.RecordAsync("change", "student", Id, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        // A head teacher keeps the student in one of their classes; others choose any class of the school.
        var inSession = SchoolClassQueries.InSession(SchoolYear.Containing(ChinaTime.Today(clock)));
        var allowedClasses = User.SeesWholeSchool()
            ? db.SchoolClasses.Where(c => c.SchoolId == scope.SchoolId).Where(inSession).Select(c => c.Id)
            : db.SchoolClasses.Where(c => scope.ClassIds.Contains(c.Id)).Where(inSession).Select(c => c.Id);
        if (Input.ClassId is { } classId && !await allowedClasses.ContainsAsync(classId, cancellationToken))
        {
            ModelState.AddModelError("Input.ClassId", t["Validation_Choose", t["Students_Class"]]);
        }

        var number = Student.NormaliseNumber(Input.StudentNumber);
        if (await db.Students.AnyAsync(s => s.StudentNumber == number && s.Id != Id, cancellationToken))
        {
            ModelState.AddModelError("Input.StudentNumber", t["Students_NumberTaken"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadClassesAsync(cancellationToken);
            return Page();
        }

        var profile = new StudentProfile(number, Input.Name, Input.Gender!.Value, Input.BirthDate!.Value,
            Input.KeyPopulations.Aggregate(KeyPopulations.None, (all, f) => all | f), Input.ParentChildRelationship,
            Input.FamilyChanges, Input.GuardianName, Input.GuardianPhone);
        try
        {
            if (student is null)
            {
                student = new Student(scope.SchoolId!.Value, Input.ClassId!.Value, profile);
                db.Students.Add(student);
            }
            else
            {
                db.Entry(student).Property("RowVersion").OriginalValue = Input.RowVersion;
                student.Change(Input.ClassId!.Value, profile);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "student", student.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", student.Name].Value;
            return Redirect($"/Students/{student.Id}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Code == "Student_NumberInvalid" ? "Input.StudentNumber" : "", labels.RuleViolation(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            ModelState.AddModelError("Input.StudentNumber", t["Students_NumberTaken"]);
        }

        await LoadClassesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadClassesAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        var thisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var classes = db.SchoolClasses.Where(c => c.SchoolId == scope.SchoolId).Where(SchoolClassQueries.InSession(thisYear));
        if (!User.SeesWholeSchool())
        {
            classes = classes.Where(c => scope.ClassIds.Contains(c.Id));
        }

        var list = await classes.OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number)
            .Select(c => new { c.Id, c.Section, c.EntryYear, c.Number }).ToListAsync(cancellationToken);
        Classes = list.Select(c => new SelectListItem(labels.ClassName(c.Section, c.EntryYear, c.Number, thisYear), c.Id.ToString(), c.Id == Input.ClassId)).ToList();
    }
}
