using JiujiangMentalHealth.Domain.City;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Code).HasMaxLength(10).IsFixedLength().IsRequired();
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(s => new { s.DistrictId, s.Name }).IsUnique();
        builder.Property(s => s.Stage).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(s => s.District).WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Classes).WithOne(c => c.School).HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Enrolments).WithOne(e => e.School).HasForeignKey(e => e.SchoolId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Classes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Enrolments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}
