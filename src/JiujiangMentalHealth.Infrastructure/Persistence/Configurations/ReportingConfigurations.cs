using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class BimonthlyReportConfiguration : IEntityTypeConfiguration<BimonthlyReport>
{
    public void Configure(EntityTypeBuilder<BimonthlyReport> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.CorrectionNote).HasMaxLength(1000);
        builder.Property(r => r.ReviewComment).HasMaxLength(1000);
        builder.Property(r => r.SubmittedBy).HasMaxLength(64);
        builder.Property(r => r.ApprovedBy).HasMaxLength(64);
        // Figures as plain columns (prefilled_talks, reported_talks …) so the city aggregate is one SUM.
        builder.ComplexProperty(r => r.Prefilled, f => f.IsRequired());
        builder.ComplexProperty(r => r.Reported, f => f.IsRequired());
        builder.Ignore(r => r.Period);
        builder.Ignore(r => r.IsEditable);
        builder.Ignore(r => r.IsCorrected);
        builder.HasOne<School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Restrict);
        // One report per school and period, also under concurrent first saves.
        builder.HasIndex(r => new { r.PeriodStart, r.SchoolId }).IsUnique();
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

public sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.By).HasMaxLength(64);
        builder.Property(e => e.Comment).HasMaxLength(1000);
        builder.HasIndex(e => e.ReportId);
    }
}
