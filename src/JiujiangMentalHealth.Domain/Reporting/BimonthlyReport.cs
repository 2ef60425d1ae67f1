using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Reporting;

/// <summary>Where a school's bi-monthly report is in its review.</summary>
public enum ReportState
{
    /// <summary>草稿 — being filled in by the school.</summary>
    Draft = 1,

    /// <summary>已提交 — waiting for the district.</summary>
    Submitted = 2,

    /// <summary>已退回 — sent back by the district with a comment; the school corrects it as a draft.</summary>
    Returned = 3,

    /// <summary>已审核 — approved by the district and locked.</summary>
    Approved = 4,
}

/// <summary>What happened to a report, in the order it happened.</summary>
public enum ReportAction
{
    Saved = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
    Reopened = 5,
}

/// <summary>The figures of a bi-monthly report (R8), as pre-filled from the portal or as reported.</summary>
public sealed record ReportFigures
{
    /// <summary>No figure of one school can be larger than this.</summary>
    public const int Maximum = 100_000;

    /// <summary>在校学生数 (the school year's enrolment).</summary>
    public int Enrolment { get; init; }

    /// <summary>专职心理教师 on the period's last day.</summary>
    public int FullTimeTeachers { get; init; }

    /// <summary>兼职心理教师 on the period's last day.</summary>
    public int PartTimeTeachers { get; init; }

    /// <summary>本期筛查学生数 (distinct students with a valid screening in the period).</summary>
    public int StudentsScreened { get; init; }

    /// <summary>一级帮扶学生数 on the period's last day.</summary>
    public int Tier1 { get; init; }

    /// <summary>二级帮扶学生数.</summary>
    public int Tier2 { get; init; }

    /// <summary>三级帮扶学生数.</summary>
    public int Tier3 { get; init; }

    /// <summary>新发危机事件.</summary>
    public int NewCrises { get; init; }

    /// <summary>转介就医 (green-channel referrals made in the period).</summary>
    public int Referrals { get; init; }

    /// <summary>谈心谈话人次.</summary>
    public int Talks { get; init; }

    /// <summary>家访户次.</summary>
    public int HomeVisits { get; init; }

    /// <summary>参训教师人次.</summary>
    public int Trainees { get; init; }

    /// <summary>开展心理健康活动次数 (the school's own activities held in the period).</summary>
    public int Activities { get; init; }

    /// <summary>活动参与人次.</summary>
    public int ActivityParticipants { get; init; }

    /// <summary>家庭教育讲师团巡讲场次 hosted by the school.</summary>
    public int FamilyLectures { get; init; }

    /// <summary>The figures in report-form order, with their names (resource keys "Report_" + name).</summary>
    public IReadOnlyList<(string Name, int Value)> Items =>
    [
        (nameof(Enrolment), Enrolment), (nameof(FullTimeTeachers), FullTimeTeachers), (nameof(PartTimeTeachers), PartTimeTeachers),
        (nameof(StudentsScreened), StudentsScreened), (nameof(Tier1), Tier1), (nameof(Tier2), Tier2), (nameof(Tier3), Tier3),
        (nameof(NewCrises), NewCrises), (nameof(Referrals), Referrals), (nameof(Talks), Talks), (nameof(HomeVisits), HomeVisits),
        (nameof(Trainees), Trainees), (nameof(Activities), Activities), (nameof(ActivityParticipants), ActivityParticipants),
        (nameof(FamilyLectures), FamilyLectures),
    ];

    /// <summary>The figures that concern students' mental health: shown to bureaus with small-cell suppression.</summary>
    public static IReadOnlySet<string> Sensitive { get; } = new HashSet<string> { nameof(Tier1), nameof(Tier2), nameof(Tier3), nameof(NewCrises), nameof(Referrals) };

    public void Validate()
    {
        foreach (var (name, value) in Items)
        {
            if (value is < 0 or > Maximum)
            {
                throw new DomainRuleException("Report_FigureOutOfRange", name, Maximum);
            }
        }

        if (Tier1 + Tier2 + Tier3 > Enrolment && Enrolment > 0)
        {
            throw new DomainRuleException("Report_TiersExceedEnrolment");
        }
    }
}

/// <summary>
/// 双月数据填报 — one school's report for one bi-monthly period. Pre-filled from the portal; the
/// school may correct figures, with a note, before submitting; the district approves (locking it) or
/// returns it with a comment. Only the district can reopen an approved report, and that is recorded.
/// </summary>
public class BimonthlyReport
{
    private readonly List<ReportEvent> _events = [];

    private BimonthlyReport()
    {
    }

    public BimonthlyReport(int schoolId, BimonthlyPeriod period, ReportFigures prefilled)
    {
        SchoolId = schoolId;
        PeriodStart = period.From;
        State = ReportState.Draft;
        Prefilled = prefilled;
        Reported = prefilled;
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    /// <summary>The first day of the period (odd month, day 1).</summary>
    public DateOnly PeriodStart { get; private set; }

    public BimonthlyPeriod Period => BimonthlyPeriod.Containing(PeriodStart);

    public ReportState State { get; private set; }

    /// <summary>What the portal's own data gave when the school last saved or submitted.</summary>
    public ReportFigures Prefilled { get; private set; } = new();

    /// <summary>What the school reports.</summary>
    public ReportFigures Reported { get; private set; } = new();

    /// <summary>Why reported figures differ from the pre-filled ones (required when they do).</summary>
    public string? CorrectionNote { get; private set; }

    /// <summary>The first submission: timeliness is judged on it, not on a resubmission after a return.</summary>
    public DateTimeOffset? FirstSubmittedAt { get; private set; }

    /// <summary>Whether the first submission was on or before the deadline.</summary>
    public bool? OnTime { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    /// <summary>The district's last return or reopen comment.</summary>
    public string? ReviewComment { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public IReadOnlyCollection<ReportEvent> Events => _events;

    public bool IsEditable => State is ReportState.Draft or ReportState.Returned;

    public bool IsCorrected => Reported != Prefilled;

    /// <summary>Takes the portal's latest figures; figures the school has not corrected follow them.</summary>
    public void Refill(ReportFigures prefilled)
    {
        EnsureEditable();
        if (!IsCorrected)
        {
            Reported = prefilled;
        }

        Prefilled = prefilled;
    }

    public void Save(ReportFigures reported, string? correctionNote, string by, DateTimeOffset now)
    {
        EnsureEditable();
        reported.Validate();
        Reported = reported;
        CorrectionNote = Clean(correctionNote, 1000, "Report_NoteTooLong");
        _events.Add(new ReportEvent(ReportAction.Saved, by, now, null));
    }

    public void Submit(string by, DateTimeOffset now, DateOnly today, DateOnly dueOn)
    {
        EnsureEditable();
        if (today <= Period.To)
        {
            throw new DomainRuleException("Report_PeriodNotEnded");
        }

        Reported.Validate();
        if (IsCorrected && CorrectionNote is null)
        {
            throw new DomainRuleException("Report_CorrectionNoteRequired");
        }

        if (FirstSubmittedAt is null)
        {
            FirstSubmittedAt = now;
            OnTime = today <= dueOn;
        }

        State = ReportState.Submitted;
        SubmittedAt = now;
        SubmittedBy = by;
        _events.Add(new ReportEvent(ReportAction.Submitted, by, now, CorrectionNote));
    }

    public void Return(string comment, string by, DateTimeOffset now)
    {
        if (State != ReportState.Submitted)
        {
            throw new DomainRuleException("Report_NotSubmitted");
        }

        ReviewComment = Clean(comment, 1000, "Report_NoteTooLong") ?? throw new DomainRuleException("Report_ReturnCommentRequired");
        State = ReportState.Returned;
        _events.Add(new ReportEvent(ReportAction.Returned, by, now, ReviewComment));
    }

    public void Approve(string by, DateTimeOffset now)
    {
        if (State != ReportState.Submitted)
        {
            throw new DomainRuleException("Report_NotSubmitted");
        }

        State = ReportState.Approved;
        ApprovedAt = now;
        ApprovedBy = by;
        _events.Add(new ReportEvent(ReportAction.Approved, by, now, null));
    }

    /// <summary>The district unlocks an approved report for correction; the reason is kept.</summary>
    public void Reopen(string reason, string by, DateTimeOffset now)
    {
        if (State != ReportState.Approved)
        {
            throw new DomainRuleException("Report_NotApproved");
        }

        ReviewComment = Clean(reason, 1000, "Report_NoteTooLong") ?? throw new DomainRuleException("Report_ReopenReasonRequired");
        State = ReportState.Returned;
        ApprovedAt = null;
        ApprovedBy = null;
        _events.Add(new ReportEvent(ReportAction.Reopened, by, now, ReviewComment));
    }

    private void EnsureEditable()
    {
        if (State == ReportState.Approved)
        {
            throw new DomainRuleException("Report_Locked");
        }

        if (State == ReportState.Submitted)
        {
            throw new DomainRuleException("Report_AwaitingReview");
        }
    }

    private static string? Clean(string? text, int maxLength, string tooLongCode)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > maxLength ? throw new DomainRuleException(tooLongCode, maxLength) : text;
    }
}

/// <summary>One step in a report's history: saved, submitted, returned (with comment), approved, reopened.</summary>
public class ReportEvent
{
    private ReportEvent()
    {
    }

    public ReportEvent(ReportAction action, string by, DateTimeOffset at, string? comment)
    {
        Action = action;
        By = by;
        At = at;
        Comment = comment;
    }

    public long Id { get; private set; }

    public int ReportId { get; private set; }

    public ReportAction Action { get; private set; }

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public string? Comment { get; private set; }
}
