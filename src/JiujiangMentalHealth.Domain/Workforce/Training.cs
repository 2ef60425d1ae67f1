using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Workforce;

/// <summary>培训级别</summary>
public enum TrainingLevel
{
    /// <summary>国家级</summary>
    National = 1,

    /// <summary>省级</summary>
    Provincial = 2,

    /// <summary>市级</summary>
    Municipal = 3,

    /// <summary>县级</summary>
    County = 4,
}

/// <summary>培训项目 — a course (e.g. 九江市2024年中小学心理健康教师培训) and who attended it.</summary>
public class TrainingCourse
{
    private readonly List<TrainingRecord> _records = [];

    private TrainingCourse()
    {
    }

    public TrainingCourse(TrainingLevel level, string name, DateOnly startsOn, decimal hours, string? organiser)
    {
        Change(level, name, startsOn, hours, organiser);
    }

    public int Id { get; private set; }

    public TrainingLevel Level { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly StartsOn { get; private set; }

    /// <summary>The calendar year the course counts for (培训年度).</summary>
    public int Year { get; private set; }

    /// <summary>学时</summary>
    public decimal Hours { get; private set; }

    public string? Organiser { get; private set; }

    public IReadOnlyCollection<TrainingRecord> Records => _records;

    public void Change(TrainingLevel level, string name, DateOnly startsOn, decimal hours, string? organiser)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            throw new DomainRuleException("Training_NameInvalid");
        }

        if (hours is <= 0 or > 1000)
        {
            throw new DomainRuleException("Training_HoursOutOfRange");
        }

        Level = level;
        Name = name;
        StartsOn = startsOn;
        Year = startsOn.Year;
        Hours = hours;
        Organiser = string.IsNullOrWhiteSpace(organiser) ? null : organiser.Trim();
    }

    /// <summary>批量登记: adds the staff members not yet recorded and returns how many were new.</summary>
    public int Enrol(IEnumerable<int> staffMemberIds)
    {
        var added = 0;
        foreach (var id in staffMemberIds.Distinct())
        {
            if (_records.All(r => r.StaffMemberId != id))
            {
                _records.Add(new TrainingRecord(id));
                added++;
            }
        }

        return added;
    }
}

/// <summary>培训记录 — one staff member attended one course.</summary>
public class TrainingRecord
{
    private TrainingRecord()
    {
    }

    internal TrainingRecord(int staffMemberId) => StaffMemberId = staffMemberId;

    public int Id { get; private set; }

    public int CourseId { get; private set; }

    public int StaffMemberId { get; private set; }
}

/// <summary>专家库推荐状态</summary>
public enum NominationStatus
{
    /// <summary>已推荐</summary>
    Nominated = 1,

    /// <summary>已入选</summary>
    Selected = 2,

    /// <summary>未入选</summary>
    NotSelected = 3,
}

/// <summary>专家库推荐 — a nomination of a staff member to the provincial expert pool.</summary>
public class ExpertNomination
{
    private ExpertNomination()
    {
    }

    public ExpertNomination(int staffMemberId, int year, string? field)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainRuleException("Expert_YearOutOfRange");
        }

        StaffMemberId = staffMemberId;
        Year = year;
        Field = string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        Status = NominationStatus.Nominated;
    }

    public int Id { get; private set; }

    public int StaffMemberId { get; private set; }

    public int Year { get; private set; }

    /// <summary>专业方向, e.g. 心理健康教育、心理咨询.</summary>
    public string? Field { get; private set; }

    public NominationStatus Status { get; private set; }

    public void Decide(NominationStatus status) => Status = status;
}
