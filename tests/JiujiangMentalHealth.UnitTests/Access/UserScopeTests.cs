using JiujiangMentalHealth.Domain.Access;

namespace JiujiangMentalHealth.UnitTests.Access;

public class UserScopeTests
{
    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.CityBureau)]
    [InlineData(Roles.CentreStaff)]
    public void City_roles_work_city_wide(string role)
    {
        Assert.Empty(UserScope.Validate([role], UserScope.City()));
        Assert.Equal(["Scope_RoleNeedsCity"], UserScope.Validate([role], UserScope.ForDistrict(1)));
    }

    [Fact]
    public void A_district_bureau_user_names_one_district()
    {
        Assert.Empty(UserScope.Validate([Roles.DistrictBureau], UserScope.ForDistrict(1)));
        Assert.Equal(["Scope_DistrictRequired"], UserScope.Validate([Roles.DistrictBureau], new UserScope(ScopeLevel.District, null, null, [])));
        Assert.Equal(["Scope_RoleNeedsDistrict"], UserScope.Validate([Roles.DistrictBureau], UserScope.ForSchool(1)));
    }

    [Fact]
    public void School_roles_name_one_school()
    {
        Assert.Empty(UserScope.Validate([Roles.SchoolLeader, Roles.Counsellor], UserScope.ForSchool(7)));
        Assert.Equal(["Scope_SchoolRequired"], UserScope.Validate([Roles.Counsellor], new UserScope(ScopeLevel.School, null, null, [])));
    }

    [Fact]
    public void A_head_teacher_has_at_least_one_class_and_only_head_teachers_have_classes()
    {
        Assert.Empty(UserScope.Validate([Roles.HeadTeacher, Roles.Counsellor], UserScope.ForSchool(7, [3, 4])));
        Assert.Equal(["Scope_HeadTeacherNeedsClass"], UserScope.Validate([Roles.HeadTeacher], UserScope.ForSchool(7)));
        Assert.Equal(["Scope_ClassesOnlyForHeadTeacher"], UserScope.Validate([Roles.Counsellor], UserScope.ForSchool(7, [3])));
    }

    [Fact]
    public void One_account_belongs_to_one_level()
    {
        Assert.Equal(["Scope_RolesAtDifferentLevels"], UserScope.Validate([Roles.CityBureau, Roles.Counsellor], UserScope.City()));
        Assert.Equal(["Scope_RolesAtDifferentLevels"], UserScope.Validate([Roles.DistrictBureau, Roles.SchoolLeader], UserScope.ForDistrict(1)));
    }

    [Fact]
    public void A_user_needs_a_known_role()
    {
        Assert.Equal(["Scope_NoRole"], UserScope.Validate([], UserScope.City()));
        Assert.Equal(["Scope_UnknownRole"], UserScope.Validate(["Principal"], UserScope.City()));
    }

    [Fact]
    public void A_city_user_has_no_district_or_school() =>
        Assert.Equal(["Scope_CityHasNoUnit"], UserScope.Validate([Roles.CityBureau], new UserScope(ScopeLevel.City, 3, null, [])));

    [Fact]
    public void The_centre_role_is_held_alone_so_no_admin_or_bureau_account_reads_its_consultations()
    {
        Assert.Equal(["Scope_CentreStaffAlone"], UserScope.Validate([Roles.Admin, Roles.CentreStaff], UserScope.City()));
        Assert.Equal(["Scope_CentreStaffAlone"], UserScope.Validate([Roles.CityBureau, Roles.CentreStaff], UserScope.City()));
        Assert.Empty(UserScope.Validate([Roles.CentreStaff], UserScope.City()));
        Assert.Empty(UserScope.Validate([Roles.Admin, Roles.CityBureau], UserScope.City()));
    }
}
