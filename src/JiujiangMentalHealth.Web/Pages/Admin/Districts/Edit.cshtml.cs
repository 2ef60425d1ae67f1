using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.Districts;

/// <summary>新增/编辑区县.</summary>
public class EditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_DistrictCode")]
        [RegularExpression(@"^\d{6}$", ErrorMessage = "Validation_DistrictCode")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_DistrictName")]
        [StringLength(50, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Display(Name = "Field_SortOrder")]
        [Range(0, 999, ErrorMessage = "Validation_Range")]
        public int SortOrder { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null)
        {
            Input.SortOrder = await db.Districts.MaxAsync(d => (int?)d.SortOrder, cancellationToken) + 1 ?? 1;
            return Page();
        }

        var input = await db.Districts.Where(d => d.Id == Id)
            .Select(d => new InputModel { Code = d.Code, Name = d.Name, SortOrder = d.SortOrder, RowVersion = EF.Property<uint>(d, "RowVersion") })
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
        // Checked even when other fields are wrong, so the user sees every problem at once.
        var code = (Input.Code ?? "").Trim();
        var name = (Input.Name ?? "").Trim();
        if (await db.Districts.AnyAsync(d => d.Id != Id && d.Code == code, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", t["Districts_CodeTaken"]);
        }

        if (await db.Districts.AnyAsync(d => d.Id != Id && d.Name == name, cancellationToken))
        {
            ModelState.AddModelError("Input.Name", t["Districts_NameTaken"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            District district;
            if (Id is null)
            {
                district = new District(code, name, Input.SortOrder);
                db.Districts.Add(district);
            }
            else
            {
                var found = await db.Districts.SingleOrDefaultAsync(d => d.Id == Id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                district = found;
                db.Entry(district).Property("RowVersion").OriginalValue = Input.RowVersion;
                district.ChangeCode(code);
                district.Rename(name);
                district.MoveTo(Input.SortOrder);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "district", district.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", district.Name].Value;
            return RedirectToPage("Index");
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
            ModelState.AddModelError("", t["Districts_CodeOrNameTaken"]);
        }

        return Page();
    }
}
