using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace JiujiangMentalHealth.IntegrationTests;

public partial class DashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Districts = ["浔阳区", "濂溪区", "柴桑区", "瑞昌市", "共青城市", "庐山市", "武宁县", "修水县", "永修县", "德安县", "都昌县", "湖口县", "彭泽县"];

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static List<string[]> Rows(PortalClient.Page page, string table) =>
        page.Document.QuerySelectorAll($"[data-testid=table-{table}] tbody tr")
            .Select(tr => tr.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private static string[] TotalsRow(PortalClient.Page page, string table) =>
        page.Document.QuerySelectorAll($"[data-testid=totals-{table}] th, [data-testid=totals-{table}] td").Select(c => c.TextContent.Trim()).ToArray();

    [GeneratedRegex(@"^[1-9]$")]
    private static partial Regex SmallNumber();

    [Fact]
    public async Task City_sees_all_thirteen_districts_with_the_letter_figures_and_charts()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var page = await city.GetAsync("/Dashboards");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var workforce = Rows(page, "workforce");
        Assert.Equal(Districts, workforce.Select(r => r[0]));
        // 学校数, 在校学生, 专职, 兼职 …: the letter's 468 full-time and 1,170 part-time teachers, 870 schools.
        var totals = TotalsRow(page, "workforce");
        Assert.Equal(870, Number(totals[1]));
        Assert.Equal(DemoWorkforce.FullTimeTeachers, Number(totals[3]));
        Assert.Equal(DemoWorkforce.PartTimeTeachers, Number(totals[4]));
        Assert.Equal(DemoWorkforce.FullTimeTeachers, workforce.Sum(r => Number(r[3])));
        Assert.Equal("468", page.TestId("card-fulltime"));
        Assert.Equal(529, Number(page.TestId("card-rooms")!));

        // One chart per figure, drawn from data attributes by the vendored Chart.js.
        var charts = page.Document.QuerySelectorAll("canvas.portal-chart[data-chart]");
        Assert.True(charts.Length >= 8, $"{charts.Length} charts");
        Assert.NotNull(page.Document.QuerySelector("script[src^='/lib/chartjs/chart.umd.min.js']"));
        Assert.Equal(6, page.Document.QuerySelectorAll("[data-testid^=export-]").Length);
    }

    [Fact]
    public async Task Student_counts_from_1_to_9_never_reach_a_bureau_page_or_its_charts()
    {
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var page = await xunyang.GetAsync("/Dashboards");

        foreach (var table in new[] { "screening", "support", "crisis" })
        {
            var sensitive = Rows(page, table).Select(r => table == "screening" ? r[5..] : r[2..]).Append(TotalsRow(page, table)[(table == "screening" ? 4 : 1)..]);
            Assert.All(sensitive.SelectMany(c => c), c => Assert.DoesNotMatch(SmallNumber(), c));
        }

        Assert.Contains(Rows(page, "support"), r => r.Contains("<10"));

        // Key-population students (言行异常、情感困惑 …) and those visited at home: suppressed too, and a share only beside shown counts.
        foreach (var row in Rows(page, "outreach"))
        {
            Assert.All(row[7..9], c => Assert.DoesNotMatch(SmallNumber(), c));
            Assert.True(row[9] == "*" || (row[7] is not ("<10" or "*") && row[8] is not ("<10" or "*")), string.Join(" | ", row));
        }
        foreach (var canvas in page.Document.QuerySelectorAll("canvas.portal-chart[data-chart]"))
        {
            using var spec = JsonDocument.Parse(canvas.GetAttribute("data-chart")!);
            var title = spec.RootElement.GetProperty("title").GetString()!;
            if (title.Contains("预警", StringComparison.Ordinal) || title.Contains("帮扶", StringComparison.Ordinal) || title.Contains("危机", StringComparison.Ordinal))
            {
                var values = spec.RootElement.GetProperty("series").EnumerateArray().SelectMany(s => s.GetProperty("data").EnumerateArray());
                Assert.All(values, v => Assert.True(v.ValueKind == JsonValueKind.Null || v.GetDecimal() == 0 || v.GetDecimal() >= 10, $"{title}: {v}"));
            }
        }

        // The school view is the school's own: no suppression there.
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var school = await counsellor.GetAsync("/Dashboards");
        Assert.Null(school.TestId("suppression-note"));
        Assert.DoesNotContain("<10", school.TestId("school-figures"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_scope_sees_only_its_own_units_and_other_scopes_are_not_found()
    {
        await using var db = factory.CreateDbContext();
        var xunyangSchools = await db.Schools.Where(s => s.District!.Name == "浔阳区").OrderBy(s => s.Code).Select(s => s.Name).ToListAsync();
        var lianxi = await db.Districts.Where(d => d.Name == "濂溪区").Select(d => d.Id).SingleAsync();

        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var page = await xunyang.GetAsync("/Dashboards");
        Assert.Equal(xunyangSchools, Rows(page, "workforce").Select(r => r[1]));
        Assert.Equal(HttpStatusCode.NotFound, (await xunyang.GetAsync($"/Dashboards?districtId={lianxi}", follow: false)).Status);

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var school = await counsellor.GetAsync("/Dashboards");
        Assert.Contains("九江市双峰小学", school.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(school.Document.QuerySelectorAll("[data-testid^=table-]"));
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync($"/Dashboards?districtId={lianxi}", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await counsellor.GetAsync("/Dashboards?period=Q2026", follow: false)).Status);

        using var headteacher = factory.CreatePortalClient();
        await headteacher.SignInAsync("headteacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await headteacher.GetAsync("/Dashboards", follow: false)).Status);

        // The city compares districts only: a per-school view beside its district rows could reveal a hidden count.
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/Dashboards?districtId={lianxi}", follow: false)).Status);
        var term = await xunyang.GetAsync("/Dashboards?period=T2026-1");
        Assert.Contains("2026—2027学年第一学期", term.TestId("period-caption"), StringComparison.Ordinal);
        Assert.Equal(xunyangSchools.Count, Rows(term, "workforce").Count);
    }

    [Fact]
    public async Task Every_table_exports_to_xlsx_with_chinese_headers_and_the_page_figures()
    {
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        var page = await city.GetAsync("/Dashboards?period=T2026-1");

        foreach (var table in new[] { "workforce", "screening", "support", "crisis", "outreach", "reports" })
        {
            var href = page.Document.QuerySelector($"[data-testid=export-{table}]")!.GetAttribute("href")!;
            var response = await city.Http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
            using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            var sheet = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>()
                .Select(r => r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();

            Assert.Equal("县（市、区）", sheet[0][0]);
            var headers = page.Document.QuerySelectorAll($"[data-testid=table-{table}] thead th").Select(th => th.TextContent.Trim());
            Assert.Equal(headers, sheet[0]);
            var shown = Rows(page, table).Append(TotalsRow(page, table)).ToList();
            Assert.Equal(shown.Count, sheet.Count - 1);
            for (var i = 0; i < shown.Count; i++)
            {
                // Numbers are numbers in the sheet (12,345 on the page is 12345 there; 95.2% is 95.2).
                var expected = shown[i].Select(c => c.Replace(",", "", StringComparison.Ordinal).TrimEnd('%')).Select(c => c == "—" ? "" : c).ToArray();
                Assert.Equal(expected.Length, sheet[i + 1].Length);
                for (var c = 0; c < expected.Length; c++)
                {
                    var same = decimal.TryParse(expected[c], CultureInfo.InvariantCulture, out var e) && decimal.TryParse(sheet[i + 1][c], CultureInfo.InvariantCulture, out var a)
                        ? e == a
                        : expected[c] == sheet[i + 1][c];
                    Assert.True(same, $"{table} row {i} column {c}: page {expected[c]}, sheet {sheet[i + 1][c]}");
                }
            }
        }
    }
}
