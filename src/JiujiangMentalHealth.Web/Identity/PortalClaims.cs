using System.Globalization;
using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;

namespace JiujiangMentalHealth.Web.Identity;

/// <summary>The claims that carry a user's scope in the sign-in cookie (refreshed at every security-stamp check).</summary>
public static class PortalClaims
{
    public const string DisplayName = "jmh:display_name";
    public const string ScopeLevel = "jmh:scope_level";
    public const string DistrictId = "jmh:district_id";
    public const string SchoolId = "jmh:school_id";
    public const string ClassId = "jmh:class_id";

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    public static IReadOnlyList<string> PortalRoles(this ClaimsPrincipal user) =>
        Roles.All.Where(user.IsInRole).ToList();

    /// <summary>The signed-in user's scope. A principal without scope claims gets the narrowest possible: nothing.</summary>
    public static UserScope Scope(this ClaimsPrincipal user)
    {
        var level = Enum.TryParse<ScopeLevel>(user.FindFirstValue(ScopeLevel), out var parsed) ? parsed : Domain.Access.ScopeLevel.School;
        return new UserScope(
            level,
            Int(user.FindFirstValue(DistrictId)),
            Int(user.FindFirstValue(SchoolId)),
            user.FindAll(ClassId).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToList());
    }

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
