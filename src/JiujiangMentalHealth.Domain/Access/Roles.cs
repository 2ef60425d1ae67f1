namespace JiujiangMentalHealth.Domain.Access;

/// <summary>角色 — the seven roles of the portal. The names are stored as Identity role names.</summary>
public static class Roles
{
    /// <summary>系统管理员</summary>
    public const string Admin = "Admin";

    /// <summary>市教育局（基教科）</summary>
    public const string CityBureau = "CityBureau";

    /// <summary>县（市、区）教育局</summary>
    public const string DistrictBureau = "DistrictBureau";

    /// <summary>校级领导</summary>
    public const string SchoolLeader = "SchoolLeader";

    /// <summary>心理健康教师（专职/兼职）</summary>
    public const string Counsellor = "Counsellor";

    /// <summary>班主任</summary>
    public const string HeadTeacher = "HeadTeacher";

    /// <summary>市未成年人心理健康辅导中心</summary>
    public const string CentreStaff = "CentreStaff";

    /// <summary>All roles in the order the interface lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Admin, CityBureau, DistrictBureau, SchoolLeader, Counsellor, HeadTeacher, CentreStaff];

    /// <summary>The scope level a role works at: every role of one user must agree on it.</summary>
    public static ScopeLevel LevelOf(string role) => role switch
    {
        Admin or CityBureau or CentreStaff => ScopeLevel.City,
        DistrictBureau => ScopeLevel.District,
        SchoolLeader or Counsellor or HeadTeacher => ScopeLevel.School,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role"),
    };
}
