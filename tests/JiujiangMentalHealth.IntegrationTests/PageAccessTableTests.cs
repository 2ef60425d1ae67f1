using System.Net;
using System.Text.RegularExpressions;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JiujiangMentalHealth.IntegrationTests;

/// <summary>
/// Every page of the portal, opened by every demo account: the answer must be the one in the
/// table below (200 or 403), never an error, and never an untranslated key. A new page without
/// an entry here fails the first test.
/// </summary>
public partial class PageAccessTableTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Everyone = ["admin", "city", "xunyang", "leader", "counsellor", "headteacher", "counsellor2", "centre"];
    private static readonly string[] Workforce = ["admin", "city", "xunyang", "leader", "counsellor", "counsellor2"];
    private static readonly string[] SchoolWorkforce = ["admin", "leader", "counsellor", "counsellor2"];
    private static readonly string[] Bureau = ["admin", "city", "xunyang"];
    private static readonly string[] StudentStaff = ["leader", "counsellor", "headteacher", "counsellor2"];
    private static readonly string[] ScreeningStaff = ["leader", "counsellor", "counsellor2"];
    private static readonly string[] ReportUsers = ["city", "xunyang", "leader", "counsellor", "counsellor2"];
    private static readonly string[] ActivityUsers = ["admin", "city", "xunyang", "leader", "counsellor", "counsellor2", "centre"];
    private static readonly string[] ActivityRecorders = ["city", "xunyang", "leader", "counsellor", "counsellor2", "centre"];

    /// <summary>Page route → the demo accounts that get 200 (everyone else gets 403).</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["/"] = Everyone,
        ["/Index"] = Everyone,
        ["/Account/ChangePassword"] = Everyone,
        ["/Account/SignIn"] = Everyone,
        ["/Account/SignOut"] = Everyone,
        ["/Culture"] = Everyone,
        ["/Error"] = Everyone,
        ["/Admin/Districts"] = ["admin"],
        ["/Admin/Districts/Index"] = ["admin"],
        ["/Admin/Districts/Edit"] = ["admin"],
        ["/Admin/Schools"] = ["admin"],
        ["/Admin/Schools/Edit"] = ["admin"],
        ["/Admin/Schools/Details"] = ["admin"],
        ["/Admin/Users"] = ["admin"],
        ["/Admin/Users/Edit"] = ["admin"],
        ["/Admin/Users/ResetPassword"] = ["admin"],
        ["/Admin/StaffingPolicy"] = ["admin"],
        ["/Admin/StaffingPolicy/Index"] = ["admin"],
        ["/Admin/ReviewCadence"] = ["admin"],
        ["/Admin/ReviewCadence/Index"] = ["admin"],
        ["/Admin/Audit"] = ["admin"],
        ["/Admin/Audit/Index"] = ["admin"],
        ["/Staffing"] = Workforce,
        ["/Staffing/Index"] = Workforce,
        ["/Staff"] = SchoolWorkforce,
        ["/Staff/Index"] = SchoolWorkforce,
        ["/Staff/Edit"] = SchoolWorkforce,
        ["/Staff/Import"] = SchoolWorkforce,
        ["/Rooms"] = Workforce,
        ["/Rooms/Index"] = Workforce,
        ["/Rooms/Edit"] = SchoolWorkforce,
        ["/Training"] = Workforce,
        ["/Training/Index"] = Workforce,
        ["/Training/Course"] = Workforce,
        ["/Training/CourseEdit"] = Bureau,
        ["/Training/Experts"] = Workforce,
        ["/Featured"] = Workforce,
        ["/Featured/Index"] = Workforce,
        ["/Students"] = StudentStaff,
        ["/Students/Index"] = StudentStaff,
        ["/Students/Edit"] = ScreeningStaff,
        ["/Students/Import"] = ScreeningStaff,
        ["/Students/{id:int}"] = StudentStaff,
        ["/Students/Screening"] = ScreeningStaff,
        ["/Students/Talk"] = StudentStaff,
        ["/Students/Requests"] = ScreeningStaff,
        ["/Students/Requests/Index"] = ScreeningStaff,
        ["/Students/Requests/New"] = ScreeningStaff,
        ["/Students/Requests/{id:long}"] = ScreeningStaff,
        ["/Screenings"] = ScreeningStaff,
        ["/Screenings/Index"] = ScreeningStaff,
        ["/Screenings/Campaign"] = ScreeningStaff,
        ["/Screenings/CampaignEdit"] = ScreeningStaff,
        ["/Screenings/Import"] = ScreeningStaff,
        ["/Screenings/Queue"] = ScreeningStaff,
        ["/Crisis"] = ScreeningStaff,
        ["/Crisis/Index"] = ScreeningStaff,
        ["/Crisis/Open"] = ScreeningStaff,
        ["/Crisis/Event/{id:long}"] = ScreeningStaff,
        ["/Crisis/Plan"] = ScreeningStaff,
        ["/Rooms/Plans"] = Workforce,
        ["/Support"] = StudentStaff,
        ["/Support/Index"] = StudentStaff,
        ["/Support/Form"] = ScreeningStaff,
        ["/Support/Assignment/{id:long}"] = StudentStaff,
        ["/Todo"] = StudentStaff,
        ["/Todo/Index"] = StudentStaff,
        ["/Dashboards"] = Workforce,
        ["/Dashboards/Index"] = Workforce,
        ["/Reports"] = ReportUsers,
        ["/Reports/Index"] = ReportUsers,
        ["/Reports/Report"] = ReportUsers,
        ["/Activities"] = ActivityUsers,
        ["/Activities/Index"] = ActivityUsers,
        ["/Activities/Calendar"] = ActivityUsers,
        ["/Activities/Activity/{id:long}"] = ActivityUsers,
        ["/Activities/Edit"] = ActivityRecorders,
        ["/Centre"] = ["centre"],
        ["/Centre/Index"] = ["centre"],
        ["/Centre/Consultation"] = ["centre"],
        ["/Centre/Roster"] = ["centre"],
        ["/Centre/Member"] = ["centre"],
        ["/Lecturers"] = Workforce,
        ["/Lecturers/Index"] = Workforce,
        ["/Lecturers/Lecture"] = ["admin", "city"],
        ["/Lecturers/Lecturer"] = ["admin", "city"],
    };

    /// <summary>Student pages answer 404, not 403, to roles that hold no student records (they must not learn such records exist).</summary>
    private static readonly HashSet<string> NotFoundWhenRefused =
        ["/Students", "/Students/Index", "/Students/Edit", "/Students/{id:int}", "/Students/Screening", "/Students/Talk",
         "/Students/Requests", "/Students/Requests/Index", "/Students/Requests/New", "/Students/Requests/{id:long}",
         "/Crisis", "/Crisis/Index", "/Crisis/Open", "/Crisis/Event/{id:long}", "/Crisis/Plan",
         "/Support", "/Support/Index", "/Support/Form", "/Support/Assignment/{id:long}", "/Todo", "/Todo/Index"];

    /// <summary>Pages that show one record need an id; 404 without one (or for an admin without a chosen school) is the right answer.</summary>
    private static readonly HashSet<string> NeedAnId =
        ["/Admin/Schools/Details", "/Admin/Users/ResetPassword", "/Training/Course", "/Staff/Edit", "/Staff/Import", "/Rooms/Edit",
         "/Students/{id:int}", "/Students/Screening", "/Students/Talk", "/Students/Requests/New", "/Students/Requests/{id:long}", "/Screenings/Campaign", "/Crisis/Open", "/Crisis/Event/{id:long}",
         "/Support/Form", "/Support/Assignment/{id:long}", "/Reports/Report", "/Activities/Activity/{id:long}"];

    private List<string> Routes()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();
    }

    [Fact]
    public void Every_page_has_an_entry_in_the_access_table()
    {
        var routes = Routes();
        Assert.NotEmpty(routes);
        Assert.Empty(routes.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(routes));
    }

    public static TheoryData<string> Users() => [.. Everyone];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Each_account_gets_what_the_table_says_on_every_page(string user)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r is not "/Account/SignOut" and not "/Culture"))
        {
            // A record page is opened with an id no one may see; the table is about the page itself.
            var page = await client.GetAsync(route.Replace("{id:int}", "0", StringComparison.Ordinal).Replace("{id:long}", "0", StringComparison.Ordinal), follow: false);
            var allowed = Expected[route].Contains(user);
            var acceptable = allowed
                ? page.Status is HttpStatusCode.OK or HttpStatusCode.Found
                  || (NeedAnId.Contains(route) && page.Status == HttpStatusCode.NotFound)
                  || (route == "/Error" && page.Status == HttpStatusCode.InternalServerError)
                : page.Status == (NotFoundWhenRefused.Contains(route) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            if (!acceptable)
            {
                failures.Add($"{route}: {(int)page.Status}");
            }

            var keys = ResourceKey().Matches(page.Document.DocumentElement.OuterHtml).Select(m => m.Value).Distinct().ToList();
            if (keys.Count > 0)
            {
                failures.Add($"{route}: untranslated {string.Join(", ", keys)}");
            }
        }

        Assert.Empty(failures);
    }

    [GeneratedRegex(@"\b(?:App|Nav|Common|Field|Validation|Schools|Districts|Users|Home|SignIn|Role|Scope|Rule|Error|Pager|SchoolStage|SchoolSection|Grade|Class|Identity|Binding|Password|Layout|ChangePassword|RoleHint|SchoolYear|Staff|Staffing|StaffingStatus|Policy|Rooms|Training|TrainingLevel|Experts|Featured|FeaturedLevel|Import|Tabular|Gender|PsychologyPost|FunctionalRooms|NominationStatus|Crisis|CrisisStep|Plan|Plans|TeamRole|Support|SupportChange|Todo|Screenings|ScreeningImport|StudentImport|Queue|Timeline|Band|Flag|Tier|Instrument|WarningLevel|KeyPopulations|ParentChildRelationship|TalkKind|Talk|StudentFile|Students|DecisionState|ResultSource|Audit|Cadence|Dash|Report|Reports|Period|PeriodKind|ReportState|ReportAction|Activities|Activity|ActivityType|Audience|Partners|OrganiserLevel|Calendar|Weekday|Centre|CentreRole|Consultation|ConsultationChannel|ConsultationTopic|ConsultationReferral|ClientKind|AgeBand|Lecturers|Lecturer|LecturerPost|FamilyLecture|ActivityPhoto|DataRequest|DataRequestKind|DataRequester|DataRequestState)_[A-Za-z0-9_]+\b")]
    private static partial Regex ResourceKey();
}
