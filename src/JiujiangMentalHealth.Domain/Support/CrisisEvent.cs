using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Support;

/// <summary>危机干预步骤 — in the order they must happen (R7).</summary>
public enum CrisisStep
{
    /// <summary>发现识别</summary>
    Identified = 1,

    /// <summary>评估</summary>
    Assessed = 2,

    /// <summary>告知监护人</summary>
    GuardianInformed = 3,

    /// <summary>绿色通道转介至医疗机构</summary>
    Referred = 4,

    /// <summary>医院反馈</summary>
    HospitalFeedback = 5,

    /// <summary>复学评估</summary>
    ReturnAssessment = 6,

    /// <summary>结案</summary>
    Closed = 7,
}

/// <summary>
/// 心理危机事件 — its steps are recorded strictly in order, each with who, when and notes; a step
/// that does not apply is marked so with a reason, never skipped. Notes are for the school's
/// leaders and psychology teachers only.
/// </summary>
public class CrisisEvent
{
    private readonly List<CrisisStepRecord> _steps = [];

    private CrisisEvent()
    {
    }

    public long Id { get; private set; }

    public int StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    /// <summary>The screening result (PHQ-9 item 9) that raised it, if any.</summary>
    public long? ScreeningResultId { get; private set; }

    public IReadOnlyCollection<CrisisStepRecord> Steps => _steps;

    /// <summary>The next step to record, or null once closed.</summary>
    public CrisisStep? NextStep =>
        _steps.Count == 0 ? CrisisStep.Identified
        : _steps.Max(s => s.Step) == CrisisStep.Closed ? null
        : _steps.Max(s => s.Step) + 1;

    public bool IsOpen => NextStep is not null;

    /// <summary>Opens the event with its first step, 发现识别, recorded.</summary>
    public static CrisisEvent Open(int studentId, int schoolId, DateOnly on, string by, string notes, long? screeningResultId, DateOnly today)
    {
        var crisis = new CrisisEvent { StudentId = studentId, SchoolId = schoolId, OpenedOn = on, ScreeningResultId = screeningResultId };
        crisis.Record(CrisisStep.Identified, on, by, notes, null, today);
        return crisis;
    }

    /// <summary>Records the next step; any other step is refused (order, no skipping).</summary>
    public CrisisStepRecord Record(CrisisStep step, DateOnly on, string by, string notes, Referral? referral, DateOnly today)
    {
        EnsureNext(step, on, today);
        if (step == CrisisStep.Referred && referral is null)
        {
            throw new DomainRuleException("Crisis_ReferralDetailsRequired");
        }

        var record = new CrisisStepRecord(step, on, by, (notes ?? "").Trim(), notApplicable: false, step == CrisisStep.Referred ? referral : null);
        _steps.Add(record);
        return record;
    }

    /// <summary>不适用 — the step does not apply (e.g. no referral needed), with the reason why.</summary>
    public CrisisStepRecord MarkNotApplicable(CrisisStep step, DateOnly on, string by, string reason, DateOnly today)
    {
        EnsureNext(step, on, today);
        reason = (reason ?? "").Trim();
        if (step is CrisisStep.Identified or CrisisStep.Closed)
        {
            throw new DomainRuleException("Crisis_StepAlwaysApplies");
        }

        if (reason.Length < 4)
        {
            throw new DomainRuleException("Crisis_NotApplicableNeedsReason");
        }

        var record = new CrisisStepRecord(step, on, by, reason, notApplicable: true, null);
        _steps.Add(record);
        return record;
    }

    private void EnsureNext(CrisisStep step, DateOnly on, DateOnly today)
    {
        if (NextStep is not { } next)
        {
            throw new DomainRuleException("Crisis_AlreadyClosed");
        }

        if (step != next)
        {
            throw new DomainRuleException("Crisis_StepOutOfOrder", next);
        }

        if (on > today || (_steps.Count > 0 && on < _steps.Max(s => s.On)))
        {
            throw new DomainRuleException("Crisis_StepDateInvalid");
        }
    }
}

/// <summary>绿色通道转介 — where the student was referred.</summary>
public sealed record Referral(string Hospital, string? Department, DateOnly ReferredOn);

/// <summary>One recorded step of a crisis event.</summary>
public class CrisisStepRecord
{
    private CrisisStepRecord()
    {
    }

    internal CrisisStepRecord(CrisisStep step, DateOnly on, string by, string notes, bool notApplicable, Referral? referral)
    {
        if (notes.Length > 2000)
        {
            throw new DomainRuleException("Crisis_NotesTooLong");
        }

        if (referral is not null && string.IsNullOrWhiteSpace(referral.Hospital))
        {
            throw new DomainRuleException("Crisis_ReferralDetailsRequired");
        }

        Step = step;
        On = on;
        By = by;
        Notes = notes;
        NotApplicable = notApplicable;
        Hospital = referral?.Hospital.Trim();
        Department = string.IsNullOrWhiteSpace(referral?.Department) ? null : referral.Department.Trim();
        ReferredOn = referral?.ReferredOn;
    }

    public long Id { get; private set; }

    public long CrisisEventId { get; private set; }

    public CrisisStep Step { get; private set; }

    public DateOnly On { get; private set; }

    public string By { get; private set; } = "";

    /// <summary>Sensitive: visible to the school's leaders and psychology teachers only.</summary>
    public string Notes { get; private set; } = "";

    public bool NotApplicable { get; private set; }

    public string? Hospital { get; private set; }

    public string? Department { get; private set; }

    public DateOnly? ReferredOn { get; private set; }
}

/// <summary>危机事件处置预案 — a school's emergency plan: version, approval and last drill/review.</summary>
public class EmergencyPlan
{
    private EmergencyPlan()
    {
    }

    public EmergencyPlan(int schoolId) => SchoolId = schoolId;

    public int SchoolId { get; private set; }

    public string Version { get; private set; } = "";

    public DateOnly ApprovedOn { get; private set; }

    public DateOnly? LastReviewedOn { get; private set; }

    public void Record(string version, DateOnly approvedOn, DateOnly? lastReviewedOn, DateOnly today)
    {
        version = (version ?? "").Trim();
        if (version.Length is 0 or > 30)
        {
            throw new DomainRuleException("Plan_VersionInvalid");
        }

        if (approvedOn > today || lastReviewedOn > today || lastReviewedOn < approvedOn)
        {
            throw new DomainRuleException("Plan_DatesInvalid");
        }

        Version = version;
        ApprovedOn = approvedOn;
        LastReviewedOn = lastReviewedOn;
    }

    /// <summary>A plan is current when approved or reviewed within the last year.</summary>
    public bool IsCurrent(DateOnly today) => (LastReviewedOn ?? ApprovedOn) >= today.AddYears(-1);
}
