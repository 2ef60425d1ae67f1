using System.Security.Claims;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// Which support assignments a user may see (R4): those of the students they may see — the whole
/// school for leaders and psychology teachers, their classes for head teachers — and, for anyone,
/// the assignments whose team they sit on (their account is linked to a staff member on the team).
/// </summary>
public static class SupportAccess
{
    public static IQueryable<SupportAssignment> AssignmentsOf(this AppDbContext db, ClaimsPrincipal user)
    {
        var schoolId = user.Scope().SchoolId;
        var students = db.StudentsOf(user).Select(s => s.Id);
        var mine = db.StaffIdsOf(user);
        return db.SupportAssignments.Where(a => a.SchoolId == schoolId
            && (students.Contains(a.StudentId) || a.Members.Any(m => mine.Contains(m.StaffMemberId))));
    }

    /// <summary>The staff members (of the user's school, still there) the signed-in account is linked to.</summary>
    public static IQueryable<int> StaffIdsOf(this AppDbContext db, ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var schoolId = user.Scope().SchoolId;
        return db.StaffMembers.Where(m => userId != null && m.UserId == userId && m.SchoolId == schoolId && m.LeftOn == null).Select(m => m.Id);
    }

    /// <summary>Who forms, re-forms and closes teams: the school's leaders and psychology teachers.</summary>
    public static bool ManagesSupport(this ClaimsPrincipal user) => user.SeesWholeSchool();

    /// <summary>复查周期 as an admin last set it (/Admin/ReviewCadence); R4 defaults 7 / 14 / 30 days.</summary>
    public static Task<ReviewCadence> CadenceAsync(AppDbContext db, CancellationToken cancellationToken) =>
        ReviewCadenceSetting.CurrentAsync(db, cancellationToken);
}
