using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Workforce;

/// <summary>心理健康教育岗位 — whether a staff member teaches psychology, full-time (专职) or part-time (兼职).</summary>
public enum PsychologyPost
{
    /// <summary>不承担心理健康教育</summary>
    None = 0,

    /// <summary>专职心理健康教师: counts toward the staffing requirement (R1).</summary>
    FullTime = 1,

    /// <summary>兼职心理健康教师: counted and shown, but not toward the requirement.</summary>
    PartTime = 2,
}

/// <summary>教职工 — a member of a school's staff, with the roles the support teams and staffing rules need.</summary>
public class StaffMember
{
    private readonly List<StaffClass> _classes = [];

    private StaffMember()
    {
    }

    public StaffMember(int schoolId, StaffDetails details)
    {
        SchoolId = schoolId;
        Change(details);
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public string Name { get; private set; } = "";

    public Gender Gender { get; private set; }

    /// <summary>工号: optional, unique within the school when given; tells apart two staff with one name.</summary>
    public string? StaffNumber { get; private set; }

    public bool IsSchoolLeader { get; private set; }

    /// <summary>骨干教师</summary>
    public bool IsKeyTeacher { get; private set; }

    /// <summary>专任（学科）教师</summary>
    public bool IsSubjectTeacher { get; private set; }

    public PsychologyPost PsychologyPost { get; private set; }

    /// <summary>心理学相关专业背景</summary>
    public bool HasPsychologyMajor { get; private set; }

    /// <summary>心理健康教育资格证书, e.g. 心理健康教育教师资格证（C证）.</summary>
    public string? Certificate { get; private set; }

    /// <summary>任职日期: counted from this day on (unknown = always).</summary>
    public DateOnly? JoinedOn { get; private set; }

    /// <summary>离校日期: no longer counted from this day on. Staff are never deleted.</summary>
    public DateOnly? LeftOn { get; private set; }

    /// <summary>The portal account of this person, if they have one.</summary>
    public string? UserId { get; private set; }

    /// <summary>The classes this person is head teacher (班主任) of.</summary>
    public IReadOnlyCollection<StaffClass> Classes => _classes;

    public bool IsHeadTeacher => _classes.Count > 0;

    public bool IsActiveOn(DateOnly date) => (JoinedOn is null || JoinedOn <= date) && (LeftOn is null || LeftOn > date);

    public void Change(StaffDetails details)
    {
        var name = (details.Name ?? "").Trim();
        if (name.Length is 0 or > 30)
        {
            throw new DomainRuleException("Staff_NameInvalid");
        }

        if (!details.IsSchoolLeader && !details.IsKeyTeacher && !details.IsSubjectTeacher
            && details.PsychologyPost == PsychologyPost.None && details.ClassIds.Count == 0)
        {
            throw new DomainRuleException("Staff_NoRole");
        }

        if (details.JoinedOn is { } joined && details.LeftOn is { } left && left <= joined)
        {
            throw new DomainRuleException("Staff_LeftBeforeJoined");
        }

        var number = string.IsNullOrWhiteSpace(details.StaffNumber) ? null : details.StaffNumber.Trim();
        if (number is { Length: > 20 })
        {
            throw new DomainRuleException("Staff_NumberTooLong");
        }

        Name = name;
        Gender = details.Gender;
        StaffNumber = number;
        IsSchoolLeader = details.IsSchoolLeader;
        IsKeyTeacher = details.IsKeyTeacher;
        IsSubjectTeacher = details.IsSubjectTeacher;
        PsychologyPost = details.PsychologyPost;
        HasPsychologyMajor = details.HasPsychologyMajor;
        Certificate = string.IsNullOrWhiteSpace(details.Certificate) ? null : details.Certificate.Trim();
        JoinedOn = details.JoinedOn;
        LeftOn = details.LeftOn;
        _classes.RemoveAll(c => !details.ClassIds.Contains(c.ClassId));
        foreach (var classId in details.ClassIds.Where(id => _classes.All(c => c.ClassId != id)).Distinct())
        {
            _classes.Add(new StaffClass(classId));
        }
    }

    public void LinkUser(string? userId) => UserId = userId;
}

/// <summary>What a form or an import row says about a staff member.</summary>
public sealed record StaffDetails(
    string Name,
    Gender Gender,
    string? StaffNumber,
    bool IsSchoolLeader,
    bool IsKeyTeacher,
    bool IsSubjectTeacher,
    PsychologyPost PsychologyPost,
    bool HasPsychologyMajor,
    string? Certificate,
    DateOnly? JoinedOn,
    DateOnly? LeftOn,
    IReadOnlyCollection<int> ClassIds);

/// <summary>班主任所带班级 — one class a staff member is head teacher of.</summary>
public class StaffClass
{
    private StaffClass()
    {
    }

    internal StaffClass(int classId) => ClassId = classId;

    public int StaffMemberId { get; private set; }

    public int ClassId { get; private set; }
}
