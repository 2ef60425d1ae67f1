using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;

namespace JiujiangMentalHealth.UnitTests.Support;

public class SupportAssignmentTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);
    private static readonly ReviewCadence Default = new();

    private static readonly TeamSeat[] Tier1Team = [new(1, TeamRole.SchoolLeader), new(2, TeamRole.HeadTeacher), new(3, TeamRole.PsychologyTeacher)];
    private static readonly TeamSeat[] Tier2Team = [new(2, TeamRole.HeadTeacher), new(3, TeamRole.PsychologyTeacher)];
    private static readonly TeamSeat[] Tier3Team = [new(4, TeamRole.KeyTeacher)];

    private static SupportAssignment Assignment(int tier) =>
        SupportAssignment.Start(100, 7, tier, tier switch { 1 => Tier1Team, 2 => Tier2Team, _ => Tier3Team }, Start, "counsellor", "测评后确认");

    private static DomainRuleException Refused(Action action) => Assert.Throws<DomainRuleException>(action);

    [Fact]
    public void Starting_records_the_team_and_a_started_entry()
    {
        var a = Assignment(2);
        Assert.Equal((AssignmentStatus.Active, 2, Start, (DateOnly?)null), (a.Status, a.Tier, a.StartedOn, a.LastFollowUpOn));
        Assert.Equal([(2, TeamRole.HeadTeacher), (3, TeamRole.PsychologyTeacher)], a.Members.Select(m => (m.StaffMemberId, m.Role)));
        var change = Assert.Single(a.Changes);
        Assert.Equal(("started", (int?)null, (int?)2, "测评后确认", "counsellor"), (change.Kind, change.FromTier, change.ToTier, change.Reason, change.By));
        Assert.Equal(["2:2", "3:3"], change.Team);
    }

    [Fact]
    public void Default_cadence_is_weekly_fortnightly_monthly()
    {
        Assert.Equal((7, 14, 30), (Default.DaysFor(1), Default.DaysFor(2), Default.DaysFor(3)));
        Assert.Equal(Start.AddDays(7), Assignment(1).NextReviewDue(Default));
        Assert.Equal(Start.AddDays(14), Assignment(2).NextReviewDue(Default));
        Assert.Equal(Start.AddDays(30), Assignment(3).NextReviewDue(Default));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 14)]
    [InlineData(3, 30)]
    public void Overdue_only_after_the_due_date_has_passed(int tier, int days)
    {
        var a = Assignment(tier);
        Assert.False(a.IsOverdue(Start, Default));
        Assert.False(a.IsOverdue(Start.AddDays(days - 1), Default));
        Assert.False(a.IsOverdue(Start.AddDays(days), Default));
        Assert.True(a.IsOverdue(Start.AddDays(days + 1), Default));
    }

    [Fact]
    public void A_follow_up_restarts_the_cadence_from_its_date()
    {
        var a = Assignment(1);
        var today = Start.AddDays(10);
        Assert.True(a.IsOverdue(today, Default));
        a.LogFollowUp(3, Start.AddDays(9), "CounsellorTalk", "情绪稳定", "下周再谈", "counsellor", today);
        Assert.Equal(Start.AddDays(9), a.LastFollowUpOn);
        Assert.Equal(Start.AddDays(16), a.NextReviewDue(Default));
        Assert.False(a.IsOverdue(Start.AddDays(16), Default));
        Assert.True(a.IsOverdue(Start.AddDays(17), Default));
    }

    [Fact]
    public void An_earlier_follow_up_logged_late_does_not_move_the_last_follow_up_back()
    {
        var a = Assignment(2);
        var today = Start.AddDays(12);
        a.LogFollowUp(2, Start.AddDays(10), "HomeVisit", "家访", null, "headteacher", today);
        a.LogFollowUp(3, Start.AddDays(4), "Counselling", "补录一次辅导", null, "counsellor", today);
        Assert.Equal(Start.AddDays(10), a.LastFollowUpOn);
        Assert.Equal(2, a.FollowUps.Count);
    }

    [Fact]
    public void A_configured_cadence_is_used()
    {
        var cadence = new ReviewCadence(3, 10, 21);
        var a = Assignment(1);
        Assert.Equal(Start.AddDays(3), a.NextReviewDue(cadence));
        Assert.True(a.IsOverdue(Start.AddDays(4), cadence));
        Assert.False(a.IsOverdue(Start.AddDays(4), Default));
    }

    [Fact]
    public void Only_a_team_member_logs_a_follow_up()
    {
        var a = Assignment(2);
        Assert.Equal("Support_NotATeamMember", Refused(() => a.LogFollowUp(1, Start, "LeaderTalk", "谈话", null, "leader", Start)).Code);
        Assert.Empty(a.FollowUps);
    }

    [Fact]
    public void A_follow_up_date_must_lie_between_the_start_and_today()
    {
        var a = Assignment(2);
        var today = Start.AddDays(5);
        Assert.Equal("Support_FollowUpDateInvalid", Refused(() => a.LogFollowUp(2, today.AddDays(1), "HeadTeacherTalk", "谈话", null, "t", today)).Code);
        Assert.Equal("Support_FollowUpDateInvalid", Refused(() => a.LogFollowUp(2, Start.AddDays(-1), "HeadTeacherTalk", "谈话", null, "t", today)).Code);
        a.LogFollowUp(2, Start, "HeadTeacherTalk", "开始当天", null, "t", today);
        a.LogFollowUp(2, today, "HeadTeacherTalk", "今天", null, "t", today);
        Assert.Equal(2, a.FollowUps.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_follow_up_needs_a_summary(string summary)
    {
        var a = Assignment(2);
        Assert.Equal("Support_SummaryInvalid", Refused(() => a.LogFollowUp(2, Start, "HeadTeacherTalk", summary, null, "t", Start)).Code);
        Assert.Null(a.LastFollowUpOn);
    }

    [Fact]
    public void A_follow_up_summary_longer_than_2000_characters_is_refused()
    {
        var a = Assignment(2);
        Assert.Equal("Support_SummaryInvalid", Refused(() => a.LogFollowUp(2, Start, "HeadTeacherTalk", new string('字', 2001), null, "t", Start)).Code);
    }

    [Fact]
    public void Reassessment_keeps_the_history_of_tiers_and_teams()
    {
        var a = Assignment(3);
        var on = Start.AddDays(20);
        a.Reassess(1, Tier1Team, on, "counsellor", "出现自伤言语，升级");
        a.Reassess(1, [new(1, TeamRole.SchoolLeader), new(2, TeamRole.HeadTeacher), new(5, TeamRole.PsychologyTeacher)], on, "counsellor", "更换心理教师");
        a.Reassess(2, Tier2Team, on.AddDays(30), "leader", "情况好转，降级");

        Assert.Equal(2, a.Tier);
        Assert.Equal(["started", "escalated", "team", "deescalated"], a.Changes.Select(c => c.Kind));
        Assert.Equal([(null, 3), (3, 1), (1, 1), (1, 2)], a.Changes.Select(c => (c.FromTier, c.ToTier)).Select(x => ((int?, int?))x));
        Assert.Equal(["4:4"], a.Changes.First().Team);
        Assert.Equal(["1:1", "2:2", "3:5"], a.Changes.ElementAt(2).Team);
        Assert.Equal([2, 3], a.Members.Select(m => m.StaffMemberId));
        Assert.Equal("情况好转，降级", a.Changes.Last().Reason);
        Assert.Equal(Start, a.StartedOn);
    }

    [Fact]
    public void A_reassessment_changes_the_cadence_to_the_new_tier()
    {
        var a = Assignment(3);
        Assert.False(a.IsOverdue(Start.AddDays(8), Default));
        a.Reassess(1, Tier1Team, Start.AddDays(1), "counsellor", "升级为一级");
        Assert.True(a.IsOverdue(Start.AddDays(8), Default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("升级")]
    [InlineData("   好转  ")]
    public void A_reassessment_needs_a_reason_of_four_characters(string reason)
    {
        var a = Assignment(2);
        Assert.Equal("Support_ReasonRequired", Refused(() => a.Reassess(1, Tier1Team, Start, "counsellor", reason)).Code);
        Assert.Equal(2, a.Tier);
        Assert.Single(a.Changes);
    }

    [Fact]
    public void A_reassessment_to_a_tier_outside_1_to_3_is_refused()
    {
        var a = Assignment(2);
        Assert.Equal("Support_TierOutOfRange", Refused(() => a.Reassess(4, Tier2Team, Start, "counsellor", "没有四级帮扶")).Code);
        Assert.Equal("Support_TierOutOfRange", Refused(() => SupportAssignment.Start(1, 7, 0, Tier2Team, Start, "c", null)).Code);
    }

    [Fact]
    public void An_empty_team_is_refused()
    {
        Assert.Equal("Team_MissingRole", Refused(() => SupportAssignment.Start(1, 7, 3, [], Start, "c", null)).Code);
    }

    [Fact]
    public void Closing_needs_a_reason_and_an_outcome()
    {
        var a = Assignment(2);
        Assert.Equal("Support_ClosureNeedsReason", Refused(() => a.Close("", "已好转", Start, "counsellor", null)).Code);
        Assert.Equal("Support_ClosureNeedsReason", Refused(() => a.Close("好转", "已好转", Start, "counsellor", null)).Code);
        Assert.Equal("Support_ClosureNeedsReason", Refused(() => a.Close("连续两次复查正常", " ", Start, "counsellor", null)).Code);
        Assert.Equal(AssignmentStatus.Active, a.Status);
    }

    [Fact]
    public void Closing_tier_2_or_3_needs_no_sign_off_but_keeps_one_given_and_the_history()
    {
        var a = Assignment(2);
        var on = Start.AddDays(40);
        a.Close("连续两次复查正常", "情绪稳定，恢复正常学习", on, "counsellor", "leader");
        Assert.Equal((AssignmentStatus.Closed, (DateOnly?)on, "连续两次复查正常", "情绪稳定，恢复正常学习", (string?)"leader"),
            (a.Status, a.ClosedOn, a.ClosureReason, a.Outcome, a.SignedOffBy));
        var unsigned = Assignment(3);
        unsigned.Close("连续两次复查正常", "情绪稳定", on, "counsellor", null);
        Assert.Equal((AssignmentStatus.Closed, (string?)null), (unsigned.Status, unsigned.SignedOffBy));
        Assert.Equal(["started", "closed"], a.Changes.Select(c => c.Kind));
        Assert.Equal((2, (int?)null), (a.Changes.Last().FromTier!.Value, a.Changes.Last().ToTier));
        Assert.Equal(2, a.Members.Count);
        Assert.False(a.IsOverdue(on.AddDays(365), Default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Closing_tier_1_without_a_leaders_sign_off_is_refused(string? signOff)
    {
        var a = Assignment(1);
        Assert.Equal("Support_Tier1NeedsSignOff", Refused(() => a.Close("危机解除，复学评估通过", "已降级观察后结案", Start, "counsellor", signOff)).Code);
        Assert.Equal(AssignmentStatus.Active, a.Status);
    }

    [Fact]
    public void Closing_tier_1_with_a_leaders_sign_off_records_who_signed()
    {
        var a = Assignment(1);
        a.Close("危机解除，复学评估通过", "恢复正常", Start.AddDays(60), "leader", "leader");
        Assert.Equal((AssignmentStatus.Closed, "leader"), (a.Status, a.SignedOffBy));
    }

    [Fact]
    public void A_closed_assignment_takes_no_more_changes()
    {
        var a = Assignment(3);
        a.Close("连续两次复查正常", "恢复正常", Start.AddDays(31), "counsellor", null);
        Assert.Equal("Support_AlreadyClosed", Refused(() => a.LogFollowUp(4, Start.AddDays(31), "HeadTeacherTalk", "谈话", null, "t", Start.AddDays(31))).Code);
        Assert.Equal("Support_AlreadyClosed", Refused(() => a.Reassess(2, Tier2Team, Start.AddDays(31), "c", "再次升级处理")).Code);
        Assert.Equal("Support_AlreadyClosed", Refused(() => a.Close("再次结案理由", "结果", Start.AddDays(31), "c", null)).Code);
    }

    [Fact]
    public void De_escalating_from_tier_1_does_not_avoid_the_leaders_sign_off()
    {
        var a = Assignment(1);
        a.Reassess(3, Tier3Team, Start.AddDays(20), "counsellor", "连续复查情况好转，降为三级");
        Assert.Equal(3, a.Tier);
        Assert.True(a.WasEverTier1);
        Assert.Equal("Support_Tier1NeedsSignOff", Refused(() => a.Close("三级帮扶期间复查正常", "恢复正常", Start.AddDays(40), "counsellor", null)).Code);

        a.Close("三级帮扶期间复查正常", "恢复正常", Start.AddDays(40), "leader", "leader");
        Assert.Equal((AssignmentStatus.Closed, "leader"), (a.Status, a.SignedOffBy));
    }
}
