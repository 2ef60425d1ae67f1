using System.Security.Claims;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Pages.Support;

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

    /// <summary>
    /// The students a user may open: leaders and psychology teachers the whole school; a head teacher
    /// the students of their classes and those whose current support team they sit on (a tier-3
    /// 一对一 key teacher, say, for a student of another class). Nobody else any.
    /// </summary>
    /// <summary>
    /// Who changes a student's profile: leaders and psychology teachers, and a head teacher for the
    /// students of their own classes — not for a student they see only as a member of the support team.
    /// </summary>
    public static bool ChangesProfileOf(this ClaimsPrincipal user, Student student)
    {
        ArgumentNullException.ThrowIfNull(student);
        return user.SeesWholeSchool() || user.Scope().ClassIds.Contains(student.ClassId);
    }

    public static IQueryable<Student> StudentsOf(this AppDbContext db, ClaimsPrincipal user)
    {
        var scope = user.Scope();
        var visible = db.Students.VisibleTo(scope, user.SeesWholeSchool());
        if (user.SeesWholeSchool() || !user.IsInRole(Roles.HeadTeacher) || scope.SchoolId is not { } schoolId)
        {
            return visible;
        }

        var mine = db.StaffIdsOf(user);
        var teamed = db.SupportAssignments
            .Where(a => a.SchoolId == schoolId && a.Status == AssignmentStatus.Active && a.Members.Any(m => mine.Contains(m.StaffMemberId)))
            .Select(a => a.StudentId);
        var classes = scope.ClassIds.ToList();
        return db.Students.Where(s => s.SchoolId == schoolId && (classes.Contains(s.ClassId) || teamed.Contains(s.Id)));
    }
}
