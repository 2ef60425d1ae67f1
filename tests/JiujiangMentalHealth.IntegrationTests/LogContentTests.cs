using System.Globalization;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Events;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// The portal's own log configuration, with EF Core's command log turned up from Warning to
/// Information: parameter values would show in it if sensitive data logging were ever switched on.
/// </summary>
public class CommandLogFactory : CapturingPortalFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Information" };
}

/// <summary>QUALITY.md, "Audit and privacy": what the log holds of a day's work with students.</summary>
public class LogContentTests(CommandLogFactory factory) : IClassFixture<CommandLogFactory>
{
    private const string RequestLog = "Serilog.AspNetCore.RequestLoggingMiddleware";

    [Fact]
    public async Task Content_itself_is_never_logged_no_name_ID_number_family_detail_note_search_or_password()
    {
        var number = TestData.StudentNumber(new DateOnly(2016, 3, 7), 731);
        const string name = "甄珑璇";
        const string familyChanges = "父母离异后随外婆生活在柴桑区";
        const string guardian = "甄秀兰";
        const string phone = "13907921357";
        const string note = "自述夜里反复梦见在甘棠湖溺水";
        const string password = "Pw-9Hq2-never-in-a-log";
        const string unknownName = "zz-typed-name-3Rk";
        string[] markers = [name, number, number[1..], familyChanges, guardian, phone, note, password, unknownName];
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Students.AnyAsync(s => s.StudentNumber == number || s.Name == name));

        using var counsellor = factory.CreatePortalClient();
        await counsellor.SignInAsync("counsellor", password);
        await counsellor.SignInAsync(unknownName, password);
        await counsellor.SignInAsync("counsellor");

        var form = await counsellor.GetAsync("/Students/Edit");
        var classId = form.Document.QuerySelectorAll("select[name='Input.ClassId'] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var file = await counsellor.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.StudentNumber"] = number, ["Input.Name"] = name, ["Input.Gender"] = "Female", ["Input.BirthDate"] = "2016-03-07",
            ["Input.ClassId"] = classId, ["Input.FamilyChanges"] = familyChanges, ["Input.GuardianName"] = guardian, ["Input.GuardianPhone"] = phone,
        });
        Assert.Empty(file.Errors);
        var id = int.Parse(file.Url.Split('/')[^1], CultureInfo.InvariantCulture);

        await counsellor.SubmitAsync(await counsellor.GetAsync($"/Students/Screening?studentId={id}&instrument=Phq9"),
            Enumerable.Range(0, 9).ToDictionary(i => $"Answers[{i}]", i => i < 5 ? "2" : "0"), "#screening-form", "button[formaction*='handler=Save']");
        await counsellor.SubmitAsync(await counsellor.GetAsync($"/Students/Talk?studentId={id}"), new Dictionary<string, string>
        {
            ["Input.Kind"] = "CounsellorTalk", ["Input.WithWhom"] = guardian, ["Input.Summary"] = note, ["Input.FollowUpNeeded"] = "true",
        });
        foreach (var search in new[] { name, number })
        {
            var found = await counsellor.SubmitAsync(await counsellor.GetAsync("/Students"), new Dictionary<string, string> { ["q"] = search }, "#students-search");
            Assert.Contains(name, found.Text, StringComparison.Ordinal);
        }

        Assert.Contains(note, (await counsellor.GetAsync($"/Students/{id}")).Text, StringComparison.Ordinal);
        Assert.True(await db.ScreeningResults.AnyAsync(r => r.StudentId == id));

        // The capture saw this work (so finding nothing in it means something).
        var events = factory.Log.Events;
        foreach (var (method, path) in new[] { ("POST", "/Account/SignIn"), ("POST", "/Students/Edit"), ("POST", "/Students/Screening"), ("POST", "/Students/Talk"), ("POST", "/Students"), ("GET", $"/Students/{id}") })
        {
            Assert.Contains(events, e => IsRequestLog(e) && Scalar(e, "RequestMethod") == method && Scalar(e, "RequestPath") == path);
        }

        Assert.Contains(events, e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        var leaks = events
            .SelectMany(e => LogCapture.TextsOf(e).SelectMany(text => markers.Where(m => text.Contains(m, StringComparison.Ordinal)).Select(m => $"{m} in: {e.RenderMessage(CultureInfo.InvariantCulture)}")))
            .Distinct()
            .ToList();
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task Content_itself_is_never_logged_EF_Core_sensitive_data_logging_and_PostgreSQL_error_detail_are_off()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();
        Assert.False(core?.IsSensitiveDataLoggingEnabled ?? false);

        // A constraint violation's detail repeats the row's values; Npgsql leaves it out unless asked.
        Assert.False(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).IncludeErrorDetail);

        // The audit trail's own context is built the same way.
        await using var audit = AppDbContextOptions.Create(factory.ConnectionString);
        Assert.False(audit.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled ?? false);
    }

    [Fact]
    public async Task No_names_or_ID_numbers_in_URLs_reach_the_log_the_request_log_holds_the_path_without_the_query_string()
    {
        const string typed = "查询串里的名字";
        using var admin = factory.CreatePortalClient();
        await admin.SignInAsync("admin");
        await admin.GetAsync($"/Admin/Audit?userName={Uri.EscapeDataString(typed)}&entity=student");
        using var headteacher = factory.CreatePortalClient();
        await headteacher.SignInAsync("headteacher");
        await headteacher.GetAsync($"/Screenings/Queue?q={Uri.EscapeDataString(typed)}", follow: false);

        var requests = factory.Log.Events.Where(IsRequestLog).ToList();
        Assert.Contains(requests, e => Scalar(e, "RequestPath") == "/Admin/Audit" && Scalar(e, "StatusCode") == "200");
        Assert.Contains(requests, e => Scalar(e, "RequestPath") == "/Screenings/Queue" && Scalar(e, "StatusCode") == "403");
        Assert.All(requests, e => Assert.DoesNotContain("?", Scalar(e, "RequestPath"), StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Log.Events, e => LogCapture.TextsOf(e).Any(text =>
            text.Contains(typed, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(typed), StringComparison.Ordinal)));
    }

    private static bool IsRequestLog(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: RequestLog };

    private static string? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) : null;
}
