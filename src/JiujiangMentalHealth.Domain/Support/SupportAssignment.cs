using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Support;

/// <summary>帮扶状态</summary>
public enum AssignmentStatus
{
    /// <summary>帮扶中</summary>
    Active = 1,

    /// <summary>已结案</summary>
    Closed = 2,
}

/// <summary>复查周期 — days between follow-ups per tier (R4 defaults: weekly, fortnightly, monthly).</summary>
public sealed record ReviewCadence(int Tier1Days = 7, int Tier2Days = 14, int Tier3Days = 30)
{
    /// <summary>An admin's setting: 1–180 days each, and a more serious tier never reviewed less often.</summary>
    public static ReviewCadence Create(int tier1Days, int tier2Days, int tier3Days)
    {
        if (new[] { tier1Days, tier2Days, tier3Days }.Any(d => d is < 1 or > 180))
        {
            throw new DomainRuleException("Cadence_OutOfRange");
        }

        if (tier1Days > tier2Days || tier2Days > tier3Days)
        {
            throw new DomainRuleException("Cadence_TierOrder");
        }

        return new ReviewCadence(tier1Days, tier2Days, tier3Days);
    }

    public int DaysFor(int tier) => tier switch
    {
        1 => Tier1Days,
        2 => Tier2Days,
        _ => Tier3Days,
    };
}

/// <summary>
/// 帮扶安排 — a student's support team of one tier, its follow-ups and its history (动态心理建档):
/// every change of tier or team is kept as a <see cref="SupportChange"/>. One active assignment per
/// student; closing needs a reason and an outcome, and a tier-1 closure a school leader's sign-off.
/// </summary>
public class SupportAssignment
{
    private readonly List<SupportMember> _members = [];
    private readonly List<SupportChange> _changes = [];
    private readonly List<FollowUp> _followUps = [];

    private SupportAssignment()
    {
    }

    public long Id { get; private set; }

    public int StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public int Tier { get; private set; }

    public AssignmentStatus Status { get; private set; }

    public DateOnly StartedOn { get; private set; }

    /// <summary>The latest follow-up's date: reviews are due from it (or from the start).</summary>
    public DateOnly? LastFollowUpOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public string? ClosureReason { get; private set; }

    public string? Outcome { get; private set; }

    /// <summary>The school leader (user name) who signed off the closure (required for tier 1).</summary>
    public string? SignedOffBy { get; private set; }

    public IReadOnlyCollection<SupportMember> Members => _members;

    public IReadOnlyCollection<SupportChange> Changes => _changes;

    public IReadOnlyCollection<FollowUp> FollowUps => _followUps;

    public static SupportAssignment Start(int studentId, int schoolId, int tier, IReadOnlyList<TeamSeat> team, DateOnly on, string by, string? reason)
    {
        var assignment = new SupportAssignment
        {
            StudentId = studentId,
            SchoolId = schoolId,
            Status = AssignmentStatus.Active,
            StartedOn = on,
        };
        assignment.Apply(tier, team, on, by, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), previousTier: null);
        return assignment;
    }

    /// <summary>A review is overdue when no follow-up was logged within the tier's cadence.</summary>
    public bool IsOverdue(DateOnly today, ReviewCadence cadence) =>
        Status == AssignmentStatus.Active && NextReviewDue(cadence) < today;

    public DateOnly NextReviewDue(ReviewCadence cadence) =>
        (LastFollowUpOn ?? StartedOn).AddDays(cadence.DaysFor(Tier));

    /// <summary>随访记录 — a team member logs a talk, visit or counselling session.</summary>
    public FollowUp LogFollowUp(int staffMemberId, DateOnly on, string kind, string summary, string? nextStep, string by, DateOnly today)
    {
        EnsureActive();
        if (_members.All(m => m.StaffMemberId != staffMemberId))
        {
            throw new DomainRuleException("Support_NotATeamMember");
        }

        if (on > today || on < StartedOn)
        {
            throw new DomainRuleException("Support_FollowUpDateInvalid");
        }

        var followUp = new FollowUp(staffMemberId, on, kind, summary, nextStep, by);
        _followUps.Add(followUp);
        if (LastFollowUpOn is null || on > LastFollowUpOn)
        {
            LastFollowUpOn = on;
        }

        return followUp;
    }

    /// <summary>升级/降级 or a new team: re-formed to fit the tier, the old tier and team stay in the history.</summary>
    public void Reassess(int tier, IReadOnlyList<TeamSeat> team, DateOnly on, string by, string reason)
    {
        EnsureActive();
        reason = (reason ?? "").Trim();
        if (reason.Length < 4)
        {
            throw new DomainRuleException("Support_ReasonRequired");
        }

        Apply(tier, team, on, by, reason, Tier);
    }

    /// <summary>Whether the student was ever on tier 1 under this assignment (a crisis, or an escalation).</summary>
    public bool WasEverTier1 => Tier == 1 || _changes.Any(c => c.ToTier == 1);

    /// <summary>
    /// 结案 — with a reason and an outcome; an assignment that was ever on tier 1 also needs a school
    /// leader's sign-off, so de-escalating first cannot bypass it.
    /// </summary>
    public void Close(string reason, string outcome, DateOnly on, string by, string? signedOffByLeader)
    {
        EnsureActive();
        reason = (reason ?? "").Trim();
        outcome = (outcome ?? "").Trim();
        if (reason.Length < 4 || outcome.Length < 2)
        {
            throw new DomainRuleException("Support_ClosureNeedsReason");
        }

        if (WasEverTier1 && string.IsNullOrWhiteSpace(signedOffByLeader))
        {
            throw new DomainRuleException("Support_Tier1NeedsSignOff");
        }

        Status = AssignmentStatus.Closed;
        ClosedOn = on;
        ClosureReason = reason;
        Outcome = outcome;
        // Required for tier 1; a leader may sign any closure.
        SignedOffBy = string.IsNullOrWhiteSpace(signedOffByLeader) ? null : signedOffByLeader;
        _changes.Add(new SupportChange(on, Tier, null, "closed", reason, by, []));
    }

    private void Apply(int tier, IReadOnlyList<TeamSeat> team, DateOnly on, string by, string? reason, int? previousTier)
    {
        _ = SupportTeam.RequiredRoles(tier);
        if (team.Count == 0)
        {
            throw new DomainRuleException("Team_MissingRole", TeamRole.HeadTeacher);
        }

        Tier = tier;
        _members.Clear();
        _members.AddRange(team.Select(s => new SupportMember(s.StaffMemberId, s.Role)));
        var kind = previousTier is null ? "started" : tier < previousTier ? "escalated" : tier > previousTier ? "deescalated" : "team";
        _changes.Add(new SupportChange(on, previousTier, tier, kind, reason, by, team.Select(s => $"{(int)s.Role}:{s.StaffMemberId}").ToArray()));
    }

    private void EnsureActive()
    {
        if (Status != AssignmentStatus.Active)
        {
            throw new DomainRuleException("Support_AlreadyClosed");
        }
    }
}

/// <summary>A member of the current team.</summary>
public class SupportMember
{
    private SupportMember()
    {
    }

    internal SupportMember(int staffMemberId, TeamRole role) => (StaffMemberId, Role) = (staffMemberId, role);

    public long Id { get; private set; }

    public long AssignmentId { get; private set; }

    public int StaffMemberId { get; private set; }

    public TeamRole Role { get; private set; }
}

/// <summary>动态心理建档 — one change of an assignment: started, escalated, de-escalated, team changed, closed.</summary>
public class SupportChange
{
    private SupportChange()
    {
    }

    internal SupportChange(DateOnly on, int? fromTier, int? toTier, string kind, string? reason, string by, string[] team)
    {
        On = on;
        FromTier = fromTier;
        ToTier = toTier;
        Kind = kind;
        Reason = reason;
        By = by;
        Team = team;
    }

    public long Id { get; private set; }

    public long AssignmentId { get; private set; }

    public DateOnly On { get; private set; }

    public int? FromTier { get; private set; }

    public int? ToTier { get; private set; }

    /// <summary>started, escalated, deescalated, team, closed.</summary>
    public string Kind { get; private set; } = "";

    public string? Reason { get; private set; }

    public string By { get; private set; } = "";

    /// <summary>The team after the change, as "role:staffId".</summary>
    public string[] Team { get; private set; } = [];
}

/// <summary>随访 — one follow-up by a team member.</summary>
public class FollowUp
{
    private FollowUp()
    {
    }

    internal FollowUp(int staffMemberId, DateOnly on, string kind, string summary, string? nextStep, string by)
    {
        summary = (summary ?? "").Trim();
        if (summary.Length is 0 or > 2000)
        {
            throw new DomainRuleException("Support_SummaryInvalid");
        }

        StaffMemberId = staffMemberId;
        On = on;
        Kind = kind;
        Summary = summary;
        NextStep = string.IsNullOrWhiteSpace(nextStep) ? null : nextStep.Trim();
        By = by;
    }

    public long Id { get; private set; }

    public long AssignmentId { get; private set; }

    public int StaffMemberId { get; private set; }

    public DateOnly On { get; private set; }

    /// <summary>A TalkKind name, or "Counselling" for a counselling session.</summary>
    public string Kind { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string? NextStep { get; private set; }

    public string By { get; private set; } = "";
}
