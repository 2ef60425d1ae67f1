using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Identity;

/// <summary>Identity's error messages in the user's language (zh-CN first).</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Identity_DefaultError");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Identity_ConcurrencyFailure");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Identity_PasswordMismatch");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Identity_InvalidToken");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Identity_InvalidUserName", userName ?? "");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Identity_DuplicateUserName", userName);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Identity_PasswordTooShort", length);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "Identity_UserAlreadyInRole", role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "Identity_UserNotInRole", role);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Identity_DefaultError");

    private IdentityError Error(string code, string key, params object[] arguments) =>
        new() { Code = code, Description = localizer[key, arguments] };
}
