using JiujiangMentalHealth.Domain.Reporting;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>
/// The reporting periods the report pages offer: the one being filed now and those before it, two
/// years back. A period outside the window (future, running, or older) is not found.
/// </summary>
public static class ReportPeriods
{
    public const int Window = 12;

    /// <summary>The periods of the window, the one being filed first.</summary>
    public static IReadOnlyList<BimonthlyPeriod> Recent(DateOnly today, int count = Window)
    {
        var periods = new List<BimonthlyPeriod> { BimonthlyPeriod.LatestEnded(today) };
        while (periods.Count < count)
        {
            periods.Add(periods[^1].Previous);
        }

        return periods;
    }

    /// <summary>The period a key names (none: the one being filed now), if it is in the window.</summary>
    public static bool TryResolve(string? key, DateOnly today, out BimonthlyPeriod period)
    {
        var recent = Recent(today);
        if (key is null)
        {
            period = recent[0];
            return true;
        }

        return BimonthlyPeriod.TryParse(key, out period) && recent.Contains(period);
    }
}
