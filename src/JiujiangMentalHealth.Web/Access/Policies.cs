using JiujiangMentalHealth.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace JiujiangMentalHealth.Web.Access;

/// <summary>Who may use which part of the portal: one named policy per group of pages.</summary>
public static class Policies
{
    /// <summary>系统管理: users, districts, schools, staffing policy.</summary>
    public const string Admin = "Admin";

    /// <summary>教职工名册 and counselling rooms of a school: its leaders and psychology teachers, and admins.</summary>
    public const string SchoolWorkforce = "SchoolWorkforce";

    /// <summary>师资配备, rooms coverage, training figures, featured schools: bureaus, school leaders, psychology teachers, admins.</summary>
    public const string WorkforceFigures = "WorkforceFigures";

    /// <summary>Creating training courses and deciding expert nominations: admins and bureaus.</summary>
    public const string WorkforceBureau = "WorkforceBureau";

    /// <summary>Naming featured schools: admins and the city bureau.</summary>
    public const string FeaturedManagers = "FeaturedManagers";

    /// <summary>测评工作 (campaigns, imports, the tier queue): the school's leaders and psychology teachers.</summary>
    public const string ScreeningWork = "ScreeningWork";

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(SchoolWorkforce, p => p.RequireRole(Roles.Admin, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(WorkforceFigures, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(WorkforceBureau, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau))
        .AddPolicy(FeaturedManagers, p => p.RequireRole(Roles.Admin, Roles.CityBureau))
        .AddPolicy(ScreeningWork, p => p.RequireRole(Roles.SchoolLeader, Roles.Counsellor));
}
