using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>
/// The one place the provider is configured, so the web app, the migrate command, design-time
/// tools and tests build exactly the same model.
/// </summary>
public static class AppDbContextOptions
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UsePortalDatabase(this DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
                npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name);
                // Transient failures (a restart, a dropped connection) are retried.
                npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
            })
            .UseSnakeCaseNamingConvention();

    public static AppDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UsePortalDatabase(connectionString);
        return new AppDbContext(builder.Options);
    }
}
