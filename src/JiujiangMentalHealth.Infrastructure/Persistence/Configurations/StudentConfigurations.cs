using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Auditing;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.StudentNumber).HasMaxLength(19).IsRequired();
        builder.HasIndex(s => s.StudentNumber).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(30).IsRequired();
        builder.Property(s => s.Gender).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.KeyPopulations).HasConversion<int>();
        builder.Property(s => s.ParentChildRelationship).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.FamilyChanges).HasMaxLength(500);
        builder.Property(s => s.GuardianName).HasMaxLength(30);
        builder.Property(s => s.GuardianPhone).HasMaxLength(20);
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SchoolClass>().WithMany().HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.SchoolId, s.ClassId });
        builder.HasIndex(s => new { s.SchoolId, s.Name });
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class ScreeningResultConfiguration : IEntityTypeConfiguration<ScreeningResult>
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Configure(EntityTypeBuilder<ScreeningResult> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Instrument).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Warning).HasConversion<int>();
        builder.Property(r => r.DecisionState).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Band).HasMaxLength(40);
        // Raw subscale scores as a small JSON object (jsonb), e.g. {"学习焦虑": 9}.
        builder.Property(r => r.Subscales)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => JsonSerializer.Deserialize<Dictionary<string, int>>(v, JsonOptions) ?? new Dictionary<string, int>(),
                new ValueComparer<Dictionary<string, int>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    v => new Dictionary<string, int>(v)));
        builder.Property(r => r.DecisionReason).HasMaxLength(500);
        builder.Property(r => r.CorrectionReason).HasMaxLength(500);
        builder.Property(r => r.DecidedBy).HasMaxLength(64);
        builder.Property(r => r.RecordedBy).HasMaxLength(64);
        builder.HasOne<Student>().WithMany().HasForeignKey(r => r.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ScreeningCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ScreeningResult>().WithMany().HasForeignKey(r => r.CorrectsId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.StudentId, r.TakenOn });
        builder.HasIndex(r => new { r.SchoolId, r.DecisionState });
        builder.HasIndex(r => new { r.SchoolId, r.TakenOn });
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class ScreeningCampaignConfiguration : IEntityTypeConfiguration<ScreeningCampaign>
{
    public void Configure(EntityTypeBuilder<ScreeningCampaign> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(60).IsRequired();
        builder.Property(c => c.Instrument).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.SchoolId, c.SchoolYear, c.Term });
    }
}

public sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.FileName).HasMaxLength(200);
        builder.Property(b => b.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.ImportedBy).HasMaxLength(64);
        builder.HasIndex(b => new { b.SchoolId, b.Sha256 }).IsUnique();
        builder.HasOne<School>().WithMany().HasForeignKey(b => b.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TalkConfiguration : IEntityTypeConfiguration<Talk>
{
    public void Configure(EntityTypeBuilder<Talk> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ByName).HasMaxLength(50);
        builder.Property(t => t.WithWhom).HasMaxLength(50);
        builder.Property(t => t.Summary).HasMaxLength(2000);
        builder.Property(t => t.RecordedBy).HasMaxLength(64);
        builder.HasOne<Student>().WithMany().HasForeignKey(t => t.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.StudentId, t.OccurredOn });
        builder.HasIndex(t => new { t.SchoolId, t.OccurredOn });
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserName).HasMaxLength(64);
        builder.Property(a => a.Roles).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.Entity).HasMaxLength(30);
        builder.Property(a => a.EntityId).HasMaxLength(40);
        builder.Property(a => a.Outcome).HasMaxLength(10);
        builder.Property(a => a.Ip).HasMaxLength(45);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Entity, a.EntityId });
    }
}

public sealed class PersonalDataRequestConfiguration : IEntityTypeConfiguration<PersonalDataRequest>
{
    public void Configure(EntityTypeBuilder<PersonalDataRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Requester).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Reason).HasMaxLength(PersonalDataRequest.ReasonMaxLength).IsRequired();
        builder.Property(r => r.DecisionNote).HasMaxLength(PersonalDataRequest.ReasonMaxLength);
        builder.Property(r => r.RequestedBy).HasMaxLength(64).IsRequired();
        builder.Property(r => r.DecidedBy).HasMaxLength(64);
        builder.OwnsOne(r => r.Correction, correction =>
        {
            correction.Property(c => c.StudentNumber).HasMaxLength(19);
            correction.Property(c => c.Name).HasMaxLength(30);
            correction.Property(c => c.Gender).HasConversion<string>().HasMaxLength(10);
            correction.Property(c => c.GuardianName).HasMaxLength(30);
            correction.Property(c => c.GuardianPhone).HasMaxLength(20);
        });
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to the student: the request outlives a deletion it carried out.
        builder.HasIndex(r => new { r.SchoolId, r.State });
        builder.HasIndex(r => r.StudentId);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}
