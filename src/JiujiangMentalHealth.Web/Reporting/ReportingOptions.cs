using JiujiangMentalHealth.Domain.Reporting;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>"Reporting" in configuration: the day of the odd month by which bi-monthly reports are due.</summary>
public sealed class ReportingOptions
{
    public int DeadlineDay { get; set; } = BimonthlyPeriod.DefaultDeadlineDay;

    /// <summary>Whether <see cref="FiguresWarmer"/> computes the dashboards' default figures after start-up and each midnight.</summary>
    public bool WarmCache { get; set; } = true;
}
