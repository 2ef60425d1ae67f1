using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

public sealed class DashboardBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task The_city_dashboard_draws_its_charts_in_chromium_and_switches_period()
    {
        await portal.StartAsync();
        var page = await portal.SignInAsync("city");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/Dashboards");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("工作看板 · 全市");
        await Assertions.Expect(page.Locator("[data-testid=table-workforce] tbody tr")).ToHaveCountAsync(13);

        // Chart.js has drawn on every canvas: each holds a chart instance and non-blank pixels.
        var drawn = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('canvas.portal-chart')].filter(c => {
                if (!window.Chart || !Chart.getChart(c)) return false;
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
                return false;
            }).length
            """);
        var canvases = await page.Locator("canvas.portal-chart").CountAsync();
        Assert.True(canvases >= 8, $"{canvases} canvases");
        Assert.Equal(canvases, drawn);
        await BrowserPortal.StepAsync(page, "city-dashboard");

        await page.SelectOptionAsync("#period", "T2026-1");
        await page.WaitForURLAsync("**period=T2026-1**");
        await Assertions.Expect(page.Locator("[data-testid=period-caption]")).ToContainTextAsync("2026—2027学年第一学期");
        await BrowserPortal.ScreenshotAsync(page, "city-dashboard-term");
        Assert.Empty(errors);
    }
}
