using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using System.Text.RegularExpressions;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using JiujiangMentalHealth.Web.Pages.Screenings;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JiujiangMentalHealth.Web.Benchmarks;

/// <summary>What <c>bench</c> runs, and how long and hard.</summary>
public sealed record BenchOptions(IReadOnlySet<string> Operations, int Iterations, int Seconds, int Clients, bool IterationsGiven = false, bool LoadDashboards = true)
{
    public static readonly string[] All = ["dashboards", "students", "file", "reports", "import", "load"];

    public const string Usage = "Usage: bench [dashboards|students|file|reports|import|load ...] [--iterations 25] [--seconds 30] [--clients 50] [--jit on|off] [--load-dashboards on|off]";

    /// <summary>The named operations (all when none is named), or null when a word or a number is not understood.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> words, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(options);
        if (words.Any(w => !All.Contains(w)))
        {
            return null;
        }

        static int? Number(IReadOnlyDictionary<string, string> options, string name, int fallback) =>
            !options.TryGetValue(name, out var text) ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

        var iterations = Number(options, "iterations", 25);
        var seconds = Number(options, "seconds", 30);
        var clients = Number(options, "clients", 50);
        if (iterations is null || seconds is null || clients is null
            || (options.TryGetValue("jit", out var jit) && jit is not ("on" or "off"))
            || (options.TryGetValue("load-dashboards", out var dashboards) && dashboards is not ("on" or "off")))
        {
            return null;
        }

        return new BenchOptions(new HashSet<string>(words.Count == 0 ? All : words, StringComparer.Ordinal), iterations.Value, seconds.Value, clients.Value,
            options.ContainsKey("iterations"), options.GetValueOrDefault("load-dashboards") != "off");
    }

    public bool NeedsHttp => Operations.Overlaps(["students", "file", "load"]);
}

/// <summary>
/// <c>bench</c> — measures the portal's own code paths on the seeded benchmark database beside the same
/// result computed by the database alone (one hand-written statement, or a raw COPY for the import),
/// median and p95 of each with their ratio, as Markdown ready for docs/PERFORMANCE.md. Pages are
/// measured through HTTP on the app itself, started on a loopback port inside this process and signed
/// in as accounts the benchmark creates (user names starting "bench-").
/// </summary>
public sealed partial class PortalBenchmark(WebApplication app, BenchOptions options, TextWriter output)
{
    public const string Password = "Bench-Jiujiang-2026!";
    private const string XunyangCode = "360403";

    private readonly List<string> _rows = [];
    private Uri _base = null!;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var today = ChinaTime.Today(clock);
        await using (var scope = services.CreateAsyncScope())
        {
            await PrintMachineAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        }

        if (options.NeedsHttp)
        {
            app.Urls.Clear();
            app.Urls.Add("http://127.0.0.1:0");
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            _base = new Uri(address);
            await output.WriteLineAsync($"Portal started in this process on {_base} ({app.Environment.EnvironmentName})");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| operation | n | portal median | portal p95 | database alone median | database alone p95 | ratio (median) |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|");
        var after = new List<string>();
        if (options.Operations.Contains("dashboards"))
        {
            await DashboardsAsync(today, cancellationToken);
        }

        Targets? targets = null;
        if (options.NeedsHttp)
        {
            targets = await TargetsAsync(cancellationToken);
        }

        if (options.Operations.Contains("students"))
        {
            await StudentListAsync(targets!, cancellationToken);
        }

        if (options.Operations.Contains("file"))
        {
            await StudentFileAsync(targets!, cancellationToken);
        }

        if (options.Operations.Contains("reports"))
        {
            await ReportsAsync(today, cancellationToken);
        }

        if (options.Operations.Contains("import"))
        {
            var figures = await ImportBenchmark.RunAsync(services, cancellationToken: cancellationToken);
            await Row(string.Create(CultureInfo.InvariantCulture,
                    $"import of {figures.Rows:N0} screening rows (check + preview, confirm + check + COPY) — {figures.RowsPerSecond:N0} rows/s vs {figures.Rows / figures.RawCopy.TotalSeconds:N0} rows/s"),
                [figures.Total], [figures.RawCopy]);
            after.AddRange(["", figures.ToString()]);
        }

        if (options.Operations.Contains("load"))
        {
            after.AddRange(await LoadAsync(targets!, cancellationToken));
        }

        foreach (var line in after)
        {
            await output.WriteLineAsync(line);
        }

        if (options.NeedsHttp)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    // ---- The machine and the scale ----

    private async Task PrintMachineAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var memory = File.Exists("/proc/meminfo")
            ? (await File.ReadAllLinesAsync("/proc/meminfo", cancellationToken)).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        var kb = memory is null ? 0 : long.Parse(Digits().Match(memory).Value, CultureInfo.InvariantCulture);
        var facts = await OpenConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT pg_size_pretty(pg_database_size(current_database())), (SELECT count(*) FROM students), (SELECT count(*) FROM screening_results), " +
                "(SELECT count(*) FROM schools), current_setting('server_version'), current_setting('jit')", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (Size: reader.GetString(0), Students: reader.GetInt64(1), Results: reader.GetInt64(2), Schools: reader.GetInt64(3),
                Version: reader.GetString(4), Jit: reader.GetString(5));
        }, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {kb / 1024.0 / 1024.0:0.0} GB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Database: {db.Database.GetDbConnection().Database}, PostgreSQL {facts.Version}, jit={facts.Jit}, size {facts.Size}; {facts.Schools:N0} schools, {facts.Students:N0} students, {facts.Results:N0} screening results"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Iterations per operation (n): {(options.IterationsGiven ? "" : "up to ")}{options.Iterations} after 3 warm-up runs{(options.IterationsGiven ? "" : ", fewer (at least 7) for operations of seconds")}; the portal and the database alone run in turns"));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // ---- 1. Dashboards ----

    private async Task DashboardsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var period = Period.Containing(PeriodKind.SchoolYear, today);
        var reportPeriod = DashboardBuilder.ReportPeriodFor(period, today);
        int xunyang;
        ReviewCadence cadence;
        int[] citySchools, xunyangSchools;
        long touchedTalk;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            xunyang = await db.Districts.Where(d => d.Code == XunyangCode).Select(d => d.Id).SingleAsync(cancellationToken);
            cadence = await ReviewCadenceSetting.CurrentAsync(db, cancellationToken);
            citySchools = await db.Schools.OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync(cancellationToken);
            xunyangSchools = await db.Schools.Where(s => s.DistrictId == xunyang).OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync(cancellationToken);
            touchedTalk = await db.Talks.Where(t => xunyangSchools.Contains(t.SchoolId)).OrderBy(t => t.Id).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var cache = app.Services.GetRequiredService<FiguresCache>();
        Task Cold()
        {
            cache.Clear();
            return Task.CompletedTask;
        }

        // A change in one school of 浔阳区, committed before the dashboard is asked again: its stamp moves.
        async Task Touch()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE talks SET occurred_on = occurred_on WHERE id = {touchedTalk}", cancellationToken);
        }

        async Task Portal(DashboardLevel level, SchoolSelection selection)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var builder = scope.ServiceProvider.GetRequiredService<DashboardBuilder>();
            var dashboard = await builder.BuildAsync(level, selection, "bench", period, today, cancellationToken);
            if (dashboard.Tables.Count == 0)
            {
                throw new InvalidOperationException("The dashboard has no tables.");
            }
        }

        // The same figures by the database alone: the figures statement, rolled up per district in SQL for the city.
        var cityRollup = "SELECT f.district_id, count(*), sum(f.enrolment), sum(f.full_time), sum(f.part_time), " +
                         string.Join(", ", FigureColumns.Skip(8).Where(c => c is not ("state" or "on_time")).Select(c => $"sum(f.{c})")) +
                         ", count(*) FILTER (WHERE f.state IS NULL OR f.state IN ('Draft', 'Returned')) " +
                         $"FROM ({SchoolFiguresQuery.Sql}) AS f({string.Join(", ", FigureColumns)}) GROUP BY f.district_id ORDER BY f.district_id";
        Task City() => SqlAsync(cityRollup, c => SchoolFiguresQuery.AddParameters(c, citySchools, period, reportPeriod, today, cadence), cancellationToken);
        Task District() => SqlAsync(SchoolFiguresQuery.Sql, c => SchoolFiguresQuery.AddParameters(c, xunyangSchools, period, reportPeriod, today, cadence), cancellationToken);
        var district = new SchoolSelection(DistrictId: xunyang);
        await Measure("city dashboard figures (13 districts, this school year), figures cached",
            () => Portal(DashboardLevel.City, SchoolSelection.City), City, cancellationToken);
        await Measure("city dashboard figures, one school's data changed since the last request",
            () => Portal(DashboardLevel.City, SchoolSelection.City), City, cancellationToken, prepare: Touch);
        await Measure("city dashboard figures, cache empty (after a restart)",
            () => Portal(DashboardLevel.City, SchoolSelection.City), City, cancellationToken, prepare: Cold);
        await Measure("district dashboard figures (浔阳区 360403, per school), figures cached",
            () => Portal(DashboardLevel.District, district), District, cancellationToken);
        await Measure("district dashboard figures, one school's data changed since the last request",
            () => Portal(DashboardLevel.District, district), District, cancellationToken, prepare: Touch);
        await Measure("district dashboard figures, cache empty (after a restart)",
            () => Portal(DashboardLevel.District, district), District, cancellationToken, prepare: Cold);
    }

    /// <summary>The columns of <see cref="SchoolFiguresQuery.Sql"/>, in order.</summary>
    private static readonly string[] FigureColumns =
    [
        "id", "district_id", "enrolment", "full_time", "part_time", "needs_room", "has_room", "featured",
        "on_file", "key_population", "screened_year", "screened", "w1", "w2", "w3", "t1", "t2", "t3", "overdue1", "overdue23",
        "opened", "closed", "referrals", "open_now", "talks", "visits", "key_visited", "trainees",
        "activities", "activity_participants", "lectures", "lecture_participants", "state", "on_time",
    ];

    // ---- 4. Report pre-filling ----

    private async Task ReportsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        ReportPeriods.TryResolve(null, today, out var reportPeriod);
        var period = Period.OfBiMonth(reportPeriod);
        List<int> schools;
        ReviewCadence cadence;
        int xunyang;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            xunyang = await db.Districts.Where(d => d.Code == XunyangCode).Select(d => d.Id).SingleAsync(cancellationToken);
            schools = await db.Schools.Where(s => s.DistrictId == xunyang).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
            cadence = await ReviewCadenceSetting.CurrentAsync(db, cancellationToken);
        }

        // As the report page of each school's counsellor: one request scope and one figures query per school.
        async Task Portal()
        {
            foreach (var schoolId in schools)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var figures = scope.ServiceProvider.GetRequiredService<SchoolFiguresQuery>();
                var rows = await figures.ForAsync(new SchoolSelection(SchoolId: schoolId), period, reportPeriod, today, cancellationToken);
                _ = rows.Single().ToReport();
            }
        }

        // Each school's counsellor opens the report once: measured with the figures cache empty.
        var cache = app.Services.GetRequiredService<FiguresCache>();
        await Measure(string.Create(CultureInfo.InvariantCulture, $"pre-filling the {reportPeriod.Key} reports of all {schools.Count} schools of 浔阳区 (the page's query per school, cache empty)"),
            Portal,
            () => SqlAsync(SchoolFiguresQuery.Sql, c => SchoolFiguresQuery.AddParameters(c, [.. schools], period, reportPeriod, today, cadence), cancellationToken),
            cancellationToken,
            prepare: () =>
            {
                cache.Clear();
                return Task.CompletedTask;
            });
    }

    // ---- Accounts and the pages' targets ----

    private sealed record Account(string UserName, string Cookies, string AntiforgeryToken);

    private sealed record Targets(Account City, Account District, Account Counsellor, Account FileReader,
        int SchoolId, string SchoolName, int Students, string Fragment, int FileStudentId, int FileRecords, int[] StudentIds);

    private async Task<Targets> TargetsAsync(CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var xunyang = await db.Districts.Where(d => d.Code == XunyangCode).Select(d => d.Id).SingleAsync(cancellationToken);

        // The largest school (not the import benchmark's own), and the student with the most records in the whole database.
        var importSchool = await db.Schools.Where(s => s.Code == ImportBenchmark.SchoolCode).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var largest = await db.Students.Where(s => s.SchoolId != importSchool)
            .GroupBy(s => s.SchoolId).Select(g => new { SchoolId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.SchoolId).FirstAsync(cancellationToken);
        var schoolName = await db.Schools.Where(s => s.Id == largest.SchoolId).Select(s => s.Name).SingleAsync(cancellationToken);
        var fragment = await db.Students.Where(s => s.SchoolId == largest.SchoolId).OrderBy(s => s.Id)
            .Select(s => s.Name.Substring(0, 1)).FirstAsync(cancellationToken);
        var (fileStudent, records) = await OpenConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT student_id, count(*) FROM (
                    SELECT student_id FROM screening_results
                    UNION ALL SELECT student_id FROM talks
                    UNION ALL SELECT a.student_id FROM support_changes c JOIN support_assignments a ON a.id = c.assignment_id
                    UNION ALL SELECT e.student_id FROM crisis_steps s JOIN crisis_events e ON e.id = s.crisis_event_id) x
                GROUP BY student_id ORDER BY count(*) DESC, student_id LIMIT 1
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt32(0), (int)reader.GetInt64(1));
        }, cancellationToken);
        var fileSchool = await db.Students.Where(s => s.Id == fileStudent).Select(s => s.SchoolId).SingleAsync(cancellationToken);
        var studentIds = await db.Students.Where(s => s.SchoolId == largest.SchoolId).OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync(cancellationToken);

        await EnsureUserAsync(users, "bench-city", Roles.CityBureau, ScopeLevel.City, null, null);
        await EnsureUserAsync(users, "bench-district", Roles.DistrictBureau, ScopeLevel.District, xunyang, null);
        await EnsureUserAsync(users, "bench-counsellor", Roles.Counsellor, ScopeLevel.School, null, largest.SchoolId);
        await EnsureUserAsync(users, "bench-file", Roles.Counsellor, ScopeLevel.School, null, fileSchool);
        var targets = new Targets(
            await SignInAsync("bench-city", "/Dashboards", cancellationToken),
            await SignInAsync("bench-district", "/Dashboards", cancellationToken),
            await SignInAsync("bench-counsellor", "/Students", cancellationToken),
            await SignInAsync("bench-file", "/Students", cancellationToken),
            largest.SchoolId, schoolName, largest.Count, fragment, fileStudent, records, studentIds);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"(largest school: {schoolName}, {largest.Count:N0} students; name fragment \"{fragment}\"; student file: id {fileStudent} with {records} records)"));
        return targets;
    }

    private static async Task EnsureUserAsync(UserManager<ApplicationUser> users, string userName, string role, ScopeLevel level, int? districtId, int? schoolId)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            user = new ApplicationUser { UserName = userName, DisplayName = userName, ScopeLevel = level, DistrictId = districtId, SchoolId = schoolId };
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            return;
        }

        // The largest school may have changed since an earlier run (another district seeded).
        (user.ScopeLevel, user.DistrictId, user.SchoolId) = (level, districtId, schoolId);
        user.LockoutEnd = null;
        Check(await users.UpdateAsync(user), userName);
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Benchmark account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>
    /// Signs in through the sign-in page, then keeps the cookies and an antiforgery token of <paramref name="page"/>.
    /// Cookies are carried by hand: outside Development the portal marks them Secure, and a cookie
    /// container would not send those back over the loopback's plain HTTP (in production TLS ends at
    /// the reverse proxy in front of the portal).
    /// </summary>
    private async Task<Account> SignInAsync(string userName, string page, CancellationToken cancellationToken)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _base };

        async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
            }

            using var response = await http.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }

            return await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var form = await SendAsync(HttpMethod.Get, "/Account/SignIn");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = Password, ["__RequestVerificationToken"] = Token(form),
        });
        await SendAsync(HttpMethod.Post, "/Account/SignIn", content);
        var html = await SendAsync(HttpMethod.Get, page);
        if (html.Contains("Input.Password", StringComparison.Ordinal) || !html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{userName} could not sign in.");
        }

        return new Account(userName, string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)), Token(html));
    }

    private static string Token(string html)
    {
        var match = TokenInput().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    private HttpClient Client(Account account)
    {
#pragma warning disable CA2000 // The client owns and disposes the handler.
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = _base };
#pragma warning restore CA2000
        http.DefaultRequestHeaders.Add("Cookie", account.Cookies);
        return http;
    }

    /// <summary>One page request; anything but 200 is an error.</summary>
    private static async Task PageAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}"));
            }
        }
    }

    /// <summary>The student list searched by name, page 2 (or 1 when one page holds all), as its form posts it.</summary>
    private static HttpRequestMessage SearchRequest(Account account, string fragment, int page) => new(HttpMethod.Post, $"/Students?p={page}")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Q"] = fragment, ["__RequestVerificationToken"] = account.AntiforgeryToken }),
    };

    // ---- 2. The student list ----

    private async Task StudentListAsync(Targets targets, CancellationToken cancellationToken)
    {
        using var http = Client(targets.Counsellor);
        const string sql = """
            SELECT s.id, s.student_number, s.name, s.gender, c.section, c.entry_year, c.number, s.key_populations, w.warning,
                   EXISTS (SELECT 1 FROM screening_results p WHERE p.student_id = s.id AND p.decision_state = 'Pending' AND NOT p.is_superseded) AS awaits,
                   count(*) OVER () AS total
            FROM students s
            JOIN school_classes c ON c.id = s.class_id
            LEFT JOIN LATERAL (SELECT r.warning FROM screening_results r WHERE r.student_id = s.id AND NOT r.is_superseded AND NOT r.invalid
                               ORDER BY r.taken_on DESC, r.id DESC LIMIT 1) w ON true
            WHERE s.school_id = @school AND s.name LIKE '%' || @q || '%'
            ORDER BY CASE WHEN w.warning IS NULL OR w.warning = 0 THEN 9 ELSE w.warning END, s.class_id, s.name, s.id
            LIMIT 30 OFFSET 30
            """;
        await Measure(string.Create(CultureInfo.InvariantCulture,
                $"student list of the largest school ({targets.Students:N0} students), name search \"{targets.Fragment}\", page 2 of 30 (POST /Students)"),
            () => PageAsync(http, SearchRequest(targets.Counsellor, targets.Fragment, 2), cancellationToken),
            () => SqlAsync(sql, c =>
            {
                c.Parameters.AddWithValue("school", targets.SchoolId);
                c.Parameters.AddWithValue("q", targets.Fragment);
            }, cancellationToken),
            cancellationToken);
    }

    // ---- 3. A student file ----

    private async Task StudentFileAsync(Targets targets, CancellationToken cancellationToken)
    {
        using var http = Client(targets.FileReader);
        // Every row the page reads, each whole (as the page loads entities), in one statement.
        const string sql = """
            SELECT 0 AS kind, to_jsonb(s) || jsonb_build_object('class', to_jsonb(c), 'school', sch.name,
                       'head_teachers', (SELECT jsonb_agg(m.name) FROM staff_members m JOIN staff_classes sc ON sc.staff_member_id = m.id
                                         WHERE m.school_id = s.school_id AND m.left_on IS NULL AND sc.class_id = s.class_id)) AS row
            FROM students s JOIN school_classes c ON c.id = s.class_id JOIN schools sch ON sch.id = s.school_id WHERE s.id = @id
            UNION ALL SELECT 1, to_jsonb(r) FROM screening_results r WHERE r.student_id = @id
            UNION ALL SELECT 2, to_jsonb(t) FROM talks t WHERE t.student_id = @id
            UNION ALL SELECT 3, to_jsonb(a) FROM support_assignments a WHERE a.student_id = @id
            UNION ALL SELECT 4, to_jsonb(ch) FROM support_changes ch JOIN support_assignments a ON a.id = ch.assignment_id WHERE a.student_id = @id
            UNION ALL SELECT 5, to_jsonb(st) FROM crisis_steps st JOIN crisis_events e ON e.id = st.crisis_event_id WHERE e.student_id = @id
            """;
        await Measure(string.Create(CultureInfo.InvariantCulture,
                $"student file with its whole timeline ({targets.FileRecords} records; GET /Students/{{id}})"),
            () => PageAsync(http, new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/Students/{targets.FileStudentId}")), cancellationToken),
            () => SqlAsync(sql, c => c.Parameters.AddWithValue("id", targets.FileStudentId), cancellationToken),
            cancellationToken);
    }

    // ---- 6. Pages under load ----

    private async Task<List<string>> LoadAsync(Targets targets, CancellationToken cancellationToken)
    {
        var kinds = new[] { "city dashboard", "district dashboard", "student list (name search, pages 1–3)", "student file" };
        var latencies = kinds.Select(_ => new List<double>()).ToArray();
        var errors = new int[kinds.Length];
        var firstErrors = new List<string>();
        var clients = Enumerable.Range(0, options.Clients).Select(i => (
            Dashboard: Client(i % 2 == 0 ? targets.City : targets.District),
            Counsellor: Client(targets.Counsellor))).ToList();

        // Each page once before the clock starts, as on a working day: the dashboards' figures are then
        // in the cache (what the first request after a restart costs is the "cache empty" rows above).
        if (options.LoadDashboards)
        {
            await PageAsync(clients[0].Dashboard, new HttpRequestMessage(HttpMethod.Get, "/Dashboards"), cancellationToken);
            await PageAsync(clients[1 % clients.Count].Dashboard, new HttpRequestMessage(HttpMethod.Get, "/Dashboards"), cancellationToken);
        }

        await PageAsync(clients[0].Counsellor, SearchRequest(targets.Counsellor, targets.Fragment, 1), cancellationToken);

        // What the operations before the load left in the heap (the import's 50,000 rows) is not the
        // pages' memory: collect it, and give the freed memory back, before the peak is reset.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        // Peak memory from here on: Linux resets VmHWM when "5" is written to clear_refs.
        var reset = TryResetPeak();
        var (appCpu, databaseCpu) = (CpuSeconds("/proc/self/stat"), DatabaseCpuSeconds());
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var started = Stopwatch.GetTimestamp();
        var tasks = clients.Select(async (client, i) =>
        {
            // Mostly the pages a school works in; a dashboard every tenth request (alternately city and district by client).
            for (var k = i; Stopwatch.GetElapsedTime(started) < duration; k++)
            {
                var kind = k % 10 == 0 && options.LoadDashboards ? (i % 2 == 0 ? 0 : 1) : k % 2 == 0 ? 2 : 3;
                var request = kind switch
                {
                    0 or 1 => new HttpRequestMessage(HttpMethod.Get, "/Dashboards"),
                    2 => SearchRequest(targets.Counsellor, targets.Fragment, 1 + (k % 3)),
                    _ => new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture,
                        $"/Students/{targets.StudentIds[(int)((long)k * 7919 % targets.StudentIds.Length)]}")),
                };
                var watch = Stopwatch.GetTimestamp();
                try
                {
                    await PageAsync(kind <= 1 ? client.Dashboard : client.Counsellor, request, cancellationToken);
                    var ms = Stopwatch.GetElapsedTime(watch).TotalMilliseconds;
                    lock (latencies)
                    {
                        latencies[kind].Add(ms);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    lock (latencies)
                    {
                        errors[kind]++;
                        if (firstErrors.Count < 5)
                        {
                            firstErrors.Add(e.Message);
                        }
                    }
                }
            }
        }).ToList();
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peak = PeakMegabytes();
        var (appCpuUsed, databaseCpuUsed) = (CpuSeconds("/proc/self/stat") - appCpu, DatabaseCpuSeconds() - databaseCpu);
        foreach (var (dashboard, counsellor) in clients)
        {
            dashboard.Dispose();
            counsellor.Dispose();
        }

        var all = latencies.SelectMany(l => l).ToList();
        var lines = new List<string>
        {
            "",
            string.Create(CultureInfo.InvariantCulture,
                $"Pages under load: {options.Clients} concurrent signed-in clients on loopback for {options.Seconds} s, after one request of each page ({elapsed:0.0} s until the last answer; in-process HttpClient load generator, each client waits for its answer before its next request; {(options.LoadDashboards ? "one request in ten a dashboard, alternately city and district by client, the rest" : "no dashboards (--load-dashboards off):")} the counsellor's student list searched and files of the school's students, half and half)"),
            "",
            "| pages | requests | requests/s | p50 | p99 | errors |",
            "|---|---|---|---|---|---|",
        };
        for (var i = 0; i < kinds.Length; i++)
        {
            lines.Add(LoadRow(kinds[i], latencies[i], errors[i], elapsed));
        }

        lines.Add(LoadRow("**all**", all, errors.Sum(), elapsed));
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Peak memory (VmHWM) of this process during the load: {peak:N0} MB{(reset ? "" : " (peak since the process started: clear_refs could not be reset)")} — the web app and the load generator share this process, so the web app alone used less; managed heap after the load {GC.GetTotalMemory(false) / 1024 / 1024:N0} MB."));
        var answered = Math.Max(1, all.Count);
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"CPU per request (from /proc, while the load ran): this process {1000 * appCpuUsed / answered:0.0} ms (web app and load generator), PostgreSQL's processes {1000 * databaseCpuUsed / answered:0.0} ms; {Environment.ProcessorCount} cores give at most {Environment.ProcessorCount * answered / Math.Max(0.001, appCpuUsed + databaseCpuUsed):N0} requests/s at this cost."));
        lines.AddRange(firstErrors.Select(e => "  error: " + e));
        return lines;
    }

    private static string LoadRow(string name, List<double> latencies, int errors, double seconds)
    {
        var sorted = latencies.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sorted.Count:N0} | {sorted.Count / seconds:N1} | {Ms(Percentile(sorted, 0.50))} | {Ms(Percentile(sorted, 0.99))} | {errors} |");
    }

    /// <summary>User and system CPU seconds of a process, from its /proc stat line (0 where there is none).</summary>
    private static double CpuSeconds(string statPath)
    {
        try
        {
            var stat = File.ReadAllText(statPath);
            // The fields after the command name (which may hold spaces) in parentheses; utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds of every PostgreSQL process on this machine (the benchmark's server is local).</summary>
    private static double DatabaseCpuSeconds()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var comm = Path.Combine(dir, "comm");
            try
            {
                if (char.IsAsciiDigit(Path.GetFileName(dir)[0]) && File.Exists(comm) && File.ReadAllText(comm).Trim() == "postgres")
                {
                    total += CpuSeconds(Path.Combine(dir, "stat"));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }

        return total;
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static double PeakMegabytes()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? Environment.WorkingSet / 1024.0 / 1024.0 : long.Parse(Digits().Match(line).Value, CultureInfo.InvariantCulture) / 1024.0;
    }

    // ---- Measuring ----

    private async Task SqlAsync(string sql, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await OpenConnection.RunAsync(db, async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var values = new object[reader.FieldCount];
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
                rows++;
            }

            return rows;
        }, cancellationToken);
    }

    /// <summary>Warm-up, then the portal and the database alone in turns, so both see the same machine and caches.</summary>
    private async Task Measure(string name, Func<Task> portal, Func<Task> database, CancellationToken cancellationToken, Func<Task>? prepare = null)
    {
        prepare ??= () => Task.CompletedTask;
        var warm = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3; i++)
        {
            await prepare();
            await portal();
            await database();
        }

        // Operations of seconds get fewer runs (about a minute each, at least 7) unless --iterations says otherwise.
        var pair = Stopwatch.GetElapsedTime(warm).TotalSeconds / 3;
        var iterations = options.IterationsGiven ? options.Iterations : Math.Clamp((int)(60 / pair), 7, options.Iterations);
        var (p, d) = (new List<TimeSpan>(), new List<TimeSpan>());
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await prepare();
            var watch = Stopwatch.GetTimestamp();
            await portal();
            p.Add(Stopwatch.GetElapsedTime(watch));
            watch = Stopwatch.GetTimestamp();
            await database();
            d.Add(Stopwatch.GetElapsedTime(watch));
        }

        await Row(name, p, d);
    }

    private async Task Row(string name, List<TimeSpan> portal, List<TimeSpan> database)
    {
        var p = portal.Select(t => t.TotalMilliseconds).Order().ToList();
        var d = database.Select(t => t.TotalMilliseconds).Order().ToList();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {p.Count} | {Ms(Percentile(p, 0.5))} | {Ms(Percentile(p, 0.95))} | {Ms(Percentile(d, 0.5))} | {Ms(Percentile(d, 0.95))} | {Percentile(p, 0.5) / Percentile(d, 0.5):0.00}× |");
        _rows.Add(line);
        await output.WriteLineAsync(line);
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Ms(double ms) =>
        double.IsNaN(ms) ? "–" : ms >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s") : string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms");

    /// <summary>The markdown rows printed so far.</summary>
    public IReadOnlyList<string> Rows => _rows;
}
