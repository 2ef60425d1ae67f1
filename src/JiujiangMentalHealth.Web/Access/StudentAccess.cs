using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Identity;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>The students the signed-in user may see, in one place for every student page.</summary>
public static class StudentAccess
{
    /// <summary>School leaders and psychology teachers see the whole school; head teachers their classes.</summary>
    public static bool SeesWholeSchool(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.SchoolLeader) || user.IsInRole(Roles.Counsellor);

    /// <summary>School leaders, psychology teachers and head teachers work with student records; nobody else does.</summary>
    public static bool HoldsStudentRole(ClaimsPrincipal user) =>
        user.IsInRole(Roles.SchoolLeader) || user.IsInRole(Roles.Counsellor) || user.IsInRole(Roles.HeadTeacher);

    public static IQueryable<Student> StudentsOf(this AppDbContext db, ClaimsPrincipal user) =>
        db.Students.VisibleTo(user.Scope(), user.SeesWholeSchool());
}
