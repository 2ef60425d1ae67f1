using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Outreach;

/// <summary>活动类型 (R9 and section 三 of the bureau's letter).</summary>
public enum ActivityType
{
    /// <summary>“5·25”心理健康日</summary>
    MentalHealthDay = 1,

    /// <summary>“10·10”世界精神卫生日</summary>
    WorldMentalHealthDay = 2,

    /// <summary>心理健康教育活动月</summary>
    ActivityMonth = 3,

    /// <summary>主题讲座</summary>
    ThemedLecture = 4,

    /// <summary>团体辅导</summary>
    GroupCounselling = 5,

    /// <summary>生命教育、挫折教育、亲情教育</summary>
    LifeEducation = 6,

    /// <summary>家长讲座</summary>
    ParentLecture = 7,

    /// <summary>“万师润万心·大走访大谈心”</summary>
    TalkCampaign = 8,

    /// <summary>送课到校</summary>
    LessonsToSchools = 9,

    /// <summary>走进社区</summary>
    IntoCommunity = 10,

    /// <summary>其他</summary>
    Other = 99,
}

/// <summary>活动对象 — who the activity was for (any combination).</summary>
[Flags]
public enum Audience
{
    None = 0,

    /// <summary>学生</summary>
    Students = 1,

    /// <summary>家长</summary>
    Parents = 2,

    /// <summary>教师</summary>
    Teachers = 4,
}

/// <summary>合作单位 — the partners the letter names (any combination; others by name).</summary>
[Flags]
public enum Partners
{
    None = 0,

    /// <summary>卫生健康委员会</summary>
    HealthCommission = 1,

    /// <summary>妇女联合会</summary>
    WomensFederation = 2,

    /// <summary>医疗机构</summary>
    Hospital = 4,

    /// <summary>高校（如南昌大学）</summary>
    University = 8,

    /// <summary>公安、社区等</summary>
    Community = 16,
}

/// <summary>主办单位级别 — who organised an activity, and so whose list it is in.</summary>
public enum OrganiserLevel
{
    /// <summary>市教育局</summary>
    City = 1,

    /// <summary>市未成年人心理健康辅导中心</summary>
    Centre = 2,

    /// <summary>县（市、区）教育局</summary>
    District = 3,

    /// <summary>学校</summary>
    School = 4,
}

/// <summary>
/// 心理健康活动 — one activity organised by a school, a district bureau, the city bureau or the
/// counselling centre. It belongs to its organiser: a school's activity is in the school's and its
/// district's lists and counts; the centre's outreach is the centre's own.
/// </summary>
public class Activity
{
    /// <summary>As many as a report figure may hold (an online lecture for the whole city stays below it).</summary>
    public const int MaxParticipants = 100_000;

    private Activity()
    {
    }

    public Activity(OrganiserLevel level, int? districtId, int? schoolId, ActivityDetails details, string recordedBy, DateTimeOffset now, DateOnly today)
    {
        var valid = level switch
        {
            OrganiserLevel.School => schoolId is not null && districtId is not null,
            OrganiserLevel.District => districtId is not null && schoolId is null,
            _ => districtId is null && schoolId is null,
        };
        if (!valid)
        {
            throw new ArgumentException($"An activity organised at level {level} names the wrong units.", nameof(level));
        }

        Level = level;
        DistrictId = districtId;
        SchoolId = schoolId;
        RecordedBy = recordedBy;
        RecordedAt = now;
        Change(details, now, today);
    }

    public long Id { get; private set; }

    public OrganiserLevel Level { get; private set; }

    public int? DistrictId { get; private set; }

    public int? SchoolId { get; private set; }

    public ActivityType Type { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly HeldOn { get; private set; }

    /// <summary>承办 — the person or department that ran it (e.g. 心理健康教育中心组).</summary>
    public string? Organiser { get; private set; }

    public Audience Audience { get; private set; }

    /// <summary>年级 — free text such as 四至六年级, when the audience is students.</summary>
    public string? Grades { get; private set; }

    /// <summary>参与人数 (0 for an activity still planned).</summary>
    public int Participants { get; private set; }

    public Partners Partners { get; private set; }

    /// <summary>Named partners, e.g. 南昌大学、九江市第五人民医院.</summary>
    public string? PartnerNames { get; private set; }

    public string? Summary { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    /// <summary>Whether the activity lies ahead (planned): a planned activity has no participants yet.</summary>
    public bool IsPlanned(DateOnly today) => HeldOn > today;

    public void Change(ActivityDetails details, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(details);
        var title = (details.Title ?? "").Trim();
        if (title.Length is 0 or > 100)
        {
            throw new DomainRuleException("Activity_TitleInvalid");
        }

        if (details.HeldOn > today.AddYears(1) || details.HeldOn.Year < 2000)
        {
            throw new DomainRuleException("Activity_DateOutOfRange");
        }

        if (details.Audience == Audience.None || (details.Audience & ~(Audience.Students | Audience.Parents | Audience.Teachers)) != 0)
        {
            throw new DomainRuleException("Activity_AudienceRequired");
        }

        if (details.Participants is < 0 or > MaxParticipants)
        {
            throw new DomainRuleException("Activity_ParticipantsOutOfRange", MaxParticipants);
        }

        if (details.HeldOn > today && details.Participants > 0)
        {
            throw new DomainRuleException("Activity_PlannedHasNoParticipants");
        }

        if (!Enum.IsDefined(details.Type))
        {
            throw new DomainRuleException("Activity_TypeRequired");
        }

        Type = details.Type;
        Title = title;
        HeldOn = details.HeldOn;
        Organiser = Clean(details.Organiser, 60);
        Audience = details.Audience;
        Grades = (details.Audience & Audience.Students) != 0 ? Clean(details.Grades, 60) : null;
        Participants = details.Participants;
        Partners = details.Partners;
        PartnerNames = Clean(details.PartnerNames, 200);
        Summary = Clean(details.Summary, 2000);
        if (Id != 0)
        {
            ChangedAt = now;
        }
    }

    private static string? Clean(string? text, int max)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > max ? throw new DomainRuleException("Activity_TextTooLong", max) : text;
    }
}

/// <summary>What a user enters about an activity.</summary>
public sealed record ActivityDetails(
    ActivityType Type,
    string Title,
    DateOnly HeldOn,
    Audience Audience,
    int Participants,
    string? Organiser = null,
    string? Grades = null,
    Partners Partners = Partners.None,
    string? PartnerNames = null,
    string? Summary = null);
