namespace JiujiangMentalHealth.Domain.Access;

/// <summary>范围级别 — the level of the unit a user works for.</summary>
public enum ScopeLevel
{
    /// <summary>全市 (the city bureau, the counselling centre, administrators)</summary>
    City = 1,

    /// <summary>一个县（市、区）</summary>
    District = 2,

    /// <summary>一所学校 (head teachers further limited to their classes)</summary>
    School = 3,
}

/// <summary>
/// 数据范围 — what part of the city a user may see. It belongs to the user, never to the URL:
/// pages read it from the signed-in user and filter by it.
/// </summary>
public sealed record UserScope(ScopeLevel Level, int? DistrictId, int? SchoolId, IReadOnlyCollection<int> ClassIds)
{
    public static UserScope City() => new(ScopeLevel.City, null, null, []);

    public static UserScope ForDistrict(int districtId) => new(ScopeLevel.District, districtId, null, []);

    public static UserScope ForSchool(int schoolId, IReadOnlyCollection<int>? classIds = null) =>
        new(ScopeLevel.School, null, schoolId, classIds ?? []);

    /// <summary>
    /// Checks that a set of roles and a scope fit together and returns the broken rules as
    /// resource keys (empty when valid): each role works at one level, a district user names a
    /// district, a school user a school, and a head teacher at least one class.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyCollection<string> roles, UserScope scope)
    {
        var errors = new List<string>();
        if (roles.Count == 0)
        {
            errors.Add("Scope_NoRole");
            return errors;
        }

        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("Scope_UnknownRole");
            return errors;
        }

        // The counselling centre is not a bureau: its anonymous consultations stay with its own staff, so
        // no admin or bureau account may also hold the centre role (and so read them).
        if (roles.Contains(Roles.CentreStaff) && roles.Count > 1)
        {
            errors.Add("Scope_CentreStaffAlone");
            return errors;
        }

        var levels = roles.Select(Roles.LevelOf).Distinct().ToList();
        if (levels.Count > 1)
        {
            errors.Add("Scope_RolesAtDifferentLevels");
            return errors;
        }

        if (levels[0] != scope.Level)
        {
            errors.Add(levels[0] switch
            {
                ScopeLevel.City => "Scope_RoleNeedsCity",
                ScopeLevel.District => "Scope_RoleNeedsDistrict",
                _ => "Scope_RoleNeedsSchool",
            });
            return errors;
        }

        switch (scope.Level)
        {
            case ScopeLevel.City when scope.DistrictId is not null || scope.SchoolId is not null:
                errors.Add("Scope_CityHasNoUnit");
                break;
            case ScopeLevel.District when scope.DistrictId is null:
                errors.Add("Scope_DistrictRequired");
                break;
            case ScopeLevel.School when scope.SchoolId is null:
                errors.Add("Scope_SchoolRequired");
                break;
        }

        var isHeadTeacher = roles.Contains(Roles.HeadTeacher);
        if (isHeadTeacher && scope.ClassIds.Count == 0)
        {
            errors.Add("Scope_HeadTeacherNeedsClass");
        }

        if (!isHeadTeacher && scope.ClassIds.Count > 0)
        {
            errors.Add("Scope_ClassesOnlyForHeadTeacher");
        }

        return errors;
    }
}
