using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Centre;

/// <summary>新增/编辑中心人员, and recording that a member left (kept in the roster's history).</summary>
public class MemberModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
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
        [Display(Name = "Field_CentreRole")]
        public CentreRole? Role { get; set; }

        [Display(Name = "Field_School")]
        public int? SchoolId { get; set; }

        [Display(Name = "Field_Qualification")]
        [StringLength(60, ErrorMessage = "Validation_StringLength")]
        public string? Qualification { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_JoinedOn")]
        public DateOnly? JoinedOn { get; set; }

        [Display(Name = "Field_LeftOn")]
        public DateOnly? LeftOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadSchoolsAsync(cancellationToken);
        if (Id is null)
        {
            Input = new InputModel { JoinedOn = ChinaTime.Today(clock) };
            return Page();
        }

        var m = await db.CentreMembers.SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
        if (m is null)
        {
            return NotFound();
        }

        RowVersion = db.Entry(m).Property<uint>(nameof(RowVersion)).CurrentValue;
        Input = new InputModel { Name = m.Name, Role = m.Role, SchoolId = m.SchoolId, Qualification = m.Qualification, JoinedOn = m.JoinedOn, LeftOn = m.LeftOn };
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
            await LoadSchoolsAsync(cancellationToken);
            return Page();
        }

        try
        {
            CentreMember member;
            if (Id is null)
            {
                member = new CentreMember(Input.Name, Input.Role!.Value, Input.SchoolId, Input.Qualification, Input.JoinedOn!.Value);
                db.CentreMembers.Add(member);
            }
            else
            {
                var found = await db.CentreMembers.SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                member = found;
                db.Entry(member).Property(nameof(RowVersion)).OriginalValue = RowVersion;
                member.Change(Input.Name, Input.Role!.Value, Input.SchoolId, Input.Qualification);
            }

            member.Leave(Input.LeftOn);

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "centre-member", member.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", member.Name].Value;
            return RedirectToPage("Roster");
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            await LoadSchoolsAsync(cancellationToken);
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Code == "Centre_LeftBeforeJoined" ? "Input.LeftOn" : e.Code == "Centre_NameInvalid" ? "Input.Name" : "", labels.RuleViolation(e));
            await LoadSchoolsAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadSchoolsAsync(CancellationToken cancellationToken) =>
        Schools = await Admin.Schools.SchoolOptions.SchoolsAsync(db, cancellationToken);
}
