using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.Web.Identity;

/// <summary>
/// A disabled user can neither sign in nor keep a session: both checks consult <see cref="ApplicationUser.IsDisabled"/>.
/// Every password sign-in is audited here, whichever page asks for it.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    AuditLog audit)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(ApplicationUser? user, string? securityStamp) =>
        user is { IsDisabled: false } && await base.ValidateSecurityStampAsync(user, securityStamp);

    /// <summary>
    /// Signs in as the base class does, and records the attempt: succeeded, wrong password, the attempt
    /// that locked the account, an attempt while locked, or refused because disabled. An attempt with a
    /// name that is no account's is recorded without it — it may be a password typed in the wrong box.
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            Logger.LogWarning("Sign-in refused: the name typed is no account's");
            await audit.RecordForAsync(null, "sign-in", "account", null, AuditLog.Denied);
            return SignInResult.Failed;
        }

        var wasLockedOut = await UserManager.IsLockedOutAsync(user);
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        var action = result.Succeeded ? "sign-in"
            : result.IsNotAllowed ? "sign-in-disabled"
            : result.IsLockedOut ? (wasLockedOut ? "sign-in-locked-out" : "lockout")
            : "sign-in";
        var outcome = result.Succeeded ? AuditLog.Allowed : AuditLog.Denied;
        Logger.Log(result.Succeeded ? LogLevel.Information : LogLevel.Warning, "Sign-in {Action} {Outcome} for {UserName}", action, outcome, user.UserName);
        await audit.RecordForAsync(await CreateUserPrincipalAsync(user), action, "account", user.Id, outcome);
        return result;
    }
}
