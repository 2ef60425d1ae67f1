using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Auditing;
using JiujiangMentalHealth.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>The portal's one database context: Identity, the city and everything built on it.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<District> Districts => Set<District>();

    public DbSet<School> Schools => Set<School>();

    public DbSet<SchoolClass> SchoolClasses => Set<SchoolClass>();

    public DbSet<SchoolEnrolment> SchoolEnrolments => Set<SchoolEnrolment>();

    public DbSet<UserClass> UserClasses => Set<UserClass>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<StaffClass> StaffClasses => Set<StaffClass>();

    public DbSet<StaffingPolicy> StaffingPolicies => Set<StaffingPolicy>();

    public DbSet<CounsellingRoom> CounsellingRooms => Set<CounsellingRoom>();

    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();

    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();

    public DbSet<ExpertNomination> ExpertNominations => Set<ExpertNomination>();

    public DbSet<FeaturedSchool> FeaturedSchools => Set<FeaturedSchool>();

    public DbSet<Student> Students => Set<Student>();

    public DbSet<ScreeningResult> ScreeningResults => Set<ScreeningResult>();

    public DbSet<ScreeningCampaign> ScreeningCampaigns => Set<ScreeningCampaign>();

    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    public DbSet<Talk> Talks => Set<Talk>();

    public DbSet<PersonalDataRequest> PersonalDataRequests => Set<PersonalDataRequest>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SupportAssignment> SupportAssignments => Set<SupportAssignment>();

    public DbSet<SupportMember> SupportMembers => Set<SupportMember>();

    public DbSet<SupportChange> SupportChanges => Set<SupportChange>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<CrisisEvent> CrisisEvents => Set<CrisisEvent>();

    public DbSet<CrisisStepRecord> CrisisSteps => Set<CrisisStepRecord>();

    public DbSet<EmergencyPlan> EmergencyPlans => Set<EmergencyPlan>();

    public DbSet<ReviewCadenceSetting> ReviewCadenceSettings => Set<ReviewCadenceSetting>();

    public DbSet<BimonthlyReport> BimonthlyReports => Set<BimonthlyReport>();

    public DbSet<ReportEvent> ReportEvents => Set<ReportEvent>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ActivityPhoto> ActivityPhotos => Set<ActivityPhoto>();

    public DbSet<CentreMember> CentreMembers => Set<CentreMember>();

    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<Lecturer> Lecturers => Set<Lecturer>();

    public DbSet<FamilyLecture> FamilyLectures => Set<FamilyLecture>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity names its tables AspNet*; the snake_case convention leaves explicit names alone.
        builder.Entity<ApplicationUser>().ToTable("users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
