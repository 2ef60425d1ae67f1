using Microsoft.Playwright;

namespace JiujiangMentalHealth.BrowserTests;

/// <summary>Messages the browser-side validation makes up itself are Chinese on a Chinese page, beside the field.</summary>
public sealed class ClientValidationTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_wrong_number_is_refused_in_chinese_beside_the_field_before_anything_is_sent()
    {
        await portal.StartAsync();
        var page = await portal.SignInAsync("city");
        await page.GotoAsync("/Training/CourseEdit");
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts++;
            }
        };

        await page.FillAsync("#Input_Name", "心理危机识别专题培训");
        await page.FillAsync("#Input_StartsOn", "2026-12-01");
        await page.FillAsync("#Input_Hours", "0.7");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        var message = page.Locator("[data-valmsg-for='Input.Hours']");
        await Assertions.Expect(message).ToContainTextAsync("0.5");
        var all = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Please", all, StringComparison.Ordinal);
        Assert.Equal(0, posts);
        await BrowserPortal.StepAsync(page, "validation-chinese");
    }
}
