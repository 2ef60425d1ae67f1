using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// Two web instances on one database behind a load balancer: one browser (one cookie jar) whose
/// requests land on either. Each instance is its own host with its own services and key-ring cache;
/// only the database (where the data-protection keys live) is shared.
/// </summary>
public class SeveralInstancesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_sign_in_and_a_form_token_from_one_instance_are_accepted_by_another()
    {
        await using var second = factory.WithWebHostBuilder(_ => { });
        // Both instances have served a page (and so loaded their key rings) before anyone signs in.
        using (var warmUp = PortalClient.On(second, new CookieContainer()))
        {
            Assert.Equal(HttpStatusCode.OK, (await warmUp.GetAsync("/Account/SignIn")).Status);
        }

        var browser = new CookieContainer();
        using var one = PortalClient.On(factory, browser);
        using var two = PortalClient.On(second, browser);
        await one.SignInAsync("counsellor");

        var home = await two.GetAsync("/", follow: false);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("李老师（心理）", home.TestId("current-user"));

        // The report form (and its antiforgery cookie) comes from instance one, the save goes to instance two.
        var form = await one.GetAsync("/Reports/Report", follow: false);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var talks = int.Parse(form.TestId("prefilled-Talks")!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) + 3;
        var saved = await two.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Figures.Talks"] = talks.ToString(CultureInfo.InvariantCulture),
            ["CorrectionNote"] = "3 次谈话记在纸质台账上",
        }, "[data-testid=report-form]", "button[formaction*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, saved.Status); // not 400: instance two read instance one's antiforgery token
        Assert.StartsWith("/Reports/Report", saved.Url, StringComparison.Ordinal);
        await using var db = factory.CreateDbContext();
        var period = BimonthlyPeriod.LatestEnded(ChinaTime.Today(TimeProvider.System)).From;
        var school = await db.Schools.Where(s => s.Name == "九江市双峰小学").Select(s => s.Id).SingleAsync();
        var report = await db.BimonthlyReports.SingleAsync(r => r.SchoolId == school && r.PeriodStart == period);
        Assert.Equal(talks, report.Reported.Talks);
    }

    [Fact]
    public async Task An_instance_under_another_application_name_refuses_the_cookie()
    {
        // The same keys in the same database, but another application name: its protectors differ.
        await using var other = factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddDataProtection().SetApplicationName("AnotherPortal")));
        var browser = new CookieContainer();
        using var one = PortalClient.On(factory, browser);
        using var stranger = PortalClient.On(other, browser);
        await one.SignInAsync("counsellor");
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/", follow: false)).Status);

        var refused = await stranger.GetAsync("/", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/Account/SignIn", refused.Response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
