using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Outreach;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Level).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Title).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Organiser).HasMaxLength(60);
        builder.Property(a => a.Grades).HasMaxLength(60);
        builder.Property(a => a.PartnerNames).HasMaxLength(200);
        builder.Property(a => a.Summary).HasMaxLength(2000);
        builder.Property(a => a.RecordedBy).HasMaxLength(64);
        builder.HasOne<District>().WithMany().HasForeignKey(a => a.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(a => a.SchoolId).OnDelete(DeleteBehavior.Restrict);
        // Lists and figures read a school's (or a district's) activities by date.
        builder.HasIndex(a => new { a.SchoolId, a.HeldOn });
        builder.HasIndex(a => new { a.DistrictId, a.HeldOn });
        builder.HasIndex(a => new { a.Level, a.HeldOn });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_activities_participants", "participants BETWEEN 0 AND 100000");
            t.HasCheckConstraint("ck_activities_units",
                "(level = 'School' AND school_id IS NOT NULL AND district_id IS NOT NULL) OR (level = 'District' AND district_id IS NOT NULL AND school_id IS NULL) OR (level IN ('City', 'Centre') AND district_id IS NULL AND school_id IS NULL)");
        });
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class CentreMemberConfiguration : IEntityTypeConfiguration<CentreMember>
{
    public void Configure(EntityTypeBuilder<CentreMember> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(30).IsRequired();
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Qualification).HasMaxLength(60);
        builder.HasOne<School>().WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.IsStaff);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.Client).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.AgeBand).HasConversion<string>().HasMaxLength(12);
        builder.Property(c => c.Topic).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Referral).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.ReferredTo).HasMaxLength(60);
        builder.Property(c => c.Notes).HasMaxLength(2000);
        builder.Property(c => c.RecordedBy).HasMaxLength(64);
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CentreMember>().WithMany().HasForeignKey(c => c.CounsellorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OccurredOn, c.Channel });
        builder.ToTable(t => t.HasCheckConstraint("ck_consultations_minutes", "minutes BETWEEN 1 AND 600"));
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class LecturerConfiguration : IEntityTypeConfiguration<Lecturer>
{
    public void Configure(EntityTypeBuilder<Lecturer> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(30).IsRequired();
        builder.Property(l => l.Post).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Speciality).HasMaxLength(60);
        builder.HasOne<School>().WithMany().HasForeignKey(l => l.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class FamilyLectureConfiguration : IEntityTypeConfiguration<FamilyLecture>
{
    public void Configure(EntityTypeBuilder<FamilyLecture> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Topic).HasMaxLength(100).IsRequired();
        builder.HasOne<Lecturer>().WithMany().HasForeignKey(l => l.LecturerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(l => l.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.SchoolId, l.HeldOn });
        builder.HasIndex(l => l.HeldOn);
    }
}

public sealed class ActivityPhotoConfiguration : IEntityTypeConfiguration<ActivityPhoto>
{
    public void Configure(EntityTypeBuilder<ActivityPhoto> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FileName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.ContentType).HasMaxLength(20).IsRequired();
        builder.Property(p => p.UploadedBy).HasMaxLength(64);
        // Photos go with their activity.
        builder.HasOne<Activity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.ActivityId);
        builder.ToTable(t => t.HasCheckConstraint("ck_activity_photos_size", "size BETWEEN 1 AND 2097152"));
    }
}
