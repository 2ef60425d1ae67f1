using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Web.Identity;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>
/// Whose activities a user sees and records. An activity belongs to its organiser: a school sees
/// its own; a district bureau its own and its schools'; the city bureau and admins everything; the
/// counselling centre only its own outreach (it is not a bureau and sees no school's work).
/// </summary>
public static class OutreachAccess
{
    public static IQueryable<Activity> VisibleTo(this IQueryable<Activity> activities, ClaimsPrincipal user)
    {
        var scope = user.Scope();
        return scope.Level switch
        {
            ScopeLevel.City when user.IsInRole(Roles.CityBureau) || user.IsInRole(Roles.Admin) => activities,
            ScopeLevel.City when user.IsInRole(Roles.CentreStaff) => activities.Where(a => a.Level == OrganiserLevel.Centre),
            ScopeLevel.District when scope.DistrictId is { } district => activities.Where(a => a.DistrictId == district),
            ScopeLevel.School when scope.SchoolId is { } school && (user.IsInRole(Roles.SchoolLeader) || user.IsInRole(Roles.Counsellor)) =>
                activities.Where(a => a.SchoolId == school),
            _ => activities.Where(_ => false),
        };
    }

    /// <summary>The level at which the user records activities (null: the user only reads, as admins do).</summary>
    public static OrganiserLevel? RecordsAt(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CentreStaff) ? OrganiserLevel.Centre
        : user.IsInRole(Roles.CityBureau) ? OrganiserLevel.City
        : user.IsInRole(Roles.DistrictBureau) ? OrganiserLevel.District
        : user.IsInRole(Roles.SchoolLeader) || user.IsInRole(Roles.Counsellor) ? OrganiserLevel.School
        : null;

    /// <summary>Whether the user may change this activity: only its organiser (a district reads its schools' activities).</summary>
    public static bool CanChange(ClaimsPrincipal user, Activity activity)
    {
        var scope = user.Scope();
        return RecordsAt(user) == activity.Level && activity.Level switch
        {
            OrganiserLevel.School => activity.SchoolId == scope.SchoolId,
            OrganiserLevel.District => activity.DistrictId == scope.DistrictId,
            _ => true,
        };
    }

    /// <summary>The lectures a user sees: a school those it hosted, a district those in its schools, the city all.</summary>
    public static IQueryable<FamilyLecture> VisibleTo(this IQueryable<FamilyLecture> lectures, UserScope scope, IQueryable<Domain.City.School> schools) => scope.Level switch
    {
        ScopeLevel.City => lectures,
        ScopeLevel.District => lectures.Where(l => schools.Any(s => s.Id == l.SchoolId && s.DistrictId == scope.DistrictId)),
        _ => lectures.Where(l => l.SchoolId == scope.SchoolId),
    };
}
