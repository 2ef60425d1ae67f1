using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Outreach;

/// <summary>讲师身份 — the team is made of principals and excellent head teachers.</summary>
public enum LecturerPost
{
    /// <summary>校长</summary>
    Principal = 1,

    /// <summary>副校长</summary>
    VicePrincipal = 2,

    /// <summary>优秀班主任</summary>
    HeadTeacher = 3,
}

/// <summary>
/// 九江市家庭教育讲师团成员 — one of the 52 principals and head teachers the city bureau appointed
/// to tour the districts with family-education lectures.
/// </summary>
public class Lecturer
{
    private Lecturer()
    {
    }

    public Lecturer(string name, LecturerPost post, int schoolId, string? speciality)
    {
        Change(name, post, schoolId, speciality);
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public LecturerPost Post { get; private set; }

    public int SchoolId { get; private set; }

    /// <summary>主讲方向, e.g. 亲子沟通、青春期家庭教育.</summary>
    public string? Speciality { get; private set; }

    public bool Active { get; private set; } = true;

    public void Change(string name, LecturerPost post, int schoolId, string? speciality)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 30)
        {
            throw new DomainRuleException("Lecturer_NameInvalid");
        }

        speciality = string.IsNullOrWhiteSpace(speciality) ? null : speciality.Trim();
        if (speciality is { Length: > 60 })
        {
            throw new DomainRuleException("Lecturer_SpecialityTooLong");
        }

        Name = name;
        Post = post;
        SchoolId = schoolId;
        Speciality = speciality;
    }

    public void SetActive(bool active) => Active = active;
}

/// <summary>家庭教育巡讲 — one touring lecture of a lecturer at a school.</summary>
public class FamilyLecture
{
    private FamilyLecture()
    {
    }

    public FamilyLecture(int lecturerId, int schoolId, DateOnly heldOn, string topic, Audience audience, int participants, DateOnly today)
    {
        topic = (topic ?? "").Trim();
        if (topic.Length is 0 or > 100)
        {
            throw new DomainRuleException("FamilyLecture_TopicInvalid");
        }

        if (heldOn > today.AddYears(1) || heldOn.Year < 2000)
        {
            throw new DomainRuleException("Activity_DateOutOfRange");
        }

        if (audience == Audience.None)
        {
            throw new DomainRuleException("Activity_AudienceRequired");
        }

        if (participants is < 0 or > 10_000 || (heldOn > today && participants > 0))
        {
            throw new DomainRuleException(heldOn > today ? "Activity_PlannedHasNoParticipants" : "Activity_ParticipantsOutOfRange", 10_000);
        }

        LecturerId = lecturerId;
        SchoolId = schoolId;
        HeldOn = heldOn;
        Topic = topic;
        Audience = audience;
        Participants = participants;
    }

    public long Id { get; private set; }

    public int LecturerId { get; private set; }

    /// <summary>The school that hosted the lecture.</summary>
    public int SchoolId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public string Topic { get; private set; } = "";

    public Audience Audience { get; private set; }

    public int Participants { get; private set; }
}
