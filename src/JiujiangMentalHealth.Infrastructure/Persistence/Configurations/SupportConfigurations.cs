using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class SupportAssignmentConfiguration : IEntityTypeConfiguration<SupportAssignment>
{
    public void Configure(EntityTypeBuilder<SupportAssignment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.ClosureReason).HasMaxLength(500);
        builder.Property(a => a.Outcome).HasMaxLength(500);
        builder.Property(a => a.SignedOffBy).HasMaxLength(64);
        builder.HasOne<Student>().WithMany().HasForeignKey(a => a.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(a => a.SchoolId).OnDelete(DeleteBehavior.Restrict);
        // One active assignment per student, enforced by the database as well.
        builder.HasIndex(a => a.StudentId).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ix_support_assignments_one_active_per_student");
        builder.HasIndex(a => new { a.SchoolId, a.Status, a.Tier });
        // A student's support history (the student file, deletion on request): without it, a seq scan of the city's assignments.
        builder.HasIndex(a => new { a.StudentId, a.StartedOn });
        builder.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Changes).WithOne().HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.FollowUps).WithOne().HasForeignKey(f => f.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.FollowUps).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property<uint>("RowVersion").IsRowVersion();
        builder.Ignore(a => a.WasEverTier1);
    }
}

public sealed class SupportMemberConfiguration : IEntityTypeConfiguration<SupportMember>
{
    public void Configure(EntityTypeBuilder<SupportMember> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.StaffMemberId);
    }
}

public sealed class SupportChangeConfiguration : IEntityTypeConfiguration<SupportChange>
{
    public void Configure(EntityTypeBuilder<SupportChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasMaxLength(12);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.By).HasMaxLength(64);
        // When the change was written (the domain knows only the day): orders same-day history on the file.
        builder.Property<DateTimeOffset>(RecordedAt).HasDefaultValueSql("clock_timestamp()").ValueGeneratedOnAdd();
    }

    public const string RecordedAt = "RecordedAt";
}

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasMaxLength(20);
        builder.Property(f => f.Summary).HasMaxLength(2000);
        builder.Property(f => f.NextStep).HasMaxLength(500);
        builder.Property(f => f.By).HasMaxLength(64);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(f => f.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CrisisEventConfiguration : IEntityTypeConfiguration<CrisisEvent>
{
    public void Configure(EntityTypeBuilder<CrisisEvent> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.SchoolId, c.OpenedOn });
        builder.HasIndex(c => c.StudentId);
        builder.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.CrisisEventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.NextStep);
        builder.Ignore(c => c.IsOpen);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class CrisisStepRecordConfiguration : IEntityTypeConfiguration<CrisisStepRecord>
{
    public void Configure(EntityTypeBuilder<CrisisStepRecord> builder)
    {
        builder.ToTable("crisis_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Step).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.By).HasMaxLength(64);
        builder.Property(s => s.Notes).HasMaxLength(2000);
        builder.Property(s => s.Hospital).HasMaxLength(100);
        builder.Property(s => s.Department).HasMaxLength(50);
        builder.HasIndex(s => new { s.CrisisEventId, s.Step }).IsUnique();
        builder.Property<DateTimeOffset>(SupportChangeConfiguration.RecordedAt).HasDefaultValueSql("clock_timestamp()").ValueGeneratedOnAdd();
    }
}

public sealed class EmergencyPlanConfiguration : IEntityTypeConfiguration<EmergencyPlan>
{
    public void Configure(EntityTypeBuilder<EmergencyPlan> builder)
    {
        builder.HasKey(p => p.SchoolId);
        builder.Property(p => p.Version).HasMaxLength(30);
        builder.HasOne<School>().WithOne().HasForeignKey<EmergencyPlan>(p => p.SchoolId).OnDelete(DeleteBehavior.Cascade);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}
