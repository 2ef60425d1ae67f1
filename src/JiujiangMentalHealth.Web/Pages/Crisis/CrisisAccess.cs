using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Web.Identity;

namespace JiujiangMentalHealth.Web.Pages.Crisis;

/// <summary>
/// Who may see crisis events and their notes: the school's leaders and psychology teachers, of the
/// event's own school. Head teachers never do (the folder filter already refuses non-school roles).
/// </summary>
public static class CrisisAccess
{
    public static bool Allowed(ClaimsPrincipal user) =>
        (user.IsInRole(Roles.SchoolLeader) || user.IsInRole(Roles.Counsellor)) && user.Scope().SchoolId is not null;

    public static bool MaySee(ClaimsPrincipal user, CrisisEvent crisis) =>
        Allowed(user) && user.Scope().SchoolId == crisis.SchoolId;

    /// <summary>What a 危机事件 puts in the student's support history.</summary>
    public const string PlacementReason = "危机事件：立即列为一级帮扶";
}
