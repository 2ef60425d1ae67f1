using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Lecturers;

/// <summary>新增/编辑讲师 — a principal or head teacher appointed to the team, or stood down (kept with their lectures).</summary>
[Authorize(Policy = Policies.LecturerManagers)]
public class LecturerModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The version of the record the form was shown with: a save over someone else's change is refused.</summary>
    [BindProperty]
    public uint RowVersion { get; set; }

    public List<SelectListItem> Schools { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StaffName")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_LecturerPost")]
        public LecturerPost? Post { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_School")]
        public int? SchoolId { get; set; }

        [Display(Name = "Field_Speciality")]
        [StringLength(60, ErrorMessage = "Validation_StringLength")]
        public string? Speciality { get; set; }

        [Display(Name = "Lecturers_ActiveMember")]
        public bool Active { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Id is null)
        {
            return Page();
        }

        var l = await db.Lecturers.SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
        if (l is null)
        {
            return NotFound();
        }

        RowVersion = db.Entry(l).Property<uint>(nameof(RowVersion)).CurrentValue;
        Input = new InputModel { Name = l.Name, Post = l.Post, SchoolId = l.SchoolId, Speciality = l.Speciality, Active = l.Active };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.SchoolId is { } schoolId && !await db.Schools.AnyAsync(s => s.Id == schoolId, cancellationToken))
        {
            ModelState.AddModelError("Input.SchoolId", t["Validation_Choose", t["Field_School"]]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            Lecturer lecturer;
            if (Id is null)
            {
                lecturer = new Lecturer(Input.Name, Input.Post!.Value, Input.SchoolId!.Value, Input.Speciality);
                db.Lecturers.Add(lecturer);
            }
            else
            {
                var found = await db.Lecturers.SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                lecturer = found;
                db.Entry(lecturer).Property(nameof(RowVersion)).OriginalValue = RowVersion;
                lecturer.Change(Input.Name, Input.Post!.Value, Input.SchoolId!.Value, Input.Speciality);
            }

            lecturer.SetActive(Input.Active);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "lecturer", lecturer.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", lecturer.Name].Value;
            return RedirectToPage("Index");
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            await LoadAsync(cancellationToken);
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Schools = await Admin.Schools.SchoolOptions.SchoolsAsync(db, cancellationToken);
}
