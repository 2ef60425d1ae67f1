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

    /// <summary>工作看板: bureaus, a school's leaders and psychology teachers, admins (city view).</summary>
    public const string Dashboards = "Dashboards";

    /// <summary>双月数据填报: schools fill in, districts review, the city follows completeness.</summary>
    public const string Reports = "Reports";

    /// <summary>Filling in and submitting a school's bi-monthly report.</summary>
    public const string ReportFilers = "ReportFilers";

    /// <summary>Approving, returning and reopening the reports of a district's schools.</summary>
    public const string ReportReviewers = "ReportReviewers";

    /// <summary>心理健康活动: schools, bureaus and the centre, each its own; admins read.</summary>
    public const string Activities = "Activities";

    /// <summary>Recording activities (at the user's own level).</summary>
    public const string ActivityRecorders = "ActivityRecorders";

    /// <summary>市未成年人心理健康辅导中心: its roster and its anonymous consultations, for its own staff only.</summary>
    public const string Centre = "Centre";

    /// <summary>家庭教育讲师团: the roster and the lectures within scope.</summary>
    public const string Lecturers = "Lecturers";

    /// <summary>Managing the lecturer team and logging its lectures: the city bureau and admins.</summary>
    public const string LecturerManagers = "LecturerManagers";

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(SchoolWorkforce, p => p.RequireRole(Roles.Admin, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(WorkforceFigures, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(WorkforceBureau, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau))
        .AddPolicy(FeaturedManagers, p => p.RequireRole(Roles.Admin, Roles.CityBureau))
        .AddPolicy(ScreeningWork, p => p.RequireRole(Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(Dashboards, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(Reports, p => p.RequireRole(Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(ReportFilers, p => p.RequireRole(Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(ReportReviewers, p => p.RequireRole(Roles.DistrictBureau))
        .AddPolicy(Activities, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor, Roles.CentreStaff))
        .AddPolicy(ActivityRecorders, p => p.RequireRole(Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor, Roles.CentreStaff))
        // Also refused to an account that holds a bureau or admin role beside it (accounts made before that was forbidden).
        .AddPolicy(Centre, p => p.RequireAssertion(c => c.User.IsInRole(Roles.CentreStaff)
            && !c.User.IsInRole(Roles.Admin) && !c.User.IsInRole(Roles.CityBureau) && !c.User.IsInRole(Roles.DistrictBureau)))
        .AddPolicy(Lecturers, p => p.RequireRole(Roles.Admin, Roles.CityBureau, Roles.DistrictBureau, Roles.SchoolLeader, Roles.Counsellor))
        .AddPolicy(LecturerManagers, p => p.RequireRole(Roles.Admin, Roles.CityBureau));
}
