using System.Net;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Reporting;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The warmer computes what the dashboards ask first: after it, the city's and a district's
/// dashboards compute nothing. (Its schedule is off in tests, as <c>Reporting:WarmCache=false</c>
/// leaves it; the warming itself is called here.)
/// </summary>
public class FiguresWarmerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task After_warming_the_city_and_district_dashboards_compute_nothing()
    {
        var cache = factory.Services.GetRequiredService<FiguresCache>();
        var warmer = factory.Services.GetServices<IHostedService>().OfType<FiguresWarmer>().Single();
        // Signed in first: the pages a sign-in lands on may ask other questions (a report period's figures).
        using var city = factory.CreatePortalClient();
        await city.SignInAsync("city");
        using var xunyang = factory.CreatePortalClient();
        await xunyang.SignInAsync("xunyang");
        var before = cache.SchoolsComputed;

        Assert.True(await warmer.WarmAsync(ChinaTime.Today(TimeProvider.System), default));
        var warmed = cache.SchoolsComputed;
        // Figures and trend, each for every school of the demo city.
        Assert.True(warmed - before >= 2 * 870, $"warming computed {warmed - before} school results");

        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/Dashboards")).Status);
        Assert.Equal(HttpStatusCode.OK, (await xunyang.GetAsync("/Dashboards")).Status);

        Assert.Equal(warmed, cache.SchoolsComputed);
    }

    [Fact]
    public async Task With_warming_off_the_service_computes_nothing_on_its_own()
    {
        var cache = factory.Services.GetRequiredService<FiguresCache>();
        var before = cache.SchoolsComputed;
        // The schedule would warm 10 s after start; off here, so nothing happens however long one waits.
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.Equal(before, cache.SchoolsComputed);
    }
}
