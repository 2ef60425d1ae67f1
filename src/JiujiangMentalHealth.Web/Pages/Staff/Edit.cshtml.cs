using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
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

namespace JiujiangMentalHealth.Web.Pages.Staff;

/// <summary>新增/编辑教职工 — roles, psychology post, head-teacher classes, background and account.</summary>
public class EditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? SchoolId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public StaffSchool.Choice School { get; private set; } = null!;

    public List<SelectListItem> Classes { get; private set; } = [];

    public List<SelectListItem> Users { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StaffName")]
        [StringLength(30, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Gender")]
        public Gender? Gender { get; set; }

        [Display(Name = "Field_StaffNumber")]
        [StringLength(20, ErrorMessage = "Validation_StringLength")]
        public string? StaffNumber { get; set; }

        [Display(Name = "Field_IsSchoolLeader")]
        public bool IsSchoolLeader { get; set; }

        [Display(Name = "Field_IsKeyTeacher")]
        public bool IsKeyTeacher { get; set; }

        [Display(Name = "Field_IsSubjectTeacher")]
        public bool IsSubjectTeacher { get; set; }

        [Display(Name = "Field_PsychologyPost")]
        public PsychologyPost PsychologyPost { get; set; }

        [Display(Name = "Field_HeadTeacherClasses")]
        public List<int> ClassIds { get; set; } = [];

        [Display(Name = "Field_HasPsychologyMajor")]
        public bool HasPsychologyMajor { get; set; }

        [Display(Name = "Field_Certificate")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string? Certificate { get; set; }

        [Display(Name = "Field_JoinedOn")]
        public DateOnly? JoinedOn { get; set; }

        [Display(Name = "Field_LeftOn")]
        public DateOnly? LeftOn { get; set; }

        [Display(Name = "Field_Account")]
        public string? UserId { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Id is not null)
        {
            var member = await db.StaffMembers.Include(m => m.Classes)
                .SingleOrDefaultAsync(m => m.Id == Id && m.SchoolId == School.Id, cancellationToken);
            if (member is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                Name = member.Name, Gender = member.Gender, StaffNumber = member.StaffNumber, IsSchoolLeader = member.IsSchoolLeader,
                IsKeyTeacher = member.IsKeyTeacher, IsSubjectTeacher = member.IsSubjectTeacher, PsychologyPost = member.PsychologyPost,
                ClassIds = member.Classes.Select(c => c.ClassId).ToList(), HasPsychologyMajor = member.HasPsychologyMajor,
                Certificate = member.Certificate, JoinedOn = member.JoinedOn, LeftOn = member.LeftOn, UserId = member.UserId,
                RowVersion = db.Entry(member).Property<uint>("RowVersion").CurrentValue,
            };
        }

        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveSchoolAsync(cancellationToken))
        {
            return NotFound();
        }

        // Another school's staff member is absent whatever the form says: look it up before validating.
        StaffMember? existing = null;
        if (Id is not null)
        {
            existing = await db.StaffMembers.Include(m => m.Classes).SingleOrDefaultAsync(m => m.Id == Id && m.SchoolId == School.Id, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }
        }

        var classIds = Input.ClassIds.Distinct().ToList();
        if (classIds.Count > 0 && await db.SchoolClasses.CountAsync(c => classIds.Contains(c.Id) && c.SchoolId == School.Id, cancellationToken) != classIds.Count)
        {
            ModelState.AddModelError("Input.ClassIds", t["Users_ClassNotInSchool"]);
        }

        if (Input.UserId is { Length: > 0 } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.SchoolId == School.Id, cancellationToken))
        {
            ModelState.AddModelError("Input.UserId", t["Staff_AccountNotInSchool"]);
        }

        var number = Input.StaffNumber?.Trim();
        if (!string.IsNullOrEmpty(number) && await db.StaffMembers.AnyAsync(m => m.SchoolId == School.Id && m.Id != Id && m.StaffNumber == number, cancellationToken))
        {
            ModelState.AddModelError("Input.StaffNumber", t["Import_NumberExists", number]);
        }

        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync(cancellationToken);
            return Page();
        }

        var details = new StaffDetails(Input.Name, Input.Gender!.Value, number, Input.IsSchoolLeader, Input.IsKeyTeacher, Input.IsSubjectTeacher,
            Input.PsychologyPost, Input.HasPsychologyMajor, Input.Certificate, Input.JoinedOn, Input.LeftOn, classIds);
        try
        {
            StaffMember member;
            if (Id is null)
            {
                member = new StaffMember(School.Id, details);
                db.StaffMembers.Add(member);
            }
            else
            {
                member = existing!;
                db.Entry(member).Property("RowVersion").OriginalValue = Input.RowVersion;
                member.Change(details);
            }

            member.LinkUser(string.IsNullOrEmpty(Input.UserId) ? null : Input.UserId);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "staff", member.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", member.Name].Value;
            return RedirectToPage("Index", new { schoolId = SchoolId });
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
            ModelState.AddModelError("", t["Staff_NumberOrAccountTaken"]);
        }

        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> ResolveSchoolAsync(CancellationToken cancellationToken)
    {
        var school = await StaffSchool.ResolveAsync(db, User.Scope(), SchoolId, cancellationToken);
        if (school is null)
        {
            return false;
        }

        School = school;
        return true;
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        var thisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var classes = await db.SchoolClasses.Where(c => c.SchoolId == School.Id).Where(SchoolClassQueries.InSession(thisYear))
            .OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number)
            .Select(c => new { c.Id, c.Section, c.EntryYear, c.Number }).ToListAsync(cancellationToken);
        Classes = classes.Select(c => new SelectListItem(labels.ClassName(c.Section, c.EntryYear, c.Number, thisYear), c.Id.ToString(), Input.ClassIds.Contains(c.Id))).ToList();
        var linked = db.StaffMembers.Where(m => m.UserId != null && m.Id != Id).Select(m => m.UserId);
        Users = await db.Users.Where(u => u.SchoolId == School.Id && !linked.Contains(u.Id)).OrderBy(u => u.UserName)
            .Select(u => new SelectListItem(u.DisplayName + "（" + u.UserName + "）", u.Id)).ToListAsync(cancellationToken);
    }
}
