using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.Schools;

/// <summary>新增/编辑学校 — 学校标识码, name, district, stage, township-central flag.</summary>
public class EditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Districts { get; private set; } = [];

    public List<SelectListItem> Stages { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_SchoolCode")]
        [RegularExpression(@"^\d{10}$", ErrorMessage = "Validation_SchoolCode")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_SchoolName")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_District")]
        public int? DistrictId { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Stage")]
        public SchoolStage? Stage { get; set; }

        [Display(Name = "Field_IsTownshipCentralOrAbove")]
        public bool IsTownshipCentralOrAbove { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOptionsAsync(cancellationToken);
        if (Id is null)
        {
            Input.IsTownshipCentralOrAbove = true;
            return Page();
        }

        var input = await db.Schools.Where(s => s.Id == Id)
            .Select(s => new InputModel
            {
                Code = s.Code,
                Name = s.Name,
                DistrictId = s.DistrictId,
                Stage = s.Stage,
                IsTownshipCentralOrAbove = s.IsTownshipCentralOrAbove,
                RowVersion = EF.Property<uint>(s, "RowVersion"),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (input is null)
        {
            return NotFound();
        }

        Input = input;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadOptionsAsync(cancellationToken);
        if (Input.DistrictId is { } districtId && !await db.Districts.AnyAsync(d => d.Id == districtId, cancellationToken))
        {
            ModelState.AddModelError("Input.DistrictId", t["Validation_Choose", t["Field_District"]]);
        }

        // Checked even when other fields are wrong, so the user sees every problem at once.
        var code = (Input.Code ?? "").Trim();
        var name = (Input.Name ?? "").Trim();
        if (await db.Schools.AnyAsync(s => s.Id != Id && s.Code == code, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", t["Schools_CodeTaken"]);
        }

        if (await db.Schools.AnyAsync(s => s.Id != Id && s.DistrictId == Input.DistrictId && s.Name == name, cancellationToken))
        {
            ModelState.AddModelError("Input.Name", t["Schools_NameTaken"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            School school;
            if (Id is null)
            {
                school = new School(code, name, Input.DistrictId!.Value, Input.Stage!.Value, Input.IsTownshipCentralOrAbove);
                db.Schools.Add(school);
            }
            else
            {
                var found = await db.Schools.Include(s => s.Classes).SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                school = found;
                db.Entry(school).Property("RowVersion").OriginalValue = Input.RowVersion;
                school.Update(code, name, Input.DistrictId!.Value, Input.Stage!.Value, Input.IsTownshipCentralOrAbove);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "school", school.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", school.Name].Value;
            return RedirectToPage("Details", new { id = school.Id });
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            ModelState.AddModelError("", t["Schools_CodeOrNameTaken"]);
        }

        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        Districts = await SchoolOptions.DistrictsAsync(db, cancellationToken);
        Stages = SchoolOptions.Stages(labels);
    }
}
