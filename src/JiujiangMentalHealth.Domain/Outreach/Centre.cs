using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Outreach;

/// <summary>辅导中心人员类别</summary>
public enum CentreRole
{
    /// <summary>专职心理教师</summary>
    FullTimeStaff = 1,

    /// <summary>兼职心理教师</summary>
    PartTimeStaff = 2,

    /// <summary>志愿服务队队员</summary>
    Volunteer = 3,
}

/// <summary>
/// 辅导中心人员 — a member of the staff or of the volunteer team of 九江市未成年人心理健康辅导中心.
/// Volunteers are psychology teachers of the city's schools, so they may name their school.
/// </summary>
public class CentreMember
{
    private CentreMember()
    {
    }

    public CentreMember(string name, CentreRole role, int? schoolId, string? qualification, DateOnly joinedOn)
    {
        Change(name, role, schoolId, qualification);
        JoinedOn = joinedOn;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public CentreRole Role { get; private set; }

    /// <summary>The school the member teaches at (volunteers; part-time staff may too).</summary>
    public int? SchoolId { get; private set; }

    /// <summary>资质, e.g. 国家二级心理咨询师.</summary>
    public string? Qualification { get; private set; }

    public DateOnly JoinedOn { get; private set; }

    public DateOnly? LeftOn { get; private set; }

    public bool IsStaff => Role != CentreRole.Volunteer;

    public bool IsActiveOn(DateOnly day) => JoinedOn <= day && (LeftOn is null || LeftOn > day);

    public void Change(string name, CentreRole role, int? schoolId, string? qualification)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 30)
        {
            throw new DomainRuleException("Centre_NameInvalid");
        }

        if (!Enum.IsDefined(role))
        {
            throw new DomainRuleException("Centre_RoleRequired");
        }

        Name = name;
        Role = role;
        SchoolId = schoolId;
        Qualification = string.IsNullOrWhiteSpace(qualification) ? null : qualification.Trim();
        if (Qualification is { Length: > 60 })
        {
            throw new DomainRuleException("Centre_QualificationTooLong");
        }
    }

    /// <summary>Records the day the member left, or (null) takes back a leaving date entered by mistake.</summary>
    public void Leave(DateOnly? on)
    {
        if (on < JoinedOn)
        {
            throw new DomainRuleException("Centre_LeftBeforeJoined");
        }

        LeftOn = on;
    }
}

/// <summary>咨询渠道 — the channels the letter names.</summary>
public enum ConsultationChannel
{
    /// <summary>面询</summary>
    FaceToFace = 1,

    /// <summary>热线电话 0792-8866353</summary>
    Hotline = 2,

    /// <summary>网络咨询平台“浔庐心语”</summary>
    Online = 3,

    /// <summary>授课</summary>
    Lecture = 4,
}

/// <summary>来访者身份</summary>
public enum ClientKind
{
    /// <summary>学生</summary>
    Student = 1,

    /// <summary>家长</summary>
    Parent = 2,

    /// <summary>教师</summary>
    Teacher = 3,

    /// <summary>其他</summary>
    Other = 4,
}

/// <summary>年龄段 — enough to count, never enough to identify.</summary>
public enum AgeBand
{
    /// <summary>未知</summary>
    Unknown = 0,

    /// <summary>12岁以下</summary>
    Under12 = 1,

    /// <summary>12—14岁</summary>
    From12To14 = 2,

    /// <summary>15—17岁</summary>
    From15To17 = 3,

    /// <summary>18岁及以上</summary>
    Adult = 4,
}

/// <summary>咨询主题</summary>
public enum ConsultationTopic
{
    /// <summary>学业压力</summary>
    StudyPressure = 1,

    /// <summary>情绪困扰</summary>
    Emotions = 2,

    /// <summary>人际关系</summary>
    Relationships = 3,

    /// <summary>亲子关系</summary>
    ParentChild = 4,

    /// <summary>青春期成长</summary>
    Adolescence = 5,

    /// <summary>网络与手机使用</summary>
    Internet = 6,

    /// <summary>家庭变故</summary>
    FamilyChange = 7,

    /// <summary>危机与自伤风险</summary>
    Crisis = 8,

    /// <summary>其他</summary>
    Other = 99,
}

/// <summary>转介去向</summary>
public enum ConsultationReferral
{
    /// <summary>未转介</summary>
    None = 0,

    /// <summary>转介学校</summary>
    School = 1,

    /// <summary>转介医疗机构</summary>
    Hospital = 2,
}

/// <summary>
/// 咨询记录 — one consultation of the counselling centre. Anonymous by design: it never names or
/// links a student; the client is described by kind and age band, and by school only when known.
/// A consultation raising a crisis is referred to the student's school or to a hospital.
/// </summary>
public class Consultation
{
    public const int MaxMinutes = 600;

    private Consultation()
    {
    }

    public Consultation(ConsultationDetails details, string recordedBy, DateTimeOffset now, DateOnly today)
    {
        RecordedBy = recordedBy;
        RecordedAt = now;
        Change(details, today);
    }

    public long Id { get; private set; }

    public ConsultationChannel Channel { get; private set; }

    public DateOnly OccurredOn { get; private set; }

    public ClientKind Client { get; private set; }

    public AgeBand AgeBand { get; private set; }

    /// <summary>The client's school, if known (never shown to that school).</summary>
    public int? SchoolId { get; private set; }

    public ConsultationTopic Topic { get; private set; }

    public int Minutes { get; private set; }

    /// <summary>The centre member who answered.</summary>
    public int? CounsellorId { get; private set; }

    public ConsultationReferral Referral { get; private set; }

    /// <summary>Where to, e.g. 九江市第五人民医院.</summary>
    public string? ReferredTo { get; private set; }

    /// <summary>Sensitive: the centre's own notes, never logged, never shown outside the centre.</summary>
    public string? Notes { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public void Change(ConsultationDetails details, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.OccurredOn > today || details.OccurredOn.Year < 2000)
        {
            throw new DomainRuleException("Consultation_DateOutOfRange");
        }

        if (details.Minutes is < 1 or > MaxMinutes)
        {
            throw new DomainRuleException("Consultation_MinutesOutOfRange", MaxMinutes);
        }

        if (!Enum.IsDefined(details.Channel) || !Enum.IsDefined(details.Client) || !Enum.IsDefined(details.Topic)
            || !Enum.IsDefined(details.AgeBand) || !Enum.IsDefined(details.Referral))
        {
            throw new DomainRuleException("Consultation_ChoiceRequired");
        }

        var referredTo = string.IsNullOrWhiteSpace(details.ReferredTo) ? null : details.ReferredTo.Trim();
        if (details.Referral != ConsultationReferral.None && referredTo is null)
        {
            throw new DomainRuleException("Consultation_ReferralNeedsPlace");
        }

        var notes = string.IsNullOrWhiteSpace(details.Notes) ? null : details.Notes.Trim();
        if (notes is { Length: > 2000 } || referredTo is { Length: > 60 })
        {
            throw new DomainRuleException("Consultation_TextTooLong");
        }

        Channel = details.Channel;
        OccurredOn = details.OccurredOn;
        Client = details.Client;
        AgeBand = details.AgeBand;
        SchoolId = details.SchoolId;
        Topic = details.Topic;
        Minutes = details.Minutes;
        CounsellorId = details.CounsellorId;
        Referral = details.Referral;
        ReferredTo = details.Referral == ConsultationReferral.None ? null : referredTo;
        Notes = notes;
    }
}

/// <summary>What the centre enters about a consultation.</summary>
public sealed record ConsultationDetails(
    ConsultationChannel Channel,
    DateOnly OccurredOn,
    ClientKind Client,
    ConsultationTopic Topic,
    int Minutes,
    AgeBand AgeBand = AgeBand.Unknown,
    int? SchoolId = null,
    int? CounsellorId = null,
    ConsultationReferral Referral = ConsultationReferral.None,
    string? ReferredTo = null,
    string? Notes = null);
