using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Students;

/// <summary>谈心谈话与家访 — the six talks of 万师润万心·大走访大谈心 and home visits (万师访万家).</summary>
public enum TalkKind
{
    /// <summary>校领导重点谈</summary>
    LeaderTalk = 1,

    /// <summary>班主任全面谈</summary>
    HeadTeacherTalk = 2,

    /// <summary>心理老师深入谈</summary>
    CounsellorTalk = 3,

    /// <summary>专任老师用心谈</summary>
    SubjectTeacherTalk = 4,

    /// <summary>朋辈之间相互谈</summary>
    PeerTalk = 5,

    /// <summary>学生家长倾心谈</summary>
    ParentTalk = 6,

    /// <summary>家访</summary>
    HomeVisit = 7,
}

/// <summary>谈话/家访记录 — who talked with the student (or visited the family), when, and what follows.</summary>
public class Talk
{
    private Talk()
    {
    }

    public Talk(int studentId, int schoolId, TalkKind kind, DateOnly occurredOn, string byName, string? withWhom, string summary,
        bool followUpNeeded, string recordedBy, DateTimeOffset now, DateOnly today)
    {
        if (occurredOn > today)
        {
            throw new DomainRuleException("Talk_InFuture");
        }

        summary = (summary ?? "").Trim();
        if (summary.Length is 0 or > 2000)
        {
            throw new DomainRuleException("Talk_SummaryInvalid");
        }

        StudentId = studentId;
        SchoolId = schoolId;
        Kind = kind;
        OccurredOn = occurredOn;
        ByName = byName;
        WithWhom = string.IsNullOrWhiteSpace(withWhom) ? null : withWhom.Trim();
        Summary = summary;
        FollowUpNeeded = followUpNeeded;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public long Id { get; private set; }

    public int StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public TalkKind Kind { get; private set; }

    public DateOnly OccurredOn { get; private set; }

    /// <summary>The teacher who talked or visited.</summary>
    public string ByName { get; private set; } = "";

    /// <summary>With whom, for family talks and visits (e.g. 母亲、祖父).</summary>
    public string? WithWhom { get; private set; }

    /// <summary>Sensitive: shown only within scope, never logged.</summary>
    public string Summary { get; private set; } = "";

    public bool FollowUpNeeded { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}
