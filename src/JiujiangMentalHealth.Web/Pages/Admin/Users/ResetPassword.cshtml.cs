using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Admin.Users;

/// <summary>重置密码 — an admin sets a new password, which also unlocks the account and ends its sessions.</summary>
public class ResetPasswordModel(UserManager<ApplicationUser> userManager, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string DisplayName { get; private set; } = "";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_NewPassword")]
        [DataType(DataType.Password)]
        [StringLength(128, MinimumLength = 12, ErrorMessage = "Validation_PasswordLength")]
        public string NewPassword { get; set; } = "";

        [Display(Name = "Field_ConfirmPassword")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Validation_PasswordsDiffer")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var result = await userManager.ResetPasswordAsync(user, token, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.NewPassword", error.Description);
            }

            return Page();
        }

        // ResetPasswordAsync renews the security stamp: the user's sessions end.
        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync("reset-password", "user", user.Id);
        TempData["Message"] = t["Users_PasswordResetDone", user.DisplayName].Value;
        return RedirectToPage("Edit", new { id = Id });
    }
}
