using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>
/// Every page in each role's navigation, checked by axe-core in Chromium: no serious or critical
/// accessibility violation anywhere a user can click to, in Chinese and at a phone's width.
/// </summary>
public sealed class AccessibilitySweepTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    public static TheoryData<string> Users() => ["admin", "city", "xunyang", "counsellor", "headteacher", "centre"];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_page_in_the_navigation_passes_axe(string user)
    {
        await portal.StartAsync();
        var page = await portal.SignInAsync(user);
        var links = await page.Locator("header nav a[href^='/']").EvaluateAllAsync<string[]>("links => [...new Set(links.map(a => a.getAttribute('href')))]");
        Assert.NotEmpty(links);
        var problems = new List<string>();
        foreach (var link in links.Prepend("/"))
        {
            var response = await page.GotoAsync(link);
            Assert.True(response?.Ok, $"{user} {link}: {response?.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{user} {link}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(2).Select(n => n.Html))}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
