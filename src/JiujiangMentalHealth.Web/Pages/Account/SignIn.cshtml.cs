using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Account;

/// <summary>
/// 登录 — user name and password; five wrong passwords lock the account for 15 minutes. The sign-in
/// manager (<see cref="Identity.PortalSignInManager"/>) logs and audits every attempt, never with what was typed.
/// </summary>
[EnableRateLimiting(PortalSetup.SignInRateLimit)]
public class SignInModel(SignInManager<ApplicationUser> signInManager, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_UserName")]
        [StringLength(64, ErrorMessage = "Validation_StringLength")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Password")]
        [DataType(DataType.Password)]
        [StringLength(128, ErrorMessage = "Validation_StringLength")]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        // The same message whether the user exists, is disabled or typed a wrong password.
        ModelState.AddModelError("", result.IsLockedOut ? t["SignIn_LockedOut"] : t["SignIn_Failed"]);

        return Page();
    }

    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
