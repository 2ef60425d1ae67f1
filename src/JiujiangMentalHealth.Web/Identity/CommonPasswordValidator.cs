using JiujiangMentalHealth.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Identity;

/// <summary>
/// Refuses passwords that are common or trivially guessable even when long enough (ASVS 2.1.7):
/// a list of well-known passwords, one repeated character, a keyboard or number run, or the
/// user name itself. No composition rules (ASVS 2.1.9).
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<ApplicationUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
        "000000000000", "888888888888", "666666666666", "123123123123", "112233445566",
        "password1234", "password123456", "passwordpassword", "qwertyuiop12", "qwertyuiop123",
        "qwerty123456", "1qaz2wsx3edc", "1q2w3e4r5t6y", "abc123456789", "abcd12345678",
        "a123456789012", "aa1234567890", "admin1234567", "administrator", "admin@123456",
        "woaini1314520", "woaini520520", "woaini123456", "5201314520131", "520131452013",
        "iloveyou1234", "zxcvbnm12345", "asdfghjkl123", "1234qwerasdf", "qwer1234asdf",
        "jiujiang1234", "jiujiang123456", "jiangxi123456", "changeme1234", "welcome12345",
        "letmein12345", "p@ssw0rd1234", "passw0rd1234", "football1234", "baseball1234",
        "computer1234", "internet1234", "sunshine1234", "princess1234", "dragon123456",
        "master123456", "monkey123456", "shadow123456", "superman1234", "trustno11234",
        "aaaaaaaaaaaa", "abcdefghijkl", "abcdefghijklm", "qazwsxedcrfv", "zaq12wsxcde3",
    };

    private static readonly string[] Runs = ["0123456789012345678901234567890", "9876543210987654321098765432109", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsGuessable(password, user.UserName)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = localizer["Identity_PasswordTooCommon"] })
            : IdentityResult.Success);
    }

    public static bool IsGuessable(string password, string? userName)
    {
        var lower = password.ToLowerInvariant();
        return Common.Contains(password)
               || lower.Distinct().Count() <= 2
               || Runs.Any(run => run.Contains(lower, StringComparison.Ordinal))
               || (!string.IsNullOrEmpty(userName) && lower.Contains(userName.ToLowerInvariant(), StringComparison.Ordinal) && lower.Length - userName.Length < 6);
    }
}
