using JiujiangMentalHealth.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>Migrates and seeds the template database through the portal's own commands.</summary>
internal static class TemplateBuilder
{
    public static async Task MigrateAndSeedAsync(string connectionString)
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
        });
        await PortalCommands.MigrateAsync(factory.Services);
        await PortalCommands.SeedDemoAsync(factory.Services);
    }
}
