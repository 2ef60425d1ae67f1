using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// Forms and changes support teams for one student — shared by the support pages and by crisis
/// opening (which puts the student on tier 1 at once). Reads candidates from the staff registry
/// and leaves the rules to <see cref="SupportTeam"/> and <see cref="SupportAssignment"/>.
/// </summary>
public sealed class SupportTeams(AppDbContext db, TimeProvider clock)
{
    /// <summary>The staff of the student's school who could sit on a team, with the roles they hold.</summary>
    public async Task<IReadOnlyList<TeamCandidate>> CandidatesAsync(int studentId, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var student = await db.Students.Where(s => s.Id == studentId).Select(s => new { s.SchoolId, s.ClassId }).SingleAsync(cancellationToken);
        return await db.StaffMembers
            .Where(m => m.SchoolId == student.SchoolId && (m.LeftOn == null || m.LeftOn > today))
            .OrderBy(m => m.Name)
            .Select(m => new TeamCandidate(
                m.Id, m.Name, m.SchoolId, true, m.IsSchoolLeader,
                m.Classes.Any(c => c.ClassId == student.ClassId),
                m.PsychologyPost != PsychologyPost.None,
                m.IsKeyTeacher))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A sensible first proposal for each role of a tier: the current team's member in that role, else
    /// the class's head teacher, a full-time psychology teacher, the school leader.
    /// </summary>
    public static IReadOnlyDictionary<TeamRole, int?> Proposal(int tier, IReadOnlyList<TeamCandidate> candidates, IEnumerable<SupportMember>? current)
    {
        var seats = new Dictionary<TeamRole, int?>();
        foreach (var role in SupportTeam.RequiredRoles(tier))
        {
            seats[role] = current?.FirstOrDefault(m => m.Role == role)?.StaffMemberId
                          ?? candidates.FirstOrDefault(c => c.Holds(role))?.StaffMemberId;
        }

        return seats;
    }

    /// <summary>Checks the chosen people against the tier's rule (message names the missing role).</summary>
    public static IReadOnlyList<TeamSeat> Check(int tier, int studentSchoolId, IReadOnlyList<TeamCandidate> candidates, IReadOnlyDictionary<TeamRole, int?> chosen) =>
        SupportTeam.Check(tier, studentSchoolId, chosen
            .Select(seat => (seat.Key, seat.Value is { } id ? candidates.FirstOrDefault(c => c.StaffMemberId == id) ?? Foreign(id) : null))
            .ToList());

    /// <summary>
    /// Puts the student on <paramref name="tier"/> with <paramref name="team"/>: starts an assignment,
    /// or re-forms the active one (keeping its history). The caller saves.
    /// </summary>
    public async Task<SupportAssignment> PlaceAsync(int studentId, int schoolId, int tier, IReadOnlyList<TeamSeat> team, string reason, string by, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var active = await db.SupportAssignments.Include(a => a.Members).Include(a => a.Changes)
            .SingleOrDefaultAsync(a => a.StudentId == studentId && a.Status == AssignmentStatus.Active, cancellationToken);
        if (active is null)
        {
            active = SupportAssignment.Start(studentId, schoolId, tier, team, today, by, reason);
            db.SupportAssignments.Add(active);
        }
        else
        {
            active.Reassess(tier, team, today, by, reason);
        }

        return active;
    }

    // A staff id that is not among the school's candidates: refused by the rule as another school's.
    private static TeamCandidate Foreign(int id) => new(id, "#" + id, -1, false, false, false, false, false);
}
