using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Workforce;

/// <summary>功能室 — the functional rooms of a standardized counselling room.</summary>
[Flags]
public enum FunctionalRooms
{
    None = 0,

    /// <summary>个体辅导室</summary>
    Individual = 1,

    /// <summary>团体辅导室</summary>
    Group = 2,

    /// <summary>放松室</summary>
    Relaxation = 4,

    /// <summary>沙盘室</summary>
    SandTable = 8,

    /// <summary>心理测评室</summary>
    Assessment = 16,

    /// <summary>宣泄室</summary>
    Catharsis = 32,

    /// <summary>接待室</summary>
    Reception = 64,
}

/// <summary>
/// 心理辅导室（开心驿站）— a school's counselling room (R2). Every school at township-central level
/// or above must have a standardized one.
/// </summary>
public class CounsellingRoom
{
    private CounsellingRoom()
    {
    }

    public CounsellingRoom(int schoolId) => SchoolId = schoolId;

    public int SchoolId { get; private set; }

    /// <summary>建有标准化心理辅导室（开心驿站）</summary>
    public bool IsStandardized { get; private set; }

    public FunctionalRooms Rooms { get; private set; }

    /// <summary>认定（验收）日期</summary>
    public DateOnly? CertifiedOn { get; private set; }

    public void Record(bool isStandardized, FunctionalRooms rooms, DateOnly? certifiedOn, DateOnly today)
    {
        if (certifiedOn > today)
        {
            throw new DomainRuleException("Room_CertifiedInFuture");
        }

        if (isStandardized && rooms == FunctionalRooms.None)
        {
            throw new DomainRuleException("Room_StandardNeedsRooms");
        }

        IsStandardized = isStandardized;
        Rooms = rooms;
        CertifiedOn = isStandardized ? certifiedOn : null;
    }
}
