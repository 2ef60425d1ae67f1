using JiujiangMentalHealth.Domain.City;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence.Configurations;

public sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    /// <summary>
    /// The 13 county-level units of Jiujiang (九江市, 3604) with their administrative codes.
    /// They are reference data every installation needs, so the migration inserts them.
    /// </summary>
    public static readonly IReadOnlyList<(int Id, string Code, string Name)> Jiujiang =
    [
        (1, "360403", "浔阳区"),
        (2, "360402", "濂溪区"),
        (3, "360404", "柴桑区"),
        (4, "360481", "瑞昌市"),
        (5, "360482", "共青城市"),
        (6, "360483", "庐山市"),
        (7, "360423", "武宁县"),
        (8, "360424", "修水县"),
        (9, "360425", "永修县"),
        (10, "360426", "德安县"),
        (11, "360428", "都昌县"),
        (12, "360429", "湖口县"),
        (13, "360430", "彭泽县"),
    ];

    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.HasKey(d => d.Id);
        // Seeded rows take ids 1–13; new districts start above them.
        builder.Property(d => d.Id).UseIdentityByDefaultColumn().HasIdentityOptions(startValue: 100);
        builder.Property(d => d.Code).HasMaxLength(6).IsRequired();
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(50).IsRequired();
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property<uint>("RowVersion").IsRowVersion();
        builder.HasData(Jiujiang.Select(d => new { d.Id, d.Code, d.Name, SortOrder = d.Id }));
    }
}
