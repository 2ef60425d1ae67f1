using JiujiangMentalHealth.Domain.City;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class SchoolEnrolmentConfiguration : IEntityTypeConfiguration<SchoolEnrolment>
{
    public void Configure(EntityTypeBuilder<SchoolEnrolment> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.SchoolId, e.SchoolYear }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("ck_school_enrolments_students", "students >= 0"));
    }
}
