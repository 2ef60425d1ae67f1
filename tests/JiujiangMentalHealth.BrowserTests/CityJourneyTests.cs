using System.Globalization;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>Journey 3 of PRODUCT.md: city bureau staff compare districts on one page with charts, and export the table to Excel.</summary>
public sealed class CityJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    private static readonly string[] Districts = ["浔阳区", "濂溪区", "柴桑区", "瑞昌市", "共青城市", "庐山市", "武宁县", "修水县", "永修县", "德安县", "都昌县", "湖口县", "彭泽县"];

    [Fact]
    public async Task The_city_compares_districts_with_charts_switches_period_and_exports_the_table_to_excel()
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
        await BrowserPortal.StepAsync(page, "j3-01-home");

        // From the navigation to the dashboard, as a user would.
        await page.GetByRole(AriaRole.Link, new() { Name = "工作看板", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/Dashboards");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("工作看板 · 全市");
        var names = await page.Locator("[data-testid=table-workforce] tbody th").AllInnerTextsAsync();
        Assert.Equal(Districts, names.Select(n => n.Trim()));

        // Chart.js has drawn on every canvas: each holds a chart instance and non-blank pixels.
        await AssertChartsDrawnAsync(page);
        await BrowserPortal.StepAsync(page, "j3-02-city-dashboard");

        // Compare: the district with the largest full-time shortfall is marked, and the chart shows it.
        var shortfalls = await page.Locator("[data-testid=table-workforce] tbody tr").EvaluateAllAsync<int[]>(
            "rows => rows.map(r => parseInt(r.querySelectorAll('td')[5].textContent.replace(/,/g, ''), 10))");
        Assert.Equal(13, shortfalls.Length);
        if (shortfalls.Max() > 0)
        {
            var worst = Array.IndexOf(shortfalls, shortfalls.Max());
            await Assertions.Expect(page.Locator("[data-testid=table-workforce] tbody tr").Nth(worst).Locator("td").Nth(5)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-danger"));
        }

        // Switch to this term: the page reloads on the choice, and the caption says which term.
        var today = ChinaTime.Today(TimeProvider.System);
        var term = Period.Containing(PeriodKind.Term, today);
        var yearCaption = await page.Locator("[data-testid=period-caption]").InnerTextAsync();
        await page.SelectOptionAsync("#period", term.Key);
        await page.WaitForURLAsync($"**period={term.Key}**");
        var termCaption = await page.Locator("[data-testid=period-caption]").InnerTextAsync();
        Assert.NotEqual(yearCaption, termCaption);
        Assert.Contains("学期", termCaption, StringComparison.Ordinal);
        await AssertChartsDrawnAsync(page);
        await BrowserPortal.StepAsync(page, "j3-03-term");

        // Export the staffing table: the download is an XLSX with the page's headers and figures.
        var shownHeaders = (await page.Locator("[data-testid=table-workforce] thead th").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var shownRows = await page.Locator("[data-testid=table-workforce] tbody tr, [data-testid=totals-workforce]").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent.trim()))");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-workforce]").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("全市", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(BrowserPortal.ScreenshotDirectory, "j3-workforce.xlsx");
        await download.SaveAsAsync(path);
        await BrowserPortal.StepAsync(page, "j3-04-exported");

        var sheet = MiniExcel.Query(path, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();
        Assert.Equal(shownHeaders, sheet[0]);
        Assert.Equal(shownRows.Length, sheet.Count - 1);
        for (var i = 0; i < shownRows.Length; i++)
        {
            var expected = shownRows[i].Select(c => c.Replace(",", "", StringComparison.Ordinal).TrimEnd('%')).ToArray();
            for (var c = 0; c < expected.Length; c++)
            {
                var same = decimal.TryParse(expected[c], CultureInfo.InvariantCulture, out var e) && decimal.TryParse(sheet[i + 1][c], CultureInfo.InvariantCulture, out var a)
                    ? e == a
                    : expected[c] == sheet[i + 1][c];
                Assert.True(same, $"row {i} column {c}: page {expected[c]}, sheet {sheet[i + 1][c]}");
            }
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_dashboard_fits_a_phone_360_pixels_wide()
    {
        await portal.StartAsync();
        var page = await portal.SignInAsync("city", 360);
        await page.GotoAsync("/Dashboards");
        await AssertChartsDrawnAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the page scrolls sideways at 360 px");
        await BrowserPortal.StepAsync(page, "j3-05-phone");

        // The navigation folds into a menu that opens.
        await page.Locator("button.navbar-toggler").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "双月报", Exact = true })).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "j3-06-phone-menu");
    }

    private static async Task AssertChartsDrawnAsync(IPage page)
    {
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
    }
}
