using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.Users;

/// <summary>
/// 新增/编辑用户 — roles and scope (city, one district, one school, and a head teacher's classes),
/// checked against <see cref="UserScope.Validate"/>; disabling, enabling and unlocking.
/// Changing roles or scope renews the security stamp, so the user signs in again with the new rights.
/// </summary>
public class EditModel(
    AppDbContext db,
    UserManager<ApplicationUser> userManager,
    AuditLog audit,
    Labels labels,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool IsDisabled { get; private set; }

    public bool IsLockedOut { get; private set; }

    public bool IsSelf => Id is not null && Id == userManager.GetUserId(User);

    public List<SelectListItem> Districts { get; private set; } = [];

    public List<SelectListItem> Schools { get; private set; } = [];

    public List<SelectListItem> Classes { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "Field_UserName")]
        [StringLength(64, MinimumLength = 3, ErrorMessage = "Validation_StringLengthRange")]
        [RegularExpression(@"^[A-Za-z0-9._@-]+$", ErrorMessage = "Validation_UserName")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_DisplayName")]
        [StringLength(50, ErrorMessage = "Validation_StringLength")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "Field_Role")]
        public List<string> Roles { get; set; } = [];

        [Display(Name = "Field_District")]
        public int? DistrictId { get; set; }

        [Display(Name = "Field_School")]
        public int? SchoolId { get; set; }

        [Display(Name = "Field_Classes")]
        public List<int> ClassIds { get; set; } = [];

        [Display(Name = "Field_Password")]
        [DataType(DataType.Password)]
        [StringLength(128, MinimumLength = 12, ErrorMessage = "Validation_PasswordLength")]
        public string? Password { get; set; }

        [Display(Name = "Field_ConfirmPassword")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Validation_PasswordsDiffer")]
        public string? ConfirmPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is not null)
        {
            var user = await db.Users.Include(u => u.Classes).SingleOrDefaultAsync(u => u.Id == Id, cancellationToken);
            if (user is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                UserName = user.UserName,
                DisplayName = user.DisplayName,
                Roles = [.. await userManager.GetRolesAsync(user)],
                DistrictId = user.DistrictId,
                SchoolId = user.SchoolId,
                ClassIds = user.Classes.Select(c => c.ClassId).ToList(),
            };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The classes of a school in session this year, for the head-teacher class picker.</summary>
    public async Task<IActionResult> OnGetClassesAsync(int schoolId, CancellationToken cancellationToken)
    {
        var classes = await ClassesOfAsync(schoolId, cancellationToken);
        return new JsonResult(classes.Select(c => new { id = c.Value, name = c.Text }));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var roles = Input.Roles.Where(Roles.All.Contains).Distinct().ToList();
        var level = roles.Count > 0 ? Roles.LevelOf(roles[0]) : ScopeLevel.City;
        var scope = new UserScope(
            level,
            level == ScopeLevel.District ? Input.DistrictId : null,
            level == ScopeLevel.School ? Input.SchoolId : null,
            level == ScopeLevel.School && roles.Contains(Roles.HeadTeacher) ? Input.ClassIds.Distinct().ToList() : []);

        if (Id is null)
        {
            if (string.IsNullOrWhiteSpace(Input.UserName))
            {
                ModelState.AddModelError("Input.UserName", t["Validation_Required", t["Field_UserName"]]);
            }

            if (string.IsNullOrEmpty(Input.Password))
            {
                ModelState.AddModelError("Input.Password", t["Validation_Required", t["Field_Password"]]);
            }
        }

        foreach (var error in UserScope.Validate(roles, scope))
        {
            ModelState.AddModelError(error is "Scope_NoRole" or "Scope_RolesAtDifferentLevels" or "Scope_UnknownRole" or "Scope_CentreStaffAlone" ? "Input.Roles"
                : error == "Scope_DistrictRequired" ? "Input.DistrictId"
                : error == "Scope_SchoolRequired" ? "Input.SchoolId"
                : error.Contains("Class", StringComparison.Ordinal) ? "Input.ClassIds" : "", t[error]);
        }

        await CheckUnitsExistAsync(scope, cancellationToken);
        if (IsSelf && !roles.Contains(Roles.Admin))
        {
            ModelState.AddModelError("Input.Roles", t["Users_CannotDropOwnAdmin"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var isNew = Id is null;
        var user = isNew
            ? new ApplicationUser { UserName = Input.UserName!.Trim() }
            : await db.Users.Include(u => u.Classes).SingleOrDefaultAsync(u => u.Id == Id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        user.DisplayName = Input.DisplayName.Trim();
        user.ScopeLevel = scope.Level;
        user.DistrictId = scope.DistrictId;
        user.SchoolId = scope.SchoolId;
        user.Classes.RemoveAll(c => !scope.ClassIds.Contains(c.ClassId));
        user.Classes.AddRange(scope.ClassIds.Where(id => user.Classes.All(c => c.ClassId != id)).Select(id => new UserClass { ClassId = id }));

        // User, classes and roles are saved together or not at all. The retrying execution
        // strategy requires a user-started transaction to run inside it.
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var saved = isNew ? await userManager.CreateAsync(user, Input.Password!) : await userManager.UpdateAsync(user);
            if (saved.Succeeded)
            {
                var current = await userManager.GetRolesAsync(user);
                saved = await userManager.RemoveFromRolesAsync(user, current.Except(roles));
                if (saved.Succeeded)
                {
                    saved = await userManager.AddToRolesAsync(user, roles.Except(current));
                }

                if (saved.Succeeded && !isNew)
                {
                    // Roles or scope may have changed: the user signs in again to get them.
                    saved = await userManager.UpdateSecurityStampAsync(user);
                }
            }

            if (saved.Succeeded)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return saved;
        });

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : "", error.Description);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        // One entry for the account, its roles and its scope: they are saved together.
        await audit.RecordAsync(isNew ? "create" : "change", "user", user.Id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Common_Saved", user.DisplayName].Value;
        return RedirectToPage("Index");
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        ChangeStatusAsync("disable", user => user.IsDisabled = true, "Users_DisabledDone", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        ChangeStatusAsync("enable", user => user.IsDisabled = false, "Users_EnabledDone", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        ChangeStatusAsync("unlock", user =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }, "Users_UnlockedDone", cancellationToken);

    private async Task<IActionResult> ChangeStatusAsync(string action, Action<ApplicationUser> change, string doneKey, CancellationToken cancellationToken)
    {
        var user = Id is null ? null : await userManager.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        if (IsSelf)
        {
            TempData["Message"] = t["Users_CannotChangeOwnStatus"].Value;
            return RedirectToPage(new { id = Id });
        }

        change(user);
        // A new security stamp ends the user's current sessions at their next check.
        await userManager.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(action, "user", user.Id, cancellationToken: cancellationToken);
        TempData["Message"] = t[doneKey, user.DisplayName].Value;
        return RedirectToPage(new { id = Id });
    }

    private async Task CheckUnitsExistAsync(UserScope scope, CancellationToken cancellationToken)
    {
        if (scope.DistrictId is { } districtId && !await db.Districts.AnyAsync(d => d.Id == districtId, cancellationToken))
        {
            ModelState.AddModelError("Input.DistrictId", t["Validation_Choose", t["Field_District"]]);
        }

        if (scope.SchoolId is { } schoolId && !await db.Schools.AnyAsync(s => s.Id == schoolId, cancellationToken))
        {
            ModelState.AddModelError("Input.SchoolId", t["Validation_Choose", t["Field_School"]]);
        }

        if (scope.ClassIds.Count > 0)
        {
            var ids = scope.ClassIds;
            var inSchool = await db.SchoolClasses.CountAsync(c => ids.Contains(c.Id) && c.SchoolId == scope.SchoolId, cancellationToken);
            if (inSchool != ids.Count)
            {
                ModelState.AddModelError("Input.ClassIds", t["Users_ClassNotInSchool"]);
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Id is not null)
        {
            var status = await db.Users.Where(u => u.Id == Id).Select(u => new { u.IsDisabled, u.LockoutEnd }).SingleAsync(cancellationToken);
            IsDisabled = status.IsDisabled;
            IsLockedOut = status.LockoutEnd > clock.GetUtcNow();
        }

        Districts = await db.Districts.OrderBy(d => d.SortOrder)
            .Select(d => new SelectListItem(d.Name, d.Id.ToString())).ToListAsync(cancellationToken);
        var schools = await db.Schools.OrderBy(s => s.District!.SortOrder).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, District = s.District!.Name }).ToListAsync(cancellationToken);
        var groups = schools.Select(s => s.District).Distinct().ToDictionary(d => d, d => new SelectListGroup { Name = d });
        Schools = schools.Select(s => new SelectListItem(s.Name, s.Id.ToString()) { Group = groups[s.District] }).ToList();
        Classes = Input.SchoolId is { } schoolId ? await ClassesOfAsync(schoolId, cancellationToken) : [];
        foreach (var item in Classes)
        {
            item.Selected = Input.ClassIds.Contains(int.Parse(item.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async Task<List<SelectListItem>> ClassesOfAsync(int schoolId, CancellationToken cancellationToken)
    {
        var thisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var classes = await db.SchoolClasses
            .Where(c => c.SchoolId == schoolId)
            .Where(SchoolClassQueries.InSession(thisYear))
            .OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number)
            .Select(c => new { c.Id, c.Section, c.EntryYear, c.Number })
            .ToListAsync(cancellationToken);
        return classes.Select(c => new SelectListItem(labels.ClassName(c.Section, c.EntryYear, c.Number, thisYear), c.Id.ToString())).ToList();
    }
}
