using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Reporting;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>
/// Computes the dashboards' default question — the whole city, this school year, as of today — into the
/// figures cache (ADR 0010) shortly after the instance starts and again just after each midnight in
/// China, when "today" moves and every question is new. The first bureau user of the day then finds
/// the figures ready instead of waiting seconds at city scale. Every district and school dashboard of
/// the same period is warm with it: the cache holds figures per school, whoever asked. Off with
/// <c>Reporting:WarmCache=false</c> (the tests and the benchmark, which measure the cache themselves).
/// </summary>
public sealed partial class FiguresWarmer(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReportingOptions> options, ILogger<FiguresWarmer> logger)
    : BackgroundService
{
    /// <summary>After start-up, before the first warming: the instance serves its first requests first.</summary>
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmCache)
        {
            return;
        }

        try
        {
            await Task.Delay(StartDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var today = ChinaTime.Today(clock);
                if (!await WarmAsync(today, stoppingToken))
                {
                    await Task.Delay(RetryDelay, clock, stoppingToken);
                    continue;
                }

                // A minute into the next day in China, whatever the server's own time zone.
                var now = clock.GetUtcNow();
                var nextDay = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Zone.GetUtcOffset(now)).AddMinutes(1);
                await Task.Delay(nextDay > now ? nextDay - now : RetryDelay, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The instance is stopping.
        }
    }

    /// <summary>Builds the city dashboard of this school year once; false when the database did not answer.</summary>
    public async Task<bool> WarmAsync(DateOnly today, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var builder = scope.ServiceProvider.GetRequiredService<DashboardBuilder>();
            var started = clock.GetTimestamp();
            await builder.BuildAsync(DashboardLevel.City, SchoolSelection.City, "", Period.Containing(PeriodKind.SchoolYear, today), today, cancellationToken);
            Warmed(logger, clock.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type: its message may quote SQL, never data, but there is no need for either.
            NotWarmed(logger, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard figures of the city warmed in {Milliseconds:0} ms")]
    private static partial void Warmed(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard figures could not be warmed ({Error}); trying again in a minute")]
    private static partial void NotWarmed(ILogger logger, string error);
}
