namespace JiujiangMentalHealth.Domain.Workforce;

/// <summary>配备状态</summary>
public enum StaffingStatus
{
    /// <summary>达标</summary>
    Compliant = 1,

    /// <summary>短缺: fewer full-time teachers than required.</summary>
    ShortStaffed = 2,

    /// <summary>无专职教师: required but none at all — the most urgent.</summary>
    NoFullTime = 3,
}

/// <summary>
/// 师资配备情况 of one school on one date: the enrolment of that school year, the requirement of
/// the policy in force, and the full- and part-time teachers then on staff.
/// </summary>
public sealed record SchoolStaffing(int? Enrolment, int Required, int FullTime, int PartTime)
{
    public static SchoolStaffing For(StaffingPolicy policy, int? enrolment, int fullTime, int partTime) =>
        new(enrolment, policy.RequiredFullTime(enrolment ?? 0), fullTime, partTime);

    /// <summary>缺口: a surplus elsewhere never fills it.</summary>
    public int Shortfall => Math.Max(0, Required - FullTime);

    public StaffingStatus Status =>
        Shortfall == 0 ? StaffingStatus.Compliant
        : FullTime == 0 ? StaffingStatus.NoFullTime
        : StaffingStatus.ShortStaffed;
}

/// <summary>师资配备汇总 — schools rolled up to a district or the city.</summary>
public sealed record StaffingTotals(
    int Schools,
    int Enrolment,
    int Required,
    int FullTime,
    int PartTime,
    int Shortfall,
    int SchoolsShort,
    int SchoolsWithoutFullTime)
{
    public static StaffingTotals Of(IEnumerable<SchoolStaffing> schools)
    {
        var list = schools.ToList();
        return new StaffingTotals(
            list.Count,
            list.Sum(s => s.Enrolment ?? 0),
            list.Sum(s => s.Required),
            list.Sum(s => s.FullTime),
            list.Sum(s => s.PartTime),
            list.Sum(s => s.Shortfall),
            list.Count(s => s.Shortfall > 0),
            list.Count(s => s.FullTime == 0));
    }
}
