using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>How periods read: 2026—2027学年, 2026—2027学年第一学期, 2026年9—10月.</summary>
public static class PeriodNames
{
    public static string Of(IStringLocalizer t, Period period) => period.Kind switch
    {
        PeriodKind.SchoolYear => t["Period_SchoolYear", period.SchoolYear.StartYear, period.SchoolYear.StartYear + 1],
        PeriodKind.Term => t["Period_Term", period.SchoolYear.StartYear, period.SchoolYear.StartYear + 1, t["Period_TermNumber" + period.TermNumber]],
        _ => BiMonth(t, BimonthlyPeriod.Containing(period.From)),
    };

    public static string BiMonth(IStringLocalizer t, BimonthlyPeriod period) => t["Period_BiMonth", period.Year, period.StartMonth, period.StartMonth + 1];

    /// <summary>A short label for a chart's axis.</summary>
    public static string Axis(IStringLocalizer t, Period period) => period.Kind switch
    {
        PeriodKind.SchoolYear => $"{period.SchoolYear.StartYear}-{(period.SchoolYear.StartYear + 1) % 100:00}",
        PeriodKind.Term => t["Period_TermShort", $"{period.SchoolYear.StartYear}-{(period.SchoolYear.StartYear + 1) % 100:00}", period.TermNumber],
        _ => t["Period_BiMonthShort", period.From.Year, period.From.Month, period.From.Month + 1],
    };

    /// <summary>The choices of the period selector: recent school years, terms and bi-monthly periods, newest first.</summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<Period> Periods)> Choices(IStringLocalizer t, DateOnly today) =>
    [
        (t["PeriodKind_SchoolYear"], Period.Containing(PeriodKind.SchoolYear, today).LastPeriods(3).Reverse().ToList()),
        (t["PeriodKind_Term"], Period.Containing(PeriodKind.Term, today).LastPeriods(4).Reverse().ToList()),
        (t["PeriodKind_BiMonth"], Period.Containing(PeriodKind.BiMonth, today).LastPeriods(6).Reverse().ToList()),
    ];
}
