using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>
/// The one place the provider is configured, so the web app, the migrate command, design-time
/// tools and tests build exactly the same model.
/// </summary>
public static class AppDbContextOptions
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    private static readonly string MigrationsAssembly = typeof(AppDbContext).Assembly.GetName().Name!;

    // Options are immutable: built once per connection string, not at every audit entry.
    private static readonly ConcurrentDictionary<string, DbContextOptions<AppDbContext>> Options = new(StringComparer.Ordinal);

    public static DbContextOptionsBuilder UsePortalDatabase(this DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
                npgsql.MigrationsAssembly(MigrationsAssembly);
                // Transient failures (a restart, a dropped connection) are retried.
                npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
            })
            .UseSnakeCaseNamingConvention();

    public static AppDbContext Create(string connectionString) =>
        new(Options.GetOrAdd(connectionString, c => (DbContextOptions<AppDbContext>)new DbContextOptionsBuilder<AppDbContext>().UsePortalDatabase(c).Options));
}
