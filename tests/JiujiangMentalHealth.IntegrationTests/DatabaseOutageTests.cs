using System.Net;
using System.Text;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The database server stops in the middle of a run (pg_ctl stop -m fast) and later starts again on
/// the same port, while the portal keeps running: users get a page that says so, nothing is half
/// written, and the portal recovers by itself.
/// </summary>
public class DatabaseOutageTests(OutagePortalFactory factory) : IClassFixture<OutagePortalFactory>
{
    private const string School = "九江市双峰小学";
    private const string FileName = "停电前预览的测评结果.csv";

    [NeedsPostgresToolsFact("initdb", "pg_ctl")]
    public async Task While_the_database_is_down_pages_say_so_nothing_is_half_written_and_the_portal_recovers_by_itself()
    {
        int schoolId;
        Student student;
        int auditedBefore;
        var period = BimonthlyPeriod.LatestEnded(ChinaTime.Today(TimeProvider.System)).From;
        await using (var db = factory.CreateDbContext())
        {
            schoolId = await db.Schools.Where(s => s.Name == School).Select(s => s.Id).SingleAsync();
            student = await TestData.AddStudentAsync(db, School, "夏雨晴");
            auditedBefore = await ChangesAuditedAsync(db);
        }

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");
        var csv = Encoding.UTF8.GetBytes($"学籍号,姓名,量表,测评日期,总分,预警等级\n{student.StudentNumber},{student.Name},中小学生心理健康量表,2024-10-15,56,三级\n");
        var preview = await counsellor.UploadAsync(await counsellor.GetAsync("/Screenings/Import"), "form[enctype='multipart/form-data']", "Upload", csv, FileName);
        Assert.NotNull(preview.Document.QuerySelector("#confirm-form"));
        var report = await counsellor.GetAsync("/Reports/Report");
        Assert.Equal(HttpStatusCode.OK, report.Status);

        await factory.Cluster.StopAsync();
        try
        {
            // Users keep working while the database is away: one opens a list, one confirms the import,
            // one saves the report; a load balancer probes the instance. (At once: each waits out the
            // execution strategy's retries, about 14 s.)
            var list = counsellor.GetAsync("/Students", follow: false);
            var import = counsellor.SubmitAsync(preview, new Dictionary<string, string>(), "#confirm-form");
            var save = counsellor.SubmitAsync(report, new Dictionary<string, string> { ["Figures.Talks"] = "999", ["CorrectionNote"] = "停电时保存" },
                "[data-testid=report-form]", "button[formaction*='handler=Save']");
            var ready = counsellor.Http.GetAsync("/health/ready");
            var live = counsellor.Http.GetAsync("/health/live");
            await Task.WhenAll(list, import, save, ready, live);

            AssertOutagePage(await list);
            AssertOutagePage(await import);
            AssertOutagePage(await save);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ready).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await live).StatusCode);
        }
        finally
        {
            await factory.Cluster.StartServerAsync();
        }

        // Neither the import nor the report, nor an audit entry of either, reached the database.
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.ImportBatches.AnyAsync(b => b.FileName == FileName));
            Assert.False(await db.ScreeningResults.AnyAsync(r => r.StudentId == student.Id));
            Assert.False(await db.BimonthlyReports.AnyAsync(r => r.SchoolId == schoolId && r.PeriodStart == period));
            Assert.Equal(auditedBefore, await ChangesAuditedAsync(db));
        }

        // The same portal, not restarted, works again, and the preview shown before the outage can be confirmed.
        Assert.Equal(HttpStatusCode.OK, (await counsellor.GetAsync("/Students", follow: false)).Status);
        Assert.Equal(HttpStatusCode.OK, (await counsellor.Http.GetAsync("/health/ready")).StatusCode);
        var done = await counsellor.SubmitAsync(preview, new Dictionary<string, string>(), "#confirm-form");
        Assert.Equal(HttpStatusCode.OK, done.Status);
        await using (var db = factory.CreateDbContext())
        {
            var batch = await db.ImportBatches.SingleAsync(b => b.FileName == FileName);
            Assert.Equal(1, await db.ScreeningResults.CountAsync(r => r.ImportBatchId == batch.Id && r.StudentId == student.Id));
            Assert.Equal(auditedBefore + 1, await ChangesAuditedAsync(db));
        }
    }

    [NeedsPostgresToolsFact("initdb", "pg_ctl")]
    public async Task After_a_database_restart_the_dead_connections_left_in_the_pool_do_not_fail_a_request()
    {
        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor");

        // A busy portal keeps many idle connections; a restart kills them all, and Npgsql hands a pooled
        // connection out without testing it. More of them than the execution strategy has retries.
        await FillPoolAsync(connections: 12);
        await factory.Cluster.StopAsync();
        await factory.Cluster.StartServerAsync();

        Assert.Equal(HttpStatusCode.OK, (await counsellor.GetAsync("/Students", follow: false)).Status);
        Assert.Equal(HttpStatusCode.OK, (await counsellor.Http.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>The portal's error page for an outage: 503, in Chinese, saying nothing was saved; no exception text.</summary>
    private static void AssertOutagePage(PortalClient.Page page)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.True(page.Response.Headers.RetryAfter is not null, "A 503 says when to try again");
        Assert.Equal("服务暂时不可用", page.Document.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("没有保存", page.Text, StringComparison.Ordinal);
        var html = page.Document.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Npgsql", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at JiujiangMentalHealth", html, StringComparison.Ordinal);
    }

    private static Task<int> ChangesAuditedAsync(AppDbContext db) =>
        db.AuditEntries.CountAsync(e => e.Action == "import" || e.Entity == "report");

    /// <summary>
    /// Opens that many connections at once through the portal's own contexts (EF keeps its own data
    /// source, so its own pool) and returns them to the pool idle.
    /// </summary>
    private async Task FillPoolAsync(int connections)
    {
        var scopes = Enumerable.Range(0, connections).Select(_ => factory.Services.CreateAsyncScope()).ToList();
        try
        {
            foreach (var scope in scopes)
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.OpenConnectionAsync();
                Assert.Equal(1, await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").SingleAsync());
            }
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }
}
