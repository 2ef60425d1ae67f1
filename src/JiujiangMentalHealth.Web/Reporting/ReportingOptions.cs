using JiujiangMentalHealth.Domain.Reporting;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>"Reporting" in configuration: the day of the odd month by which bi-monthly reports are due.</summary>
public sealed class ReportingOptions
{
    public int DeadlineDay { get; set; } = BimonthlyPeriod.DefaultDeadlineDay;
}
