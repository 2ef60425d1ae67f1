using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using JiujiangMentalHealth.Infrastructure.Seeding;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// With ConnectionStrings:Reporting set, the dashboards' figures, the trend and the cache's change stamps
/// are read from that database (a stand-in for a streaming replica: a second copy of the template, read
/// only by default); without it, from the portal's own. The two copies are made to differ in a figure,
/// so whichever database a figure came from shows.
/// </summary>
public sealed class ReportingReplicaTests(ReportingReplicaTests.ReplicaPortalFactory replica, PortalFactory primaryOnly)
    : IClassFixture<ReportingReplicaTests.ReplicaPortalFactory>, IClassFixture<PortalFactory>
{
    private const int ExtraParticipants = 1000;
    private static readonly DateOnly Today = ChinaTime.Today(TimeProvider.System);
    private static readonly Period Year = Period.Containing(PeriodKind.SchoolYear, Today);
    private static readonly BimonthlyPeriod ReportPeriod = DashboardBuilder.ReportPeriodFor(Year, Today);

    /// <summary>The portal on its own database, with a second copy of the template as its reporting database.</summary>
    public sealed class ReplicaPortalFactory : PortalFactory
    {
        private TestDatabaseServer? _server;

        public string ReportingConnectionString { get; private set; } = "";

        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["ConnectionStrings:Reporting"] = ReportingConnectionString };

        protected override async Task<string> CreateDatabaseAsync()
        {
            var primary = await base.CreateDatabaseAsync();
            _server = await TestDatabaseServer.InstanceAsync();
            ReportingConnectionString = await _server.CreateDatabaseAsync("reporting_replica");
            // Like a standby, the reporting database refuses writes: one sent there by mistake fails.
            var name = new NpgsqlConnectionStringBuilder(ReportingConnectionString).Database;
            await ExecuteOnReportingAsync($"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on");
            return primary;
        }

        protected override async Task DropDatabaseAsync()
        {
            await base.DropDatabaseAsync();
            if (_server is not null && ReportingConnectionString.Length > 0)
            {
                await _server.DropDatabaseAsync(ReportingConnectionString);
            }
        }

        /// <summary>Changes the reporting database only (what replication would bring there later).</summary>
        public async Task<int> ExecuteOnReportingAsync(string sql)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(ReportingConnectionString) { Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var readWrite = new NpgsqlCommand("SET default_transaction_read_only = off", connection))
            {
                await readWrite.ExecuteNonQueryAsync();
            }

            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_school_figures_come_from_the_reporting_database()
    {
        var (activityId, schoolId) = await AnActivityThisYearAsync();
        Assert.Equal(1, await replica.ExecuteOnReportingAsync(
            $"UPDATE activities SET participants = participants + {ExtraParticipants} WHERE id = {activityId}"));

        await using var scope = replica.Services.CreateAsyncScope();
        var portal = await scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>().ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
        var primary = await OnPrimaryAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());

        Assert.Equal(primary.Single(f => f.SchoolId == schoolId).ActivityParticipants + ExtraParticipants,
            portal.Single(f => f.SchoolId == schoolId).ActivityParticipants);
    }

    [Fact]
    public async Task The_trend_comes_from_the_reporting_database()
    {
        var periods = Period.Containing(PeriodKind.BiMonth, Today).LastPeriods(6);
        var (froms, tos) = (periods.Select(p => p.From).ToArray(), periods.Select(p => p.AsOf(Today)).ToArray());
        Assert.Equal(1, await replica.ExecuteOnReportingAsync(
            $"DELETE FROM talks WHERE id = (SELECT max(id) FROM talks WHERE kind = 'HomeVisit' AND occurred_on BETWEEN date '{froms[^1]:yyyy-MM-dd}' AND date '{Today:yyyy-MM-dd}')"));

        await using var scope = replica.Services.CreateAsyncScope();
        var portal = await scope.ServiceProvider.GetRequiredService<TrendQuery>().RunAsync(SchoolSelection.City, froms, tos, default);
        var primary = await new TrendQuery(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new FiguresCache(), ReportingConnections.None)
            .RunAsync(SchoolSelection.City, froms, tos, default);

        Assert.Equal(primary[^1].HomeVisits - 1, portal[^1].HomeVisits);
        Assert.Equal(primary[^1].Screened, portal[^1].Screened);
    }

    [Fact]
    public async Task The_city_dashboard_shows_the_reporting_database_figures_while_the_portal_writes_to_its_own()
    {
        Assert.Equal(1, await replica.ExecuteOnReportingAsync(
            $"UPDATE staff_members SET left_on = date '{Year.From.AddDays(-1):yyyy-MM-dd}' WHERE id = (SELECT min(id) FROM staff_members WHERE psychology_post = 'FullTime' AND left_on IS NULL)"));

        // Signing in writes (the account's sign-in time, the audit trail): to the primary, or the read-only copy would refuse it.
        using var city = replica.CreatePortalClient();
        await city.SignInAsync("city");
        var page = await city.GetAsync("/Dashboards");

        Assert.Equal((DemoWorkforce.FullTimeTeachers - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), page.TestId("card-fulltime"));
        await using var scope = replica.Services.CreateAsyncScope();
        Assert.Equal(DemoWorkforce.FullTimeTeachers, (await OnPrimaryAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>())).Sum(f => f.FullTime));
    }

    [Fact]
    public async Task The_reporting_sessions_run_on_the_reporting_database_with_jit_off()
    {
        var reporting = replica.Services.GetRequiredService<ReportingConnections>();
        Assert.True(reporting.IsConfigured);
        await using var scope = replica.Services.CreateAsyncScope();
        var session = await reporting.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT current_database() || ' ' || current_setting('jit')", connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }, default);

        Assert.Equal(new NpgsqlConnectionStringBuilder(replica.ReportingConnectionString).Database + " off", session);
    }

    [Fact]
    public async Task Without_a_reporting_database_the_figures_come_from_the_portal_database()
    {
        Assert.False(primaryOnly.Services.GetRequiredService<ReportingConnections>().IsConfigured);
        await using var scope = primaryOnly.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>();
        long activityId; int schoolId;
        await using (var db = primaryOnly.CreateDbContext())
        {
            (activityId, schoolId) = await db.Activities.Where(a => a.SchoolId != null && a.HeldOn >= Year.From && a.HeldOn <= Today)
                .OrderBy(a => a.Id).Select(a => new ValueTuple<long, int>(a.Id, a.SchoolId!.Value)).FirstAsync();
        }

        var before = (await figures.ForAsync(new SchoolSelection(SchoolId: schoolId), Year, ReportPeriod, Today, default)).Single();
        await using (var db = primaryOnly.CreateDbContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE activities SET participants = participants + {ExtraParticipants} WHERE id = {activityId}"));
        }

        var after = (await figures.ForAsync(new SchoolSelection(SchoolId: schoolId), Year, ReportPeriod, Today, default)).Single();
        Assert.Equal(before.ActivityParticipants + ExtraParticipants, after.ActivityParticipants);
    }

    /// <summary>An activity a school held this school year, in the portal's database (the same in both copies before a test changes one).</summary>
    private async Task<(long ActivityId, int SchoolId)> AnActivityThisYearAsync()
    {
        await using var db = replica.CreateDbContext();
        return await db.Activities.Where(a => a.SchoolId != null && a.HeldOn >= Year.From && a.HeldOn <= Today)
            .OrderBy(a => a.Id).Select(a => new ValueTuple<long, int>(a.Id, a.SchoolId!.Value)).FirstAsync();
    }

    /// <summary>The figures computed afresh on the portal's own database.</summary>
    private static Task<IReadOnlyList<SchoolFigures>> OnPrimaryAsync(AppDbContext db) =>
        new SchoolFiguresQuery(db, new FiguresCache(), ReportingConnections.None).ForAsync(SchoolSelection.City, Year, ReportPeriod, Today, default);
}
