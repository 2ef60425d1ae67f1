using System.Globalization;
using JiujiangMentalHealth.Web.Localization;

namespace JiujiangMentalHealth.IntegrationTests;

public class DateFormatTests
{
    [Fact]
    public void Dates_read_the_Chinese_way_in_Chinese_and_as_ISO_in_English()
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("2024年8月12日", PortalCultures.Date(new DateOnly(2024, 8, 12)));
            // 2024-08-12 06:05 UTC is 14:05 in China.
            Assert.Equal("2024年8月12日 14:05", PortalCultures.DateTime(new DateTimeOffset(2024, 8, 12, 6, 5, 0, TimeSpan.Zero)));

            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("2024-08-12", PortalCultures.Date(new DateOnly(2024, 8, 12)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }
}
