using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>
/// The portal on a real loopback port (Kestrel) with its own database, and Debian's Chromium driven by
/// Playwright — never a downloaded browser. Screenshots go under the test output folder.
/// </summary>
public sealed class BrowserPortal : PortalFactory
{
    private IPlaywright? _playwright;

    public BrowserPortal() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Starts the server and the browser once (the database is made by the fixture's InitializeAsync).</summary>
    public async Task StartAsync()
    {
        if (_playwright is not null)
        {
            return;
        }

        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // "localhost" is a secure context for Chromium, so the portal's Secure cookies work over loopback HTTP.
        BaseUrl = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace("[::1]", "localhost", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("JMH_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A new browser context signed in as a demo account, in Chinese.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "zh-CN",
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_Password", DemoSeeder.DemoPassword);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>
    /// A step of a journey: its screenshot, and an axe-core check of the page as it is now that
    /// fails on any serious or critical accessibility violation (labels, contrast, names, ARIA).
    /// </summary>
    public static async Task StepAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ScreenshotAsync(page, name);
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
