using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Workforce;

/// <summary>
/// 师资配备标准 — one version of the staffing rule (R1): a school needs
/// max(minimum, ⌈enrolment / ratio⌉) full-time psychology teachers. Versions take effect on a date
/// and are never edited or deleted once in force, so every figure can be recomputed with the
/// version in force on the date it is about.
/// </summary>
public class StaffingPolicy
{
    public const int DefaultStudentsPerTeacher = 800;
    public const int DefaultMinimumPerSchool = 1;

    /// <summary>The first version, in force since the portal's earliest data.</summary>
    public static readonly DateOnly OriginalEffectiveFrom = new(2000, 1, 1);

    private StaffingPolicy()
    {
    }

    private StaffingPolicy(int studentsPerTeacher, int minimumPerSchool, DateOnly effectiveFrom, string? note)
    {
        if (studentsPerTeacher is < 100 or > 5000)
        {
            throw new DomainRuleException("Policy_RatioOutOfRange");
        }

        if (minimumPerSchool is < 0 or > 10)
        {
            throw new DomainRuleException("Policy_MinimumOutOfRange");
        }

        StudentsPerTeacher = studentsPerTeacher;
        MinimumPerSchool = minimumPerSchool;
        EffectiveFrom = effectiveFrom;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public int Id { get; private set; }

    /// <summary>师生比: students per full-time psychology teacher (800 for 800:1).</summary>
    public int StudentsPerTeacher { get; private set; }

    /// <summary>每校至少配备的专职教师数.</summary>
    public int MinimumPerSchool { get; private set; }

    /// <summary>生效日期: the version applies to figures about this date and later.</summary>
    public DateOnly EffectiveFrom { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedBy { get; private set; }

    public static StaffingPolicy Original() =>
        new(DefaultStudentsPerTeacher, DefaultMinimumPerSchool, OriginalEffectiveFrom, null);

    /// <summary>
    /// A new version. It may start today or later, never in the past (that would rewrite figures
    /// already reported), and not on the same day as another version.
    /// </summary>
    public static StaffingPolicy Add(
        int studentsPerTeacher, int minimumPerSchool, DateOnly effectiveFrom, string? note,
        DateOnly today, IEnumerable<StaffingPolicy> existing, DateTimeOffset now, string createdBy)
    {
        if (effectiveFrom < today)
        {
            throw new DomainRuleException("Policy_EffectiveInPast");
        }

        if (existing.Any(p => p.EffectiveFrom == effectiveFrom))
        {
            throw new DomainRuleException("Policy_DateTaken");
        }

        return new StaffingPolicy(studentsPerTeacher, minimumPerSchool, effectiveFrom, note)
        {
            CreatedAt = now,
            CreatedBy = createdBy,
        };
    }

    /// <summary>Only a version not yet in force may be withdrawn.</summary>
    public void EnsureCanWithdraw(DateOnly today)
    {
        if (EffectiveFrom <= today)
        {
            throw new DomainRuleException("Policy_AlreadyInForce");
        }
    }

    /// <summary>应配专职教师数 = max(minimum, ⌈enrolment / ratio⌉).</summary>
    public int RequiredFullTime(int enrolment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(enrolment);
        var byRatio = (enrolment + StudentsPerTeacher - 1) / StudentsPerTeacher;
        return Math.Max(MinimumPerSchool, byRatio);
    }

    /// <summary>The version in force on a date: the latest one that took effect on or before it.</summary>
    public static StaffingPolicy InForceOn(IEnumerable<StaffingPolicy> versions, DateOnly date) =>
        versions.Where(p => p.EffectiveFrom <= date).MaxBy(p => p.EffectiveFrom)
        ?? throw new InvalidOperationException($"No staffing policy was in force on {date:yyyy-MM-dd}");
}
