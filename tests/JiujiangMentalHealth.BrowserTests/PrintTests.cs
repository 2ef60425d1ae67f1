using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>A student file and a bi-monthly report print as documents: their content, without buttons or navigation.</summary>
public sealed class PrintTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_student_file_and_a_report_print_without_the_controls()
    {
        await portal.StartAsync();
        await using var db = portal.CreateDbContext();
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var student = await db.Students.Where(s => s.SchoolId == school).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).FirstAsync();

        var page = await portal.SignInAsync("counsellor");
        foreach (var (url, name, content) in new[] { ($"/Students/{student.Id}", "print-student-file", student.Name), ("/Reports/Report", "print-report", "双峰小学") })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("[data-print]").First).ToBeVisibleAsync();
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Assertions.Expect(page.Locator("[data-print]").First).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("header nav")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(content);
            await BrowserPortal.ScreenshotAsync(page, name);
            var pdf = await page.PdfAsync(new() { Path = Path.Combine(BrowserPortal.ScreenshotDirectory, name + ".pdf"), Format = "A4" });
            Assert.True(pdf.Length > 10_000, $"{name}: {pdf.Length} bytes");
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }
}
