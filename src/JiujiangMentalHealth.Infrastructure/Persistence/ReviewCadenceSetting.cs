using JiujiangMentalHealth.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>复查周期设置 — the one row holding the review cadence admins set (defaults 7/14/30 days).</summary>
public class ReviewCadenceSetting
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public int Tier1Days { get; set; }

    public int Tier2Days { get; set; }

    public int Tier3Days { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public ReviewCadence ToCadence() => new(Tier1Days, Tier2Days, Tier3Days);

    public static async Task<ReviewCadence> CurrentAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        (await db.ReviewCadenceSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SingletonId, cancellationToken))?.ToCadence()
        ?? new ReviewCadence();
}

public sealed class ReviewCadenceSettingConfiguration : IEntityTypeConfiguration<ReviewCadenceSetting>
{
    public void Configure(EntityTypeBuilder<ReviewCadenceSetting> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UpdatedBy).HasMaxLength(64);
        builder.ToTable(t => t.HasCheckConstraint("ck_review_cadence_settings_single_row", "id = 1"));
        var defaults = new ReviewCadence();
        builder.HasData(new ReviewCadenceSetting
        {
            Id = ReviewCadenceSetting.SingletonId,
            Tier1Days = defaults.Tier1Days,
            Tier2Days = defaults.Tier2Days,
            Tier3Days = defaults.Tier3Days,
        });
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}
