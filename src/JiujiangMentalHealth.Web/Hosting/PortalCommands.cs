using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Hosting;

/// <summary>
/// Commands run instead of serving: `migrate` applies the migrations once (run it before
/// starting several instances, so they never race), `seed` adds the demo data, and
/// `bench import` measures the screening import against a raw COPY (on a benchmark database).
/// </summary>
public static class PortalCommands
{
    public static readonly string[] Names = ["migrate", "seed", "bench"];

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public static async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }
}
