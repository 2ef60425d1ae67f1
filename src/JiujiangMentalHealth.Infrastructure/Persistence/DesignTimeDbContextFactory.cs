using Microsoft.EntityFrameworkCore.Design;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        AppDbContextOptions.Create(
            Environment.GetEnvironmentVariable("ConnectionStrings__Default")
            ?? "Host=127.0.0.1;Port=54329;Username=postgres;Database=jiujiang_design");
}
