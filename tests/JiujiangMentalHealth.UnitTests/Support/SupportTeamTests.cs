using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;

namespace JiujiangMentalHealth.UnitTests.Support;

public class SupportTeamTests
{
    private const int School = 7;

    private static readonly TeamCandidate Leader = new(1, "王校长", School, true, true, false, false, false);
    private static readonly TeamCandidate HeadTeacher = new(2, "陈老师", School, true, false, true, false, false);
    private static readonly TeamCandidate Psychology = new(3, "李老师", School, true, false, false, true, false);
    private static readonly TeamCandidate KeyTeacher = new(4, "周老师", School, true, false, false, false, true);
    private static readonly TeamCandidate LeaderAndPsychology = new(5, "吴副校长", School, true, true, false, true, false);
    private static readonly TeamCandidate OtherSchool = new(6, "外校老师", School + 1, true, false, true, true, false);
    private static readonly TeamCandidate LeftSchool = new(8, "已离职老师", School, false, false, true, true, false);

    private static IReadOnlyList<TeamSeat> Check(int tier, params (TeamRole Role, TeamCandidate? Member)[] seats) =>
        SupportTeam.Check(tier, School, seats);

    private static DomainRuleException Refused(int tier, params (TeamRole Role, TeamCandidate? Member)[] seats) =>
        Assert.Throws<DomainRuleException>(() => Check(tier, seats));

    [Fact]
    public void Required_roles_follow_the_three_tiers()
    {
        Assert.Equal([TeamRole.SchoolLeader, TeamRole.HeadTeacher, TeamRole.PsychologyTeacher], SupportTeam.RequiredRoles(1));
        Assert.Equal([TeamRole.HeadTeacher, TeamRole.PsychologyTeacher], SupportTeam.RequiredRoles(2));
        Assert.Equal([TeamRole.HeadTeacher], SupportTeam.RequiredRoles(3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_tier_outside_1_to_3_is_refused(int tier) =>
        Assert.Equal("Support_TierOutOfRange", Assert.Throws<DomainRuleException>(() => SupportTeam.RequiredRoles(tier)).Code);

    [Fact]
    public void Tier_1_three_for_one_takes_a_leader_the_head_teacher_and_a_psychology_teacher()
    {
        var team = Check(1, (TeamRole.SchoolLeader, Leader), (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, Psychology));
        Assert.Equal([new TeamSeat(1, TeamRole.SchoolLeader), new TeamSeat(2, TeamRole.HeadTeacher), new TeamSeat(3, TeamRole.PsychologyTeacher)], team);
    }

    [Theory]
    [InlineData(TeamRole.SchoolLeader)]
    [InlineData(TeamRole.HeadTeacher)]
    [InlineData(TeamRole.PsychologyTeacher)]
    public void Tier_1_without_any_one_role_is_refused_naming_that_role(TeamRole missing)
    {
        var seats = new (TeamRole, TeamCandidate?)[]
        {
            (TeamRole.SchoolLeader, missing == TeamRole.SchoolLeader ? null : Leader),
            (TeamRole.HeadTeacher, missing == TeamRole.HeadTeacher ? null : HeadTeacher),
            (TeamRole.PsychologyTeacher, missing == TeamRole.PsychologyTeacher ? null : Psychology),
        };
        var e = Refused(1, seats);
        Assert.Equal("Team_MissingRole", e.Code);
        Assert.Equal(missing, Assert.Single(e.Arguments));
    }

    [Fact]
    public void Tier_1_with_a_seat_left_out_altogether_is_refused_naming_the_role()
    {
        var e = Refused(1, (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, Psychology));
        Assert.Equal(("Team_MissingRole", (object)TeamRole.SchoolLeader), (e.Code, e.Arguments[0]));
    }

    [Fact]
    public void Tier_1_with_one_person_in_two_seats_is_refused()
    {
        var e = Refused(1, (TeamRole.SchoolLeader, LeaderAndPsychology), (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, LeaderAndPsychology));
        Assert.Equal("Team_DuplicatePerson", e.Code);
    }

    [Fact]
    public void Tier_1_with_a_leader_who_also_teaches_psychology_in_one_seat_is_accepted()
    {
        var team = Check(1, (TeamRole.SchoolLeader, LeaderAndPsychology), (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, Psychology));
        Assert.Equal(3, team.Select(s => s.StaffMemberId).Distinct().Count());
    }

    [Fact]
    public void Tier_2_two_for_one_takes_the_head_teacher_and_a_psychology_teacher()
    {
        var team = Check(2, (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, Psychology));
        Assert.Equal([new TeamSeat(2, TeamRole.HeadTeacher), new TeamSeat(3, TeamRole.PsychologyTeacher)], team);
    }

    [Theory]
    [InlineData(TeamRole.HeadTeacher)]
    [InlineData(TeamRole.PsychologyTeacher)]
    public void Tier_2_without_any_one_role_is_refused_naming_that_role(TeamRole missing)
    {
        var e = Refused(2,
            (TeamRole.HeadTeacher, missing == TeamRole.HeadTeacher ? null : HeadTeacher),
            (TeamRole.PsychologyTeacher, missing == TeamRole.PsychologyTeacher ? null : Psychology));
        Assert.Equal(("Team_MissingRole", (object)missing), (e.Code, e.Arguments[0]));
    }

    [Fact]
    public void Tier_2_with_the_same_person_in_both_seats_is_refused()
    {
        var both = new TeamCandidate(9, "一人兼任", School, true, false, true, true, false);
        Assert.Equal("Team_DuplicatePerson", Refused(2, (TeamRole.HeadTeacher, both), (TeamRole.PsychologyTeacher, both)).Code);
    }

    [Fact]
    public void Tier_2_does_not_need_a_school_leader_and_ignores_one_offered()
    {
        var team = Check(2, (TeamRole.SchoolLeader, Leader), (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, Psychology));
        Assert.DoesNotContain(team, s => s.Role == TeamRole.SchoolLeader);
    }

    [Fact]
    public void Tier_3_one_to_one_takes_the_head_teacher()
    {
        var team = Check(3, (TeamRole.HeadTeacher, HeadTeacher));
        Assert.Equal([new TeamSeat(2, TeamRole.HeadTeacher)], team);
    }

    [Fact]
    public void Tier_3_takes_a_key_teacher_instead_of_the_head_teacher()
    {
        var team = Check(3, (TeamRole.KeyTeacher, KeyTeacher));
        Assert.Equal([new TeamSeat(4, TeamRole.KeyTeacher)], team);
    }

    [Fact]
    public void Tier_3_without_anyone_is_refused_naming_the_head_teacher()
    {
        var e = Refused(3, (TeamRole.HeadTeacher, null));
        Assert.Equal(("Team_MissingRole", (object)TeamRole.HeadTeacher), (e.Code, e.Arguments[0]));
        Assert.Equal("Team_MissingRole", Refused(3).Code);
    }

    [Fact]
    public void Tier_3_with_someone_who_is_neither_head_teacher_nor_key_teacher_is_refused()
    {
        var e = Refused(3, (TeamRole.KeyTeacher, Psychology));
        Assert.Equal(("Team_RoleNotHeld", "李老师", (object)TeamRole.KeyTeacher), (e.Code, e.Arguments[0], e.Arguments[1]));
    }

    [Fact]
    public void Tier_2_does_not_accept_a_key_teacher_in_place_of_the_head_teacher()
    {
        var e = Refused(2, (TeamRole.KeyTeacher, KeyTeacher), (TeamRole.PsychologyTeacher, Psychology));
        Assert.Equal(("Team_MissingRole", (object)TeamRole.HeadTeacher), (e.Code, e.Arguments[0]));
    }

    [Theory]
    [InlineData(TeamRole.SchoolLeader)]
    [InlineData(TeamRole.HeadTeacher)]
    [InlineData(TeamRole.PsychologyTeacher)]
    public void A_member_in_a_role_they_do_not_hold_is_refused_naming_them_and_the_role(TeamRole role)
    {
        // A key teacher is no leader and no psychology teacher; a leader is not the class's head teacher.
        var impostor = role == TeamRole.HeadTeacher ? Leader : KeyTeacher;
        var seats = new (TeamRole, TeamCandidate?)[]
        {
            (TeamRole.SchoolLeader, role == TeamRole.SchoolLeader ? impostor : Leader),
            (TeamRole.HeadTeacher, role == TeamRole.HeadTeacher ? impostor : HeadTeacher),
            (TeamRole.PsychologyTeacher, role == TeamRole.PsychologyTeacher ? impostor : Psychology),
        };
        var e = Refused(1, seats);
        Assert.Equal(("Team_RoleNotHeld", impostor.Name, (object)role), (e.Code, e.Arguments[0], e.Arguments[1]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_member_of_another_school_is_refused_naming_them(int tier)
    {
        var seats = new (TeamRole, TeamCandidate?)[] { (TeamRole.SchoolLeader, Leader), (TeamRole.HeadTeacher, OtherSchool), (TeamRole.PsychologyTeacher, Psychology) };
        var e = Refused(tier, seats);
        Assert.Equal(("Team_WrongSchool", (object)"外校老师"), (e.Code, e.Arguments[0]));
    }

    [Fact]
    public void A_member_who_has_left_the_school_is_refused_like_one_of_another_school()
    {
        var e = Refused(2, (TeamRole.HeadTeacher, HeadTeacher), (TeamRole.PsychologyTeacher, LeftSchool));
        Assert.Equal(("Team_WrongSchool", (object)"已离职老师"), (e.Code, e.Arguments[0]));
    }

    [Fact]
    public void A_head_teacher_of_another_class_does_not_hold_the_head_teacher_role()
    {
        var otherClass = new TeamCandidate(10, "别班班主任", School, true, false, false, false, false);
        var e = Refused(3, (TeamRole.HeadTeacher, otherClass));
        Assert.Equal(("Team_RoleNotHeld", (object)"别班班主任"), (e.Code, e.Arguments[0]));
    }
}
