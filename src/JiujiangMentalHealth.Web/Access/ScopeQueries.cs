using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Students;
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

    public static IQueryable<StaffMember> VisibleTo(this IQueryable<StaffMember> staff, UserScope scope, AppDbContext db) => scope.Level switch
    {
        ScopeLevel.City => staff,
        ScopeLevel.District => staff.Where(m => db.Schools.Any(s => s.Id == m.SchoolId && s.DistrictId == scope.DistrictId)),
        _ => staff.Where(m => m.SchoolId == scope.SchoolId),
    };

    /// <summary>
    /// The students a user may see: a school's leaders and psychology teachers see all its
    /// students; a head teacher only those of their classes; everyone else none.
    /// </summary>
    public static IQueryable<Student> VisibleTo(this IQueryable<Student> students, UserScope scope, bool seesWholeSchool)
    {
        if (scope.Level != ScopeLevel.School || scope.SchoolId is null)
        {
            return students.Where(_ => false);
        }

        students = students.Where(s => s.SchoolId == scope.SchoolId);
        if (seesWholeSchool)
        {
            return students;
        }

        var classes = scope.ClassIds.ToList();
        return students.Where(s => classes.Contains(s.ClassId));
    }

    /// <summary>Whether a district is inside the scope (a school user's scope holds no whole district).</summary>
    public static bool Covers(this UserScope scope, District district) => scope.Level switch
    {
        ScopeLevel.City => true,
        ScopeLevel.District => scope.DistrictId == district.Id,
        _ => false,
    };
}
