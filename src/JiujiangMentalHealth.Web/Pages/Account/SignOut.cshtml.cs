using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JiujiangMentalHealth.Web.Pages.Account;

/// <summary>退出登录 — POST only, so a link on another site cannot sign a user out.</summary>
public class SignOutModel(SignInManager<ApplicationUser> signInManager, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        // The request still carries the user who signed out, so the entry names them.
        await audit.RecordAsync("sign-out", "account", signInManager.UserManager.GetUserId(User));
        return RedirectToPage("/Account/SignIn");
    }
}
