using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Support;

/// <summary>帮扶团队中的角色</summary>
public enum TeamRole
{
    /// <summary>校级领导</summary>
    SchoolLeader = 1,

    /// <summary>班主任 (of the student's class)</summary>
    HeadTeacher = 2,

    /// <summary>心理健康教师</summary>
    PsychologyTeacher = 3,

    /// <summary>骨干教师 (tier 3 may use one instead of the head teacher)</summary>
    KeyTeacher = 4,
}

/// <summary>What the team rule needs to know about a proposed member, read from the staff registry.</summary>
public sealed record TeamCandidate(
    int StaffMemberId,
    string Name,
    int SchoolId,
    bool IsActive,
    bool IsSchoolLeader,
    bool IsHeadTeacherOfStudentsClass,
    bool IsPsychologyTeacher,
    bool IsKeyTeacher)
{
    public bool Holds(TeamRole role) => role switch
    {
        TeamRole.SchoolLeader => IsSchoolLeader,
        TeamRole.HeadTeacher => IsHeadTeacherOfStudentsClass,
        TeamRole.PsychologyTeacher => IsPsychologyTeacher,
        TeamRole.KeyTeacher => IsKeyTeacher,
        _ => false,
    };
}

/// <summary>One seat of a team: a staff member in a role.</summary>
public sealed record TeamSeat(int StaffMemberId, TeamRole Role);

/// <summary>
/// 三级包干帮扶 — who a team of each tier must have (R4): tier 1 三包一 = a school leader, the
/// student's head teacher and a psychology teacher, three different people; tier 2 二包一 = the
/// head teacher and a psychology teacher; tier 3 一对一 = the head teacher or a key teacher.
/// Every member is an active staff member of the student's school holding the role they fill.
/// </summary>
public static class SupportTeam
{
    public static IReadOnlyList<TeamRole> RequiredRoles(int tier) => tier switch
    {
        1 => [TeamRole.SchoolLeader, TeamRole.HeadTeacher, TeamRole.PsychologyTeacher],
        2 => [TeamRole.HeadTeacher, TeamRole.PsychologyTeacher],
        3 => [TeamRole.HeadTeacher],
        _ => throw new DomainRuleException("Support_TierOutOfRange"),
    };

    /// <summary>Refuses a team that does not fill its tier, naming the first problem; returns the seats.</summary>
    public static IReadOnlyList<TeamSeat> Check(int tier, int studentSchoolId, IReadOnlyList<(TeamRole Role, TeamCandidate? Member)> seats)
    {
        var required = RequiredRoles(tier);
        var filled = new List<TeamSeat>();
        foreach (var role in required)
        {
            // Tier 3 accepts a key teacher in place of the head teacher.
            var seat = seats.FirstOrDefault(s => s.Member is not null && (s.Role == role || (tier == 3 && role == TeamRole.HeadTeacher && s.Role == TeamRole.KeyTeacher)));
            if (seat.Member is not { } member)
            {
                throw new DomainRuleException("Team_MissingRole", role);
            }

            if (member.SchoolId != studentSchoolId || !member.IsActive)
            {
                throw new DomainRuleException("Team_WrongSchool", member.Name);
            }

            if (!member.Holds(seat.Role))
            {
                throw new DomainRuleException("Team_RoleNotHeld", member.Name, seat.Role);
            }

            filled.Add(new TeamSeat(member.StaffMemberId, seat.Role));
        }

        if (filled.Select(s => s.StaffMemberId).Distinct().Count() != filled.Count)
        {
            throw new DomainRuleException("Team_DuplicatePerson");
        }

        return filled;
    }
}
