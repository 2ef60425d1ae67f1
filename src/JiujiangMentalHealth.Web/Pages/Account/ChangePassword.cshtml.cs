using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Account;

/// <summary>修改密码 — every signed-in user changes their own password.</summary>
public class ChangePasswordModel(
    UserManager<ApplicationUser> userManager,
    SignInManager<ApplicationUser> signInManager,
    AuditLog audit,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_CurrentPassword")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

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

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await userManager.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }

            return Page();
        }

        await signInManager.RefreshSignInAsync(user);
        await audit.RecordAsync("change-password", "account", user.Id);
        TempData["Message"] = t["ChangePassword_Done"].Value;
        return RedirectToPage("/Index");
    }
}
