using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>
/// The one place that narrows queries to what a user's scope lets them see: the whole city, one
/// district's schools, or one school. Pages filter through these, never by hand.
/// </summary>
public static class ScopeQueries
{
    public static IQueryable<School> VisibleTo(this IQueryable<School> schools, UserScope scope) => scope.Level switch
    {
        ScopeLevel.City => schools,
        ScopeLevel.District => schools.Where(s => s.DistrictId == scope.DistrictId),
        _ => schools.Where(s => s.Id == scope.SchoolId),
    };

    public static IQueryable<District> VisibleTo(this IQueryable<District> districts, UserScope scope, AppDbContext db) => scope.Level switch
    {
        ScopeLevel.City => districts,
        ScopeLevel.District => districts.Where(d => d.Id == scope.DistrictId),
        _ => districts.Where(d => db.Schools.Any(s => s.Id == scope.SchoolId && s.DistrictId == d.Id)),
    };

    public static IQueryable<StaffMember> VisibleTo(this IQueryable<StaffMember> staff, UserScope scope, AppDbContext db) => scope.Level switch
    {
        ScopeLevel.City => staff,
        ScopeLevel.District => staff.Where(m => db.Schools.Any(s => s.Id == m.SchoolId && s.DistrictId == scope.DistrictId)),
        _ => staff.Where(m => m.SchoolId == scope.SchoolId),
    };

    /// <summary>Whether a district is inside the scope (a school user's scope holds no whole district).</summary>
    public static bool Covers(this UserScope scope, District district) => scope.Level switch
    {
        ScopeLevel.City => true,
        ScopeLevel.District => scope.DistrictId == district.Id,
        _ => false,
    };

    /// <summary>Whether a school is inside the scope.</summary>
    public static bool Covers(this UserScope scope, int schoolId, int districtId) => scope.Level switch
    {
        ScopeLevel.City => true,
        ScopeLevel.District => scope.DistrictId == districtId,
        _ => scope.SchoolId == schoolId,
    };
}
