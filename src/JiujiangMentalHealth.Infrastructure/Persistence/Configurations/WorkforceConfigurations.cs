using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(30).IsRequired();
        builder.Property(s => s.Gender).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.StaffNumber).HasMaxLength(20);
        builder.Property(s => s.PsychologyPost).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.Certificate).HasMaxLength(100);
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(s => new { s.SchoolId, s.StaffNumber }).IsUnique().HasFilter("staff_number IS NOT NULL");
        builder.HasIndex(s => new { s.SchoolId, s.PsychologyPost });
        builder.HasIndex(s => s.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        builder.HasMany(s => s.Classes).WithOne().HasForeignKey(c => c.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Classes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.IsHeadTeacher);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class StaffClassConfiguration : IEntityTypeConfiguration<StaffClass>
{
    public void Configure(EntityTypeBuilder<StaffClass> builder)
    {
        builder.HasKey(c => new { c.StaffMemberId, c.ClassId });
        builder.HasOne<SchoolClass>().WithMany().HasForeignKey(c => c.ClassId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StaffingPolicyConfiguration : IEntityTypeConfiguration<StaffingPolicy>
{
    public void Configure(EntityTypeBuilder<StaffingPolicy> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).UseIdentityByDefaultColumn().HasIdentityOptions(startValue: 100);
        builder.HasIndex(p => p.EffectiveFrom).IsUnique();
        builder.Property(p => p.Note).HasMaxLength(200);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_staffing_policies_ratio", "students_per_teacher BETWEEN 100 AND 5000");
            t.HasCheckConstraint("ck_staffing_policies_minimum", "minimum_per_school BETWEEN 0 AND 10");
        });
        // The original 800:1, at least one per school, in force since before any data.
        builder.HasData(new
        {
            Id = 1,
            StudentsPerTeacher = StaffingPolicy.DefaultStudentsPerTeacher,
            MinimumPerSchool = StaffingPolicy.DefaultMinimumPerSchool,
            EffectiveFrom = StaffingPolicy.OriginalEffectiveFrom,
            CreatedAt = new DateTimeOffset(2024, 12, 2, 0, 0, 0, TimeSpan.Zero),
            CreatedBy = "system",
        });
    }
}

public sealed class CounsellingRoomConfiguration : IEntityTypeConfiguration<CounsellingRoom>
{
    public void Configure(EntityTypeBuilder<CounsellingRoom> builder)
    {
        builder.HasKey(r => r.SchoolId);
        builder.HasOne<School>().WithOne().HasForeignKey<CounsellingRoom>(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Rooms).HasConversion<int>();
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Organiser).HasMaxLength(100);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.Hours).HasPrecision(6, 1);
        builder.HasIndex(c => new { c.Year, c.Level });
        builder.HasMany(c => c.Records).WithOne().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Records).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.CourseId, r.StaffMemberId }).IsUnique();
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ExpertNominationConfiguration : IEntityTypeConfiguration<ExpertNomination>
{
    public void Configure(EntityTypeBuilder<ExpertNomination> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Field).HasMaxLength(50);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(n => new { n.StaffMemberId, n.Year }).IsUnique();
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FeaturedSchoolConfiguration : IEntityTypeConfiguration<FeaturedSchool>
{
    public void Configure(EntityTypeBuilder<FeaturedSchool> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Level).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(f => new { f.SchoolId, f.Level }).IsUnique();
        builder.HasOne<School>().WithMany().HasForeignKey(f => f.SchoolId).OnDelete(DeleteBehavior.Cascade);
    }
}
