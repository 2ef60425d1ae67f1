using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>
/// The portal over HTTPS on a test server with its own database (a copy of the seeded template),
/// one per test class. Runs in the "Testing" environment, so cookies are Secure as in production.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabaseServer? _server;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Sign-in attempts per minute per IP; generous so tests that sign in often are not throttled.</summary>
    protected virtual int SignInPermitsPerMinute => 1000;

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => ConnectionString = await CreateDatabaseAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
    }

    public PortalClient CreatePortalClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = PortalClient.BaseAddress,
            HandleCookies = true,
        }));

    /// <summary>A context on this class's database, for arranging and asserting.</summary>
    public AppDbContext CreateDbContext() => AppDbContextOptions.Create(ConnectionString);

    /// <summary>This class's database: by default a copy of the seeded template on the shared test server.</summary>
    protected virtual async Task<string> CreateDatabaseAsync()
    {
        _server = await TestDatabaseServer.InstanceAsync();
        return await _server.CreateDatabaseAsync(GetType().Name);
    }

    protected virtual async Task DropDatabaseAsync()
    {
        if (_server is not null)
        {
            await _server.DropDatabaseAsync(ConnectionString);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Security:SignInPermitsPerMinute", SignInPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests measure the figures cache themselves; FiguresWarmerTests turns the warmer on.
        builder.UseSetting("Reporting:WarmCache", "false");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }
}
