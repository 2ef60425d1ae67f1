using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace JiujiangMentalHealth.Web.Localization;

/// <summary>zh-CN first and by default; English on request (cookie). The browser's Accept-Language is not consulted.</summary>
public static class PortalCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<CultureInfo> Supported { get; } = [new(Chinese), new(English)];

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
        };
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }

    /// <summary>2024年8月12日 in Chinese, 2024-08-12 in English.</summary>
    public static string Date(DateOnly date) =>
        IsChinese ? $"{date.Year}年{date.Month}月{date.Day}日" : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A moment shown in China Standard Time: 2024年8月12日 14:05 / 2024-08-12 14:05.</summary>
    public static string DateTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Infrastructure.ChinaTime.Zone);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }
}
