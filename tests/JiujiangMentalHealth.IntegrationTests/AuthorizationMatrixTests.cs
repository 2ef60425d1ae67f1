using System.Globalization;
using System.Net;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Identity;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using JiujiangMentalHealth.Web.Pages.Screenings;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Params = System.Collections.Generic.Dictionary<string, string>;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// Every Razor Page handler (GET and POST, named or not) × every demo account × the account's own
/// scope and a foreign one, against the table below. A refused account gets 403 (or 404 where the
/// page hides that such records exist) and changes nothing; an allowed account gets an answer on its
/// own records; a record of another school, class, district or organiser is "not found" (or, where
/// the page filters a tampered id out, ignored), changes nothing, and — for student records — leaves
/// a "denied" audit entry. A handler without an entry, or an entry without a handler, fails.
/// </summary>
/// <remarks>
/// "Changes nothing" is watched by row triggers that this class installs in its own database copy:
/// every insert, update or delete on any table but the audit log is logged, so a refused request that
/// writes anything anywhere is caught, and the message names the table.
/// </remarks>
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.MatrixFactory factory) : IClassFixture<AuthorizationMatrixTests.MatrixFactory>
{
    private static readonly string[] Everyone = ["admin", "city", "xunyang", "leader", "counsellor", "headteacher", "counsellor2", "centre"];
    private static readonly string[] Workforce = ["admin", "city", "xunyang", "leader", "counsellor", "counsellor2"];
    private static readonly string[] SchoolWorkforce = ["admin", "leader", "counsellor", "counsellor2"];
    private static readonly string[] Bureau = ["admin", "city", "xunyang"];
    private static readonly string[] CityManagers = ["admin", "city"];
    private static readonly string[] StudentStaff = ["leader", "counsellor", "headteacher", "counsellor2"];
    private static readonly string[] ScreeningStaff = ["leader", "counsellor", "counsellor2"];
    private static readonly string[] ReportUsers = ["city", "xunyang", "leader", "counsellor", "counsellor2"];
    private static readonly string[] ReportReaders = ["xunyang", "leader", "counsellor", "counsellor2"];
    private static readonly string[] ActivityUsers = ["admin", "city", "xunyang", "leader", "counsellor", "counsellor2", "centre"];
    private static readonly string[] ActivityRecorders = ["city", "xunyang", "leader", "counsellor", "counsellor2", "centre"];
    private static readonly string[] Admin = ["admin"];
    private static readonly string[] Centre = ["centre"];

    /// <summary>Roles that hold no student records: student pages tell them "not found", so not even existence leaks.</summary>
    private static readonly string[] NoStudents = ["admin", "city", "xunyang", "centre"];

    /// <summary>Crisis work, screening sheets and forming teams: head teachers are told "not found" as well.</summary>
    private static readonly string[] NoCrisis = ["admin", "city", "xunyang", "headteacher", "centre"];

    /// <summary>Pass the policy but not the page's own check (which answers 404).</summary>
    private static readonly string[] WorkforceButCity = ["xunyang", "leader", "counsellor", "counsellor2"];

    /// <summary>
    /// "METHOD route [?handler=Name]" → who may use it, who is told "not found" when refused (everyone
    /// else: 403), and for record handlers how to name the account's own record and a foreign one.
    /// </summary>
    private static readonly Dictionary<string, Entry> Expected = new(StringComparer.Ordinal)
    {
        ["GET /"] = E(Everyone),
        ["GET /Account/ChangePassword"] = E(Everyone),
        ["POST /Account/ChangePassword"] = E(Everyone),
        ["GET /Account/SignIn"] = E(Everyone),
        ["POST /Account/SignIn"] = E(Everyone),
        ["GET /Account/SignOut"] = E(Everyone),
        ["POST /Account/SignOut"] = E(Everyone),
        ["GET /Culture"] = E(Everyone),
        ["POST /Culture"] = E(Everyone),
        // Without a code the error page answers 500 on purpose; with one it shows that code's message.
        ["GET /Error"] = E(Everyone, target: ErrorCode, unscoped: true),
        ["POST /Error"] = E(Everyone, target: ErrorCode, unscoped: true),

        ["GET /Activities"] = E(ActivityUsers),
        ["GET /Activities/Calendar"] = E(ActivityUsers),
        ["GET /Activities/Edit"] = E(ActivityRecorders, target: ActivityId),
        ["POST /Activities/Edit"] = E(ActivityRecorders, target: ActivityId),
        ["GET /Activities/Activity/{id:long}"] = E(ActivityUsers, target: ActivityId),
        ["GET /Activities/Activity/{id:long} ?handler=Photo"] = E(ActivityUsers, target: PhotoOfActivity),
        // Admins read activities but record none: the page refuses them with 403.
        ["POST /Activities/Activity/{id:long} ?handler=Photo"] = E(ActivityRecorders, target: ActivityId),
        ["POST /Activities/Activity/{id:long} ?handler=DeletePhoto"] = E(ActivityRecorders, target: FreshPhoto,
            tampered: ForeignPhotoOfOwnActivity, tamperedAnswer: Answer.Ignored),
        ["POST /Activities/Activity/{id:long} ?handler=Delete"] = E(ActivityRecorders, target: FreshActivity),

        ["GET /Admin/Audit"] = E(Admin),
        ["GET /Admin/Districts"] = E(Admin),
        ["GET /Admin/Districts/Edit"] = E(Admin, target: AdminDistrict, unscoped: true),
        ["POST /Admin/Districts/Edit"] = E(Admin, target: AdminDistrict, unscoped: true),
        ["GET /Admin/ReviewCadence"] = E(Admin),
        ["POST /Admin/ReviewCadence"] = E(Admin),
        ["GET /Admin/Schools"] = E(Admin),
        ["GET /Admin/Schools/Details"] = E(Admin, target: AdminSchool, unscoped: true),
        ["POST /Admin/Schools/Details ?handler=Enrolment"] = E(Admin, target: AdminSchool, unscoped: true),
        ["POST /Admin/Schools/Details ?handler=Class"] = E(Admin, target: AdminSchool, unscoped: true),
        ["GET /Admin/Schools/Edit"] = E(Admin, target: AdminSchool, unscoped: true),
        ["POST /Admin/Schools/Edit"] = E(Admin, target: AdminSchool, unscoped: true),
        ["GET /Admin/StaffingPolicy"] = E(Admin),
        ["POST /Admin/StaffingPolicy"] = E(Admin),
        ["POST /Admin/StaffingPolicy ?handler=Withdraw"] = E(Admin, target: PolicyInForce, unscoped: true),
        ["GET /Admin/Users"] = E(Admin),
        ["GET /Admin/Users/Edit"] = E(Admin, target: ThrowawayUser, unscoped: true),
        ["GET /Admin/Users/Edit ?handler=Classes"] = E(Admin, target: AdminClasses, unscoped: true),
        ["POST /Admin/Users/Edit"] = E(Admin, target: ThrowawayUser, unscoped: true),
        ["POST /Admin/Users/Edit ?handler=Disable"] = E(Admin, target: ThrowawayUser, unscoped: true),
        ["POST /Admin/Users/Edit ?handler=Enable"] = E(Admin, target: ThrowawayUser, unscoped: true),
        ["POST /Admin/Users/Edit ?handler=Unlock"] = E(Admin, target: ThrowawayUser, unscoped: true),
        ["GET /Admin/Users/ResetPassword"] = E(Admin, target: ThrowawayUser, unscoped: true),
        ["POST /Admin/Users/ResetPassword"] = E(Admin, target: ThrowawayUser, unscoped: true),

        ["GET /Centre"] = E(Centre),
        ["GET /Centre/Roster"] = E(Centre),
        ["GET /Centre/Consultation"] = E(Centre, target: Consultation, unscoped: true),
        ["POST /Centre/Consultation"] = E(Centre, target: Consultation, unscoped: true),
        ["GET /Centre/Member"] = E(Centre, target: CentreMember, unscoped: true),
        ["POST /Centre/Member"] = E(Centre, target: CentreMember, unscoped: true),

        ["GET /Crisis"] = E(ScreeningStaff, NoCrisis),
        ["GET /Crisis/Event/{id:long}"] = E(ScreeningStaff, NoCrisis, CrisisId, audited: true),
        ["POST /Crisis/Event/{id:long} ?handler=Record"] = E(ScreeningStaff, NoCrisis, CrisisId, audited: true),
        ["POST /Crisis/Event/{id:long} ?handler=NotApplicable"] = E(ScreeningStaff, NoCrisis, CrisisId, audited: true),
        ["GET /Crisis/Open"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true, tampered: ForeignResultOfOwnStudent),
        ["POST /Crisis/Open"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true, tampered: ForeignResultOfOwnStudent),
        ["GET /Crisis/Plan"] = E(ScreeningStaff, NoCrisis),
        ["POST /Crisis/Plan"] = E(ScreeningStaff, NoCrisis),

        ["GET /Dashboards"] = E(Workforce, target: DistrictScope),
        // A school's dashboard has no tables to export.
        ["GET /Dashboards ?handler=Export"] = E(Bureau, ScreeningStaff, DashboardTable),

        ["GET /Featured"] = E(Workforce),
        ["POST /Featured ?handler=Add"] = E(CityManagers, WorkforceButCity, FeaturedToAdd, unscoped: true),
        ["POST /Featured ?handler=Remove"] = E(CityManagers, WorkforceButCity, FreshFeatured, unscoped: true),

        ["GET /Lecturers"] = E(Workforce),
        ["GET /Lecturers/Lecture"] = E(CityManagers),
        ["POST /Lecturers/Lecture"] = E(CityManagers),
        ["POST /Lecturers/Lecture ?handler=Delete"] = E(CityManagers, target: FreshLecture, unscoped: true),
        ["GET /Lecturers/Lecturer"] = E(CityManagers, target: Lecturer, unscoped: true),
        ["POST /Lecturers/Lecturer"] = E(CityManagers, target: Lecturer, unscoped: true),

        ["GET /Reports"] = E(ReportUsers, target: DistrictScope),
        // Only the city exports the aggregate; a district or school is told there is no such export.
        ["GET /Reports ?handler=Export"] = E(["city"], ReportReaders),
        // The city reads no single school's report (its counts are for the district).
        ["GET /Reports/Report"] = E(ReportReaders, ["city"], Report, audited: true),
        ["POST /Reports/Report ?handler=Save"] = E(ScreeningStaff, ["city"], Report, audited: true),
        ["POST /Reports/Report ?handler=Submit"] = E(ScreeningStaff, ["city"], Report, audited: true),
        ["POST /Reports/Report ?handler=Approve"] = E(["xunyang"], ["city"], Report, audited: true),
        ["POST /Reports/Report ?handler=Return"] = E(["xunyang"], ["city"], Report, audited: true),
        ["POST /Reports/Report ?handler=Reopen"] = E(["xunyang"], ["city"], Report, audited: true),

        ["GET /Rooms"] = E(Workforce, target: DistrictScope),
        ["GET /Rooms/Plans"] = E(Workforce, target: DistrictScope),
        ["GET /Rooms/Edit"] = E(SchoolWorkforce, target: SchoolScope),
        ["POST /Rooms/Edit"] = E(SchoolWorkforce, target: SchoolScope),

        ["GET /Screenings"] = E(ScreeningStaff),
        ["GET /Screenings/Campaign"] = E(ScreeningStaff, target: CampaignId),
        ["GET /Screenings/CampaignEdit"] = E(ScreeningStaff, target: CampaignId),
        ["POST /Screenings/CampaignEdit"] = E(ScreeningStaff, target: CampaignId),
        ["GET /Screenings/Import"] = E(ScreeningStaff),
        ["GET /Screenings/Import ?handler=Template"] = E(ScreeningStaff),
        ["GET /Screenings/Import ?handler=Errors"] = E(ScreeningStaff, target: ParkedImport),
        ["POST /Screenings/Import"] = E(ScreeningStaff),
        // Another user's parked file reads as expired or already gone: nothing is imported or deleted.
        ["POST /Screenings/Import ?handler=Confirm"] = E(ScreeningStaff, target: ParkedImport, foreign: Answer.Ignored),
        ["POST /Screenings/Import ?handler=Discard"] = E(ScreeningStaff, target: ParkedImport, foreign: Answer.Ignored),
        ["GET /Screenings/Queue"] = E(ScreeningStaff),
        ["POST /Screenings/Queue"] = E(ScreeningStaff),
        ["POST /Screenings/Queue ?handler=Confirm"] = E(ScreeningStaff, target: PendingResult, audited: true),
        ["POST /Screenings/Queue ?handler=Override"] = E(ScreeningStaff, target: PendingResult, audited: true),

        ["GET /Staff"] = E(SchoolWorkforce, target: SchoolScope),
        ["GET /Staff/Edit"] = E(SchoolWorkforce, target: StaffToEdit),
        ["POST /Staff/Edit"] = E(SchoolWorkforce, target: StaffToEdit),
        ["GET /Staff/Import"] = E(SchoolWorkforce, target: SchoolScope),
        ["GET /Staff/Import ?handler=Template"] = E(SchoolWorkforce),
        ["POST /Staff/Import"] = E(SchoolWorkforce, target: SchoolScope),
        ["GET /Staffing"] = E(Workforce, target: DistrictScope),
        ["GET /Staffing ?handler=Export"] = E(Workforce, target: DistrictScope),

        ["GET /Students"] = E(StudentStaff, NoStudents),
        ["POST /Students"] = E(StudentStaff, NoStudents),
        ["GET /Students/{id:int}"] = E(StudentStaff, NoStudents, StudentId, audited: true),
        ["GET /Students/Edit"] = E(StudentStaff, NoStudents, StudentId, audited: true),
        ["POST /Students/Edit"] = E(StudentStaff, NoStudents, StudentId, audited: true),
        ["GET /Students/Import"] = E(ScreeningStaff),
        ["GET /Students/Import ?handler=Template"] = E(ScreeningStaff),
        ["POST /Students/Import"] = E(ScreeningStaff),
        ["GET /Students/Screening"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true),
        ["POST /Students/Screening ?handler=Preview"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true),
        ["POST /Students/Screening ?handler=Save"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true, tampered: CorrectsForeignResult),
        ["GET /Students/Requests"] = E(ScreeningStaff, NoCrisis),
        ["GET /Students/Requests/New"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true),
        ["POST /Students/Requests/New"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true),
        ["GET /Students/Requests/{id:long}"] = E(ScreeningStaff, NoCrisis, DataRequestId, audited: true),
        // Psychology teachers record requests; only a school leader decides (403 on their own school's request).
        ["POST /Students/Requests/{id:long} ?handler=Approve"] = E(["leader"], NoCrisis, DataRequestId, audited: true),
        ["POST /Students/Requests/{id:long} ?handler=Reject"] = E(["leader"], NoCrisis, DataRequestId, audited: true),
        ["GET /Students/Talk"] = E(StudentStaff, NoStudents, StudentParam, audited: true),
        ["POST /Students/Talk"] = E(StudentStaff, NoStudents, StudentParam, audited: true),

        ["GET /Support"] = E(StudentStaff, NoStudents),
        ["POST /Support"] = E(StudentStaff, NoStudents),
        ["GET /Support/Assignment/{id:long}"] = E(StudentStaff, NoStudents, AssignmentId, audited: true),
        ["POST /Support/Assignment/{id:long} ?handler=FollowUp"] = E(StudentStaff, NoStudents, AssignmentId, audited: true),
        // A head teacher on the team logs follow-ups but does not re-form or close it: 403 on their own assignment.
        ["POST /Support/Assignment/{id:long} ?handler=Reassess"] = E(ScreeningStaff, NoStudents, AssignmentId, audited: true),
        ["POST /Support/Assignment/{id:long} ?handler=Close"] = E(ScreeningStaff, NoStudents, AssignmentId, audited: true),
        ["GET /Support/Form"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true),
        ["POST /Support/Form"] = E(ScreeningStaff, NoCrisis, StudentParam, audited: true),
        ["GET /Todo"] = E(StudentStaff, NoStudents),

        ["GET /Training"] = E(Workforce),
        ["GET /Training/Course"] = E(Workforce, target: Course, unscoped: true),
        // Bureaus and admins read a course; only a school registers its own staff (another school's are filtered out).
        ["POST /Training/Course"] = E(ScreeningStaff, target: CourseAttendees, foreign: Answer.Ignored),
        ["GET /Training/CourseEdit"] = E(Bureau, target: Course, unscoped: true),
        ["POST /Training/CourseEdit"] = E(Bureau, target: Course, unscoped: true),
        ["GET /Training/Experts"] = E(Workforce),
        ["POST /Training/Experts ?handler=Nominate"] = E(ScreeningStaff, Bureau, Nominee),
        ["POST /Training/Experts ?handler=Decide"] = E(CityManagers, WorkforceButCity, Nomination, unscoped: true),
    };

    public static TheoryData<string> Accounts() => [.. Everyone];

    [Fact]
    public async Task Every_page_handler_has_an_entry_and_every_entry_a_handler_and_every_record_handler_a_foreign_probe()
    {
        var handlers = await HandlersAsync(factory.Services);
        var keys = handlers.Select(h => h.Key).ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} handlers found: the enumeration is broken");
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var missing = keys.Except(Expected.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stale = Expected.Keys.Except(keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"Handlers without an entry in the matrix: {string.Join("; ", missing)}. Entries without a handler: {string.Join("; ", stale)}.");

        // A scoped entry that no allowed account can name a foreign record for would test nothing about scope.
        var ids = await factory.ArrangedAsync();
        var unprobed = new List<string>();
        foreach (var (key, entry) in Expected.Where(e => e.Value.Target is not null && !e.Value.Unscoped))
        {
            var probed = false;
            foreach (var user in entry.Allowed)
            {
                probed |= await entry.Target!(ids, user, Scope.Foreign) is not null;
            }

            if (!probed)
            {
                unprobed.Add(key);
            }
        }

        Assert.True(unprobed.Count == 0, $"Scoped entries that no allowed account probes with a foreign id: {string.Join("; ", unprobed)}");
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Each_account_gets_what_the_matrix_says_from_every_handler_on_its_own_and_a_foreign_scope(string user)
    {
        var ids = await factory.ArrangedAsync();
        var handlers = await HandlersAsync(factory.Services);
        using var client = factory.CreatePortalClient();
        var token = await SignInAsync(client, user);
        var failures = new List<string>();
        foreach (var handler in handlers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (!Expected.TryGetValue(handler.Key, out var entry))
            {
                // The completeness test names it.
                continue;
            }

            var allowed = entry.Allowed.Contains(user);
            var own = entry.Target is null ? new Params() : await entry.Target(ids, user, Scope.Own);
            if (own is null && entry.Target is not null)
            {
                // The account has no record of this kind (a refused role): it asks for an allowed account's own record.
                foreach (var other in entry.Allowed)
                {
                    own = await entry.Target(ids, other, Scope.Own);
                    if (own is not null)
                    {
                        break;
                    }
                }
            }

            own ??= new Params();
            if (!allowed)
            {
                var expected = entry.Hidden.Contains(user) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                var refused = await ProbeAsync(client, token, handler, own, user);
                Check(failures, handler, "refused", own, refused, expected, audited: false);
                continue;
            }

            var response = await ProbeAsync(client, token, handler, own, user, watch: false);
            var status = (int)response.Status;
            var signInRedirect = response.Location?.StartsWith("/Account/SignIn", StringComparison.Ordinal) == true && handler.Key != "POST /Account/SignOut";
            if (status is < 200 or >= 400 || signInRedirect)
            {
                failures.Add($"{handler.Key} [own {Show(own)}]: {status}{(response.Location is null ? "" : " → " + response.Location)}");
            }

            if (handler.Key == "POST /Account/SignOut")
            {
                token = await SignInAsync(client, user);
            }

            if (entry.Target is not null && await entry.Target(ids, user, Scope.Foreign) is { } foreign)
            {
                var answer = await ProbeAsync(client, token, handler, foreign, user);
                Check(failures, handler, "foreign", foreign, answer, entry.Foreign == Answer.NotFound ? HttpStatusCode.NotFound : null, entry.Audited && entry.Foreign == Answer.NotFound);
            }

            if (entry.Tampered is not null && await entry.Tampered(ids, user, Scope.Own) is { } tampered)
            {
                var answer = await ProbeAsync(client, token, handler, tampered, user);
                Check(failures, handler, "tampered", tampered, answer, entry.TamperedAnswer == Answer.NotFound ? HttpStatusCode.NotFound : null, entry.Audited && entry.TamperedAnswer == Answer.NotFound);
            }
        }

        Assert.True(failures.Count == 0, $"{user}: {failures.Count} answer(s) other than the matrix says:\n" + string.Join("\n", failures));
    }

    /// <summary>A refused or out-of-scope request: the expected status (null: any non-error answer), no write anywhere, and a denied audit entry where required.</summary>
    private static void Check(List<string> failures, Handler handler, string kind, Params values, Outcome outcome, HttpStatusCode? expected, bool audited)
    {
        var where = $"{handler.Key} [{kind} {Show(values)}]";
        var status = (int)outcome.Status;
        if (expected is { } code ? outcome.Status != code : status is < 200 or >= 400)
        {
            failures.Add($"{where}: expected {(expected is null ? "2xx/3xx" : ((int)expected).ToString(CultureInfo.InvariantCulture))}, got {status}{(outcome.Location is null ? "" : " → " + outcome.Location)}");
        }

        if (outcome.Writes is not null)
        {
            failures.Add($"{where}: changed data ({outcome.Writes})");
        }

        if (audited && outcome.Denied == 0)
        {
            failures.Add($"{where}: no audit entry with outcome \"denied\"");
        }
    }

    private static string Show(Params values) =>
        values.Count == 0 ? "-" : string.Join("&", values.Select(v => $"{v.Key}={v.Value}"));

    /// <param name="watch">Whether to note what the request wrote (an allowed request on its own records may write; the marks cost two queries).</param>
    private async Task<Outcome> ProbeAsync(PortalClient client, string token, Handler handler, Params values, string user, bool watch = true)
    {
        var (writes, audits) = watch ? await factory.MarksAsync() : default;
        var rest = new Params(values, StringComparer.OrdinalIgnoreCase);
        var path = RouteParameter().Replace(handler.Route, m =>
        {
            var name = m.Groups[1].Value;
            var value = rest.TryGetValue(name, out var v) ? v : "0";
            rest.Remove(name);
            return value;
        });
        var query = new List<KeyValuePair<string, string>>();
        if (handler.Name is not null)
        {
            query.Add(new("handler", handler.Name));
        }

        HttpResponseMessage response;
        if (handler.Method == "GET")
        {
            query.AddRange(rest);
            response = await client.Http.GetAsync(path + Query(query));
        }
        else
        {
            // A tampered id travels in the form, as a browser would post it.
            var form = rest.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)).ToList();
            using var content = new FormUrlEncodedContent(form);
            response = await client.Http.PostAsync(path + Query(query), content);
        }

        using (response)
        {
            var (changed, denied) = watch ? await factory.ChangesSinceAsync(writes, audits, user) : default;
            return new Outcome(response.StatusCode, response.Headers.Location?.OriginalString, changed, denied);
        }
    }

    private static string Query(List<KeyValuePair<string, string>> query) =>
        query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));

    private static async Task<string> SignInAsync(PortalClient client, string user)
    {
        var home = await client.SignInAsync(user);
        return home.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
               ?? throw new InvalidOperationException($"{user}: no antiforgery token on {home.Url} after signing in");
    }

    /// <summary>
    /// Every handler of every page, as the framework itself finds them: each page is loaded (compiled
    /// descriptor) and its handler methods listed. A page answers at several routes (/Students and
    /// /Students/Index) with the same handlers and authorization, so the shortest route stands for all.
    /// </summary>
    public static async Task<IReadOnlyList<Handler>> HandlersAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        var handlers = new List<Handler>();
        foreach (var page in pages.GroupBy(p => p.ViewEnginePath, StringComparer.Ordinal))
        {
            var route = page.Select(p => "/" + p.AttributeRouteInfo!.Template).OrderBy(r => r.Length).ThenBy(r => r, StringComparer.Ordinal).First();
            var compiled = await loader.LoadAsync(page.First(), EndpointMetadataCollection.Empty);
            handlers.AddRange(compiled.HandlerMethods.Select(h => new Handler(route, h.HttpMethod.ToUpperInvariant(), h.Name)));
        }

        return handlers;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)(?::\w+)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    // ---- The table's vocabulary ----

    public enum Scope
    {
        Own,
        Foreign,
    }

    public enum Answer
    {
        /// <summary>404: the record does not exist for this user.</summary>
        NotFound,

        /// <summary>An ordinary answer, but the foreign id was filtered out: nothing changes.</summary>
        Ignored,
    }

    /// <summary>The request values naming a record for a user: own or foreign scope; null when the user has no such record.</summary>
    public delegate Task<Params?> Target(Ids ids, string user, Scope scope);

    public sealed record Handler(string Route, string Method, string? Name)
    {
        public string Key => $"{Method} {Route}" + (Name is null ? "" : $" ?handler={Name}");
    }

    private sealed record Entry(string[] Allowed, string[] Hidden, Target? Target, Answer Foreign, bool Audited, bool Unscoped, Target? Tampered, Answer TamperedAnswer);

    private sealed record Outcome(HttpStatusCode Status, string? Location, string? Writes, long Denied);

    private static Entry E(string[] allowed, string[]? hidden = null, Target? target = null, Answer foreign = Answer.NotFound, bool audited = false,
        bool unscoped = false, Target? tampered = null, Answer tamperedAnswer = Answer.NotFound) =>
        new(allowed, hidden ?? [], target, foreign, audited, unscoped, tampered, tamperedAnswer);

    private static Task<Params?> P(params (string Key, object? Value)[] pairs) =>
        Task.FromResult(pairs.Any(p => p.Value is null)
            ? null
            : new Params(pairs.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture)!, StringComparer.Ordinal)));

    /// <summary>Records that belong to no school or district (admin pages, the centre, courses): there is no foreign one.</summary>
    private static Task<Params?> OwnOnly(Scope scope, params (string Key, object? Value)[] pairs) =>
        scope == Scope.Own ? P(pairs) : Task.FromResult<Params?>(null);

    private static Task<Params?> ErrorCode(Ids ids, string user, Scope scope) => OwnOnly(scope, ("code", 403));

    private static Task<Params?> StudentId(Ids ids, string user, Scope scope) => P(("id", ids.Student(user, scope)));

    private static Task<Params?> StudentParam(Ids ids, string user, Scope scope) => P(("studentId", ids.Student(user, scope)));

    private static Task<Params?> ForeignResultOfOwnStudent(Ids ids, string user, Scope scope) =>
        P(("studentId", ids.Student(user, Scope.Own)), ("resultId", ids.Pending(user, Scope.Foreign)));

    /// <summary>A complete, valid PHQ-9 sheet for the user's own student that claims to correct another school's result.</summary>
    private static Task<Params?> CorrectsForeignResult(Ids ids, string user, Scope scope) =>
        P([("studentId", ids.Student(user, Scope.Own)), ("correctsId", ids.Pending(user, Scope.Foreign)), ("instrument", "Phq9"),
           ("takenOn", ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("correctionReason", "矩阵测试"),
           .. Enumerable.Range(0, QuestionnaireScoring.Phq9Items).Select(i => ($"answers[{i}]", (object?)0))]);

    private static Task<Params?> PendingResult(Ids ids, string user, Scope scope) => P(("id", ids.Pending(user, scope)));

    private static Task<Params?> AssignmentId(Ids ids, string user, Scope scope) => P(("id", ids.Assignment(user, scope)));

    private static Task<Params?> CrisisId(Ids ids, string user, Scope scope) => P(("id", ids.Crisis(user, scope)));

    private static Task<Params?> DataRequestId(Ids ids, string user, Scope scope) => P(("id", ids.DataRequest(user, scope)));

    private static Task<Params?> CampaignId(Ids ids, string user, Scope scope) => P(("id", ids.Campaign(user, scope)));

    private static Task<Params?> Report(Ids ids, string user, Scope scope) => P(("period", ids.Period), ("schoolId", ids.ReportSchool(user, scope)));

    private static Task<Params?> SchoolScope(Ids ids, string user, Scope scope) => Task.FromResult(ids.SchoolScope(user, scope));

    private static Task<Params?> DistrictScope(Ids ids, string user, Scope scope) => Task.FromResult(ids.DistrictScope(user, scope));

    private static Task<Params?> DashboardTable(Ids ids, string user, Scope scope) =>
        Task.FromResult(ids.DistrictScope(user, scope) is { } values ? new Params(values) { ["table"] = "workforce" } : null);

    private static Task<Params?> StaffToEdit(Ids ids, string user, Scope scope) => Task.FromResult(ids.StaffToEdit(user, scope));

    private static Task<Params?> Nominee(Ids ids, string user, Scope scope) => P(("staffMemberId", ids.Staff(user, scope)));

    private static Task<Params?> CourseAttendees(Ids ids, string user, Scope scope) => P(("id", ids.Course), ("staffIds", ids.Staff(user, scope)));

    private static Task<Params?> Course(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.Course));

    private static Task<Params?> Nomination(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.Nomination));

    private static Task<Params?> FeaturedToAdd(Ids ids, string user, Scope scope) =>
        OwnOnly(scope, ("schoolId", ids.FeaturedCandidate), ("level", nameof(FeaturedLevel.City)), ("year", ChinaTime.Today(TimeProvider.System).Year));

    private static async Task<Params?> FreshFeatured(Ids ids, string user, Scope scope) =>
        scope == Scope.Own ? await P(("id", await ids.FreshFeaturedAsync())) : null;

    private static async Task<Params?> FreshLecture(Ids ids, string user, Scope scope) =>
        scope == Scope.Own ? await P(("id", await ids.FreshLectureAsync())) : null;

    private static Task<Params?> Lecturer(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.Lecturer));

    private static Task<Params?> Consultation(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.Consultation));

    private static Task<Params?> CentreMember(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.CentreMember));

    private static Task<Params?> AdminDistrict(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.District));

    private static Task<Params?> AdminSchool(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.SchoolA));

    private static Task<Params?> AdminClasses(Ids ids, string user, Scope scope) => OwnOnly(scope, ("schoolId", ids.SchoolA));

    private static Task<Params?> PolicyInForce(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.Policy));

    private static Task<Params?> ThrowawayUser(Ids ids, string user, Scope scope) => OwnOnly(scope, ("id", ids.ThrowawayUser));

    private static Task<Params?> ActivityId(Ids ids, string user, Scope scope) => P(("id", ids.Activity(user, scope)));

    private static Task<Params?> PhotoOfActivity(Ids ids, string user, Scope scope) =>
        ids.Activity(user, scope) is { } activity ? P(("id", activity), ("photoId", ids.PhotoOf(activity))) : Task.FromResult<Params?>(null);

    /// <summary>Own: a photo added for this request (deleting it must not take another account's photo away). Foreign: another organiser's.</summary>
    private static async Task<Params?> FreshPhoto(Ids ids, string user, Scope scope)
    {
        if (ids.Activity(user, scope) is not { } activity)
        {
            return null;
        }

        return await P(("id", activity), ("photoId", scope == Scope.Own ? await ids.FreshPhotoAsync(activity) : ids.PhotoOf(activity)));
    }

    private static Task<Params?> ForeignPhotoOfOwnActivity(Ids ids, string user, Scope scope) =>
        ids.Activity(user, Scope.Own) is { } own && ids.Activity(user, Scope.Foreign) is { } foreign
            ? P(("id", own), ("photoId", ids.PhotoOf(foreign)))
            : Task.FromResult<Params?>(null);

    /// <summary>Own: an activity of the user's own unit recorded for this request, so deleting it leaves the others. Foreign: another organiser's.</summary>
    private static async Task<Params?> FreshActivity(Ids ids, string user, Scope scope) =>
        await P(("id", scope == Scope.Own ? await ids.FreshActivityAsync(user) : ids.Activity(user, scope)));

    /// <summary>A screening file parked for the import preview: own (this user, this school, parked for this request) or another user's.</summary>
    private static async Task<Params?> ParkedImport(Ids ids, string user, Scope scope) =>
        await P(("token", await ids.ParkedImportAsync(user, scope)));

    /// <summary>
    /// The records the matrix asks for, looked up (or, where the demo data has none, added) in this
    /// class's database: two schools (九江市双峰小学 = A of leader, counsellor and headteacher; 九江一中 =
    /// B of counsellor2), the xunyang account's district and a school C of another district.
    /// </summary>
    public sealed class Ids(MatrixFactory factory)
    {
        private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        private static readonly string[] SchoolAUsers = ["leader", "counsellor", "headteacher"];

        private readonly Dictionary<string, (string Id, int? SchoolId, int? DistrictId)> _accounts = [];
        private readonly Dictionary<long, long> _photos = [];
        private readonly Queue<int> _featuredCandidates = new();

        public int SchoolA { get; private set; }

        public int SchoolB { get; private set; }

        public int SchoolC { get; private set; }

        public int District { get; private set; }

        public int OtherDistrict { get; private set; }

        public string Period { get; private set; } = "";

        public int Course { get; private set; }

        public int Nomination { get; private set; }

        public int Policy { get; private set; }

        public int Lecturer { get; private set; }

        public long Consultation { get; private set; }

        public int CentreMember { get; private set; }

        public int FeaturedCandidate { get; private set; }

        public string ThrowawayUser { get; private set; } = "";

        private int StudentInClass { get; set; }

        private int StudentOutsideClass { get; set; }

        private int StudentB { get; set; }

        private long PendingA { get; set; }

        private long PendingB { get; set; }

        private long AssignmentInClass { get; set; }

        private long AssignmentOutsideClass { get; set; }

        private long AssignmentB { get; set; }

        private long CrisisA { get; set; }

        private long DataRequestA { get; set; }

        private long DataRequestB { get; set; }

        private long CrisisB { get; set; }

        private int StaffA { get; set; }

        private int StaffB { get; set; }

        private int CampaignA { get; set; }

        private int CampaignB { get; set; }

        private Dictionary<string, long> Activities { get; } = [];

        private static bool InSchoolA(string user) => SchoolAUsers.Contains(user);

        private static bool SeesWholeSchool(string user) => user is "leader" or "counsellor" or "counsellor2";

        public int? Student(string user, Scope scope) => (user, scope) switch
        {
            ("leader" or "counsellor" or "headteacher", Scope.Own) => StudentInClass,
            ("counsellor2", Scope.Own) => StudentB,
            // A head teacher's scope is their classes: a student of the next class is as foreign as another school's.
            ("headteacher", Scope.Foreign) => StudentOutsideClass,
            ("leader" or "counsellor", Scope.Foreign) => StudentB,
            ("counsellor2", Scope.Foreign) => StudentInClass,
            _ => null,
        };

        public long? Pending(string user, Scope scope) => SeesWholeSchool(user) ? (InSchoolA(user) == (scope == Scope.Own) ? PendingA : PendingB) : null;

        public long? Assignment(string user, Scope scope) => (user, scope) switch
        {
            ("leader" or "counsellor" or "headteacher", Scope.Own) => AssignmentInClass,
            ("counsellor2", Scope.Own) => AssignmentB,
            ("headteacher", Scope.Foreign) => AssignmentOutsideClass,
            ("leader" or "counsellor", Scope.Foreign) => AssignmentB,
            ("counsellor2", Scope.Foreign) => AssignmentInClass,
            _ => null,
        };

        public long? Crisis(string user, Scope scope) => SeesWholeSchool(user) ? (InSchoolA(user) == (scope == Scope.Own) ? CrisisA : CrisisB) : null;

        public long? DataRequest(string user, Scope scope) => SeesWholeSchool(user) ? (InSchoolA(user) == (scope == Scope.Own) ? DataRequestA : DataRequestB) : null;

        public int? Campaign(string user, Scope scope) => SeesWholeSchool(user) ? (InSchoolA(user) == (scope == Scope.Own) ? CampaignA : CampaignB) : null;

        /// <summary>A staff member: of the user's school (an admin's "own" is any school's), or of another school.</summary>
        public int? Staff(string user, Scope scope) => user switch
        {
            "admin" => scope == Scope.Own ? StaffA : null,
            _ when SeesWholeSchool(user) => InSchoolA(user) == (scope == Scope.Own) ? StaffA : StaffB,
            _ => null,
        };

        public Params? StaffToEdit(string user, Scope scope) => (user, scope) switch
        {
            ("admin", Scope.Own) => new() { ["id"] = Text(StaffA), ["schoolId"] = Text(SchoolA) },
            (_, Scope.Own) when SeesWholeSchool(user) => new() { ["id"] = Text(Staff(user, scope)!.Value), ["schoolId"] = Text(SchoolOf(user)!.Value) },
            (_, Scope.Foreign) when SeesWholeSchool(user) => new() { ["id"] = Text(Staff(user, scope)!.Value) },
            _ => null,
        };

        /// <summary>?schoolId: a school user's own school (another school is foreign); an admin chooses any school; others send none.</summary>
        public Params? SchoolScope(string user, Scope scope) => (user, scope) switch
        {
            ("admin", Scope.Own) => new() { ["schoolId"] = Text(SchoolA) },
            (_, Scope.Own) when SchoolOf(user) is { } school => new() { ["schoolId"] = Text(school) },
            (_, Scope.Own) => new(),
            (_, Scope.Foreign) when SchoolOf(user) is not null => new() { ["schoolId"] = Text(InSchoolA(user) ? SchoolB : SchoolA) },
            _ => null,
        };

        /// <summary>?districtId: the district account's own district, or another one; other accounts send none.</summary>
        public Params? DistrictScope(string user, Scope scope) => (user, scope) switch
        {
            ("xunyang", Scope.Own) => new() { ["districtId"] = Text(District) },
            ("xunyang", Scope.Foreign) => new() { ["districtId"] = Text(OtherDistrict) },
            (_, Scope.Own) => new(),
            _ => null,
        };

        /// <summary>The school whose bi-monthly report the user asks for: their own (a district: one of its schools) or another.</summary>
        public int? ReportSchool(string user, Scope scope) => (user, scope) switch
        {
            ("xunyang", Scope.Own) => SchoolA,
            ("xunyang", Scope.Foreign) => SchoolC,
            _ when SchoolOf(user) is not null => InSchoolA(user) == (scope == Scope.Own) ? SchoolA : SchoolB,
            _ => null,
        };

        /// <summary>An activity the user's unit organised (an admin's "own": any school's), or one of an organiser the user does not see.</summary>
        public long? Activity(string user, Scope scope) => (user, scope) switch
        {
            ("admin", Scope.Own) => Activities["A"],
            ("leader" or "counsellor", Scope.Own) => Activities["A"],
            ("leader" or "counsellor", Scope.Foreign) => Activities["B"],
            ("counsellor2", Scope.Own) => Activities["B"],
            ("counsellor2", Scope.Foreign) => Activities["A"],
            ("xunyang", Scope.Own) => Activities["district"],
            ("xunyang", Scope.Foreign) => Activities["C"],
            ("city", Scope.Own) => Activities["city"],
            ("centre", Scope.Own) => Activities["centre"],
            ("centre", Scope.Foreign) => Activities["A"],
            _ => null,
        };

        public long PhotoOf(long activity) => _photos[activity];

        public async Task<long?> FreshActivityAsync(string user)
        {
            var unit = user switch
            {
                "leader" or "counsellor" => "A",
                "counsellor2" => "B",
                "xunyang" => "district",
                "city" => "city",
                "centre" => "centre",
                _ => null,
            };
            if (unit is null)
            {
                return null;
            }

            await using var db = factory.CreateDbContext();
            return await AddActivityAsync(db, unit);
        }

        public async Task<long> FreshPhotoAsync(long activity)
        {
            await using var db = factory.CreateDbContext();
            // Added beside the domain's six-photo count on purpose: refused requests leave theirs behind.
            var photo = ActivityPhoto.Create(activity, "矩阵测试.png", Png, 0, "matrix", DateTimeOffset.UtcNow);
            db.ActivityPhotos.Add(photo);
            await db.SaveChangesAsync();
            return photo.Id;
        }

        public async Task<long> FreshLectureAsync()
        {
            await using var db = factory.CreateDbContext();
            var today = ChinaTime.Today(TimeProvider.System);
            var lecture = new FamilyLecture(Lecturer, SchoolA, today, "矩阵测试讲座", Audience.Parents, 30, today);
            db.FamilyLectures.Add(lecture);
            await db.SaveChangesAsync();
            return lecture.Id;
        }

        public async Task<int> FreshFeaturedAsync()
        {
            await using var db = factory.CreateDbContext();
            var title = new FeaturedSchool(_featuredCandidates.Dequeue(), FeaturedLevel.City, ChinaTime.Today(TimeProvider.System).Year);
            db.FeaturedSchools.Add(title);
            await db.SaveChangesAsync();
            return title.Id;
        }

        /// <summary>A junk file parked under the user's own name and school, or under another school's user.</summary>
        public async Task<Guid?> ParkedImportAsync(string user, Scope scope)
        {
            if (!SeesWholeSchool(user))
            {
                return null;
            }

            var owner = scope == Scope.Own ? user : InSchoolA(user) ? "counsellor2" : "leader";
            var pending = new PendingImports(factory.Services.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System);
            return await pending.SaveAsync(_accounts[owner].Id, SchoolOf(owner)!.Value, "矩阵测试.csv", "学籍号,姓名\nX,Y\n"u8.ToArray(), CancellationToken.None);
        }

        private int? SchoolOf(string user) => _accounts[user].SchoolId;

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        public async Task LoadAsync()
        {
            await using var db = factory.CreateDbContext();
            var today = ChinaTime.Today(TimeProvider.System);
            var now = DateTimeOffset.UtcNow;
            foreach (var account in await db.Users.Where(u => Everyone.Contains(u.UserName!)).Select(u => new { u.UserName, u.Id, u.SchoolId, u.DistrictId }).ToListAsync())
            {
                _accounts[account.UserName!] = (account.Id, account.SchoolId, account.DistrictId);
            }

            SchoolA = _accounts["leader"].SchoolId!.Value;
            SchoolB = _accounts["counsellor2"].SchoolId!.Value;
            District = _accounts["xunyang"].DistrictId!.Value;
            var headteacher = _accounts["headteacher"].Id;
            var classes = await db.UserClasses.Where(c => c.UserId == headteacher).Select(c => c.ClassId).ToListAsync();
            var onTeams = await db.StaffMembers.Where(m => m.UserId == headteacher).Select(m => m.Id).ToListAsync();

            StudentInClass = await db.Students.Where(s => s.SchoolId == SchoolA && classes.Contains(s.ClassId)).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            // Outside the head teacher's reach: not of their classes and not on a team they sit on.
            StudentOutsideClass = await db.Students.Where(s => s.SchoolId == SchoolA && !classes.Contains(s.ClassId)
                    && !db.SupportAssignments.Any(a => a.StudentId == s.Id && a.Status == AssignmentStatus.Active && a.Members.Any(m => onTeams.Contains(m.StaffMemberId))))
                .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            StudentB = await db.Students.Where(s => s.SchoolId == SchoolB).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();

            // Fresh pending suggestions in both schools: the demo's may all be decided.
            PendingA = await AddPendingResultAsync(db, StudentInClass, SchoolA, today, now);
            PendingB = await AddPendingResultAsync(db, StudentB, SchoolB, today, now);

            var active = db.SupportAssignments.Where(a => a.Status == AssignmentStatus.Active);
            var headteachers = active.Where(a => a.SchoolId == SchoolA
                && (db.Students.Any(s => s.Id == a.StudentId && classes.Contains(s.ClassId)) || a.Members.Any(m => onTeams.Contains(m.StaffMemberId))));
            AssignmentInClass = await headteachers.OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync();
            AssignmentOutsideClass = await active.Where(a => a.SchoolId == SchoolA && !headteachers.Any(h => h.Id == a.Id)).OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync();
            AssignmentB = await active.Where(a => a.SchoolId == SchoolB).OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync();
            Require(AssignmentInClass, "an active support assignment of the head teacher's class or team at 九江市双峰小学");
            Require(AssignmentOutsideClass, "an active support assignment outside the head teacher's class and teams at 九江市双峰小学");
            Require(AssignmentB, "an active support assignment at 九江一中");

            CrisisA = await db.CrisisEvents.Where(e => e.SchoolId == SchoolA).OrderBy(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync();
            CrisisB = await db.CrisisEvents.Where(e => e.SchoolId == SchoolB).OrderBy(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync();
            if (CrisisB == 0)
            {
                var crisis = CrisisEvent.Open(StudentB, SchoolB, today, "matrix", "矩阵测试", null, today);
                db.CrisisEvents.Add(crisis);
                await db.SaveChangesAsync();
                CrisisB = crisis.Id;
            }

            Require(CrisisA, "a crisis event at 九江市双峰小学");

            // A correction request in each school (a correction, so approving it in the matrix deletes nothing).
            DataRequestA = await AddDataRequestAsync(db, StudentInClass, SchoolA, today, now);
            DataRequestB = await AddDataRequestAsync(db, StudentB, SchoolB, today, now);
            StaffA = await db.StaffMembers.Where(m => m.SchoolId == SchoolA).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            StaffB = await db.StaffMembers.Where(m => m.SchoolId == SchoolB).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            CampaignA = await CampaignAsync(db, SchoolA, today);
            CampaignB = await CampaignAsync(db, SchoolB, today);

            // A period of the reporting window in which both schools, and a school of another district, have a report
            // (a reviewer's refusal is 403 only for a report that exists).
            var window = ReportPeriods.Recent(today).Select(p => p.From).ToList();
            var periods = await db.BimonthlyReports.Where(r => window.Contains(r.PeriodStart) && (r.SchoolId == SchoolA || r.SchoolId == SchoolB))
                .GroupBy(r => r.PeriodStart).Where(g => g.Count() == 2).Select(g => g.Key).OrderDescending().ToListAsync();
            foreach (var from in periods)
            {
                var other = await db.BimonthlyReports.Where(r => r.PeriodStart == from)
                    .Join(db.Schools.Where(s => s.DistrictId != District), r => r.SchoolId, s => s.Id, (r, s) => new { s.Id, s.DistrictId })
                    .OrderBy(s => s.Id).FirstOrDefaultAsync();
                if (other is not null)
                {
                    (Period, SchoolC, OtherDistrict) = (BimonthlyPeriod.Containing(from).Key, other.Id, other.DistrictId);
                    break;
                }
            }

            Require(SchoolC, "a reporting period with reports of 九江市双峰小学, 九江一中 and a school of another district");

            foreach (var unit in new[] { "A", "B", "C", "district", "city", "centre" })
            {
                Activities[unit] = await AddActivityAsync(db, unit);
                _photos[Activities[unit]] = await FreshPhotoAsync(Activities[unit]);
            }

            Course = await db.TrainingCourses.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            Nomination = await db.ExpertNominations.OrderBy(n => n.Id).Select(n => n.Id).FirstOrDefaultAsync();
            if (Nomination == 0)
            {
                var nomination = new ExpertNomination(StaffA, today.Year, null);
                db.ExpertNominations.Add(nomination);
                await db.SaveChangesAsync();
                Nomination = nomination.Id;
            }

            // The policy in force: withdrawing it is refused by the domain, so the admin's request changes nothing.
            Policy = await db.StaffingPolicies.Where(p => p.EffectiveFrom <= today).OrderByDescending(p => p.EffectiveFrom).Select(p => p.Id).FirstAsync();
            Lecturer = await db.Lecturers.Where(l => l.Active).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
            Consultation = await db.Consultations.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            CentreMember = await db.CentreMembers.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            foreach (var school in await db.Schools.Where(s => !db.FeaturedSchools.Any(f => f.SchoolId == s.Id)).OrderBy(s => s.Id).Select(s => s.Id).Take(40).ToListAsync())
            {
                _featuredCandidates.Enqueue(school);
            }

            FeaturedCandidate = _featuredCandidates.Dequeue();

            // Disabling, enabling and unlocking act on an account of this test's own, never a demo account in use.
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var throwaway = new ApplicationUser { UserName = "matrix-throwaway", DisplayName = "矩阵测试账号", ScopeLevel = ScopeLevel.City };
            var created = await users.CreateAsync(throwaway);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(throwaway, Roles.CityBureau);
            ThrowawayUser = throwaway.Id;
        }

        private async Task<long> AddActivityAsync(AppDbContext db, string unit)
        {
            var today = ChinaTime.Today(TimeProvider.System);
            var details = new ActivityDetails(ActivityType.MentalHealthDay, "矩阵测试活动", today, Audience.Students, 10);
            async Task<int> DistrictOf(int school) => await db.Schools.Where(s => s.Id == school).Select(s => s.DistrictId).SingleAsync();
            var activity = unit switch
            {
                "A" => new Domain.Outreach.Activity(OrganiserLevel.School, await DistrictOf(SchoolA), SchoolA, details, "matrix", DateTimeOffset.UtcNow, today),
                "B" => new Domain.Outreach.Activity(OrganiserLevel.School, await DistrictOf(SchoolB), SchoolB, details, "matrix", DateTimeOffset.UtcNow, today),
                "C" => new Domain.Outreach.Activity(OrganiserLevel.School, OtherDistrict, SchoolC, details, "matrix", DateTimeOffset.UtcNow, today),
                "district" => new Domain.Outreach.Activity(OrganiserLevel.District, District, null, details, "matrix", DateTimeOffset.UtcNow, today),
                "city" => new Domain.Outreach.Activity(OrganiserLevel.City, null, null, details, "matrix", DateTimeOffset.UtcNow, today),
                _ => new Domain.Outreach.Activity(OrganiserLevel.Centre, null, null, details, "matrix", DateTimeOffset.UtcNow, today),
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            return activity.Id;
        }

        private static async Task<long> AddDataRequestAsync(AppDbContext db, int student, int school, DateOnly today, DateTimeOffset now)
        {
            var request = new PersonalDataRequest(school, student, PersonalDataRequestKind.Correction, PersonalDataRequester.Guardian, today, "矩阵测试",
                new PersonalDataCorrection(GuardianName: "矩阵监护人"), "matrix", now, today);
            db.PersonalDataRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        }

        private static async Task<long> AddPendingResultAsync(AppDbContext db, int student, int school, DateOnly today, DateTimeOffset now)
        {
            int[] answers = [2, 2, 2, 2, 2, 2, 2, 2, 0];
            var result = ScreeningResult.Record(student, school, QuestionnaireScoring.Phq9(answers), today, answers, ResultSource.Manual, "matrix", now, today);
            Assert.True(result.AwaitsDecision, "a PHQ-9 of 16 should wait for a tier decision");
            db.ScreeningResults.Add(result);
            await db.SaveChangesAsync();
            return result.Id;
        }

        private static async Task<int> CampaignAsync(AppDbContext db, int school, DateOnly today)
        {
            var id = await db.ScreeningCampaigns.Where(c => c.SchoolId == school).OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync();
            if (id != 0)
            {
                return id;
            }

            var campaign = new ScreeningCampaign(school, "矩阵测试普测", Instrument.Provincial, today, today);
            db.ScreeningCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            return campaign.Id;
        }

        private static void Require(long id, string what)
        {
            if (id == 0)
            {
                throw new InvalidOperationException($"The demo data has no {what}: the matrix needs one.");
            }
        }
    }

    /// <summary>The portal on this class's own database copy, with the records the matrix needs and a log of every write.</summary>
    public sealed class MatrixFactory : PortalFactory
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private Ids? _ids;

        public async Task<Ids> ArrangedAsync()
        {
            await _gate.WaitAsync();
            try
            {
                if (_ids is null)
                {
                    var ids = new Ids(this);
                    await ids.LoadAsync();
                    await InstallWriteLogAsync();
                    _ids = ids;
                }

                return _ids;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The newest write-log and audit ids, before a request.</summary>
        public async Task<(long Writes, long Audits)> MarksAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT coalesce(max(id), 0) FROM matrix_writes), (SELECT coalesce(max(id), 0) FROM audit_entries)", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        /// <summary>What a request wrote (tables and operations; null: nothing) and how many "denied" audit entries it left for the user.</summary>
        public async Task<(string? Writes, long Denied)> ChangesSinceAsync(long writes, long audits, string user)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT (SELECT string_agg(DISTINCT op || ' ' || tbl, ', ') FROM matrix_writes WHERE id > @writes),
                       (SELECT count(*) FROM audit_entries WHERE id > @audits AND outcome = 'denied' AND user_name = @user)
                """, connection);
            command.Parameters.AddWithValue("writes", writes);
            command.Parameters.AddWithValue("audits", audits);
            command.Parameters.AddWithValue("user", user);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
        }

        /// <summary>
        /// A row trigger on every table but the audit log (which a refusal is meant to write), the
        /// data-protection key ring and the log itself: each insert, update or delete adds a line.
        /// </summary>
        private async Task InstallWriteLogAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                CREATE TABLE matrix_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL);
                CREATE FUNCTION matrix_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO matrix_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
                    RETURN NULL;
                END $$;
                DO $$
                DECLARE t regclass;
                BEGIN
                    FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                               AND c.relname NOT IN ('audit_entries', 'data_protection_keys', 'matrix_writes', '__EFMigrationsHistory')
                    LOOP
                        EXECUTE format('CREATE TRIGGER matrix_log_write AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION matrix_log_write()', t);
                    END LOOP;
                END $$;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            _gate.Dispose();
            await base.DisposeAsync();
        }
    }
}
