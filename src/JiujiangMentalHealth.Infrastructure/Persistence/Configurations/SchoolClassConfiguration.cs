using JiujiangMentalHealth.Domain.City;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Section).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(c => new { c.SchoolId, c.Section, c.EntryYear, c.Number }).IsUnique();
    }
}
