using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Activities;

/// <summary>心理健康活动 — the activities within the user's scope, searched, filtered, sorted and paged, with their totals.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The school year (by the calendar year it starts in), as the dashboards and reports count.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>One day (from the calendar, when a day holds more than it can show).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public ActivityType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public OrganiserLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? SchoolId { get; set; }

    /// <summary>"date" (newest first, the default), "date-asc" or "participants".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<TypeTotal> ByType { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public List<SelectListItem> Schools { get; private set; } = [];

    public OrganiserLevel? RecordsAt { get; private set; }

    /// <summary>Whether the list mixes organisers (bureaus and admins), so it shows who organised each.</summary>
    public bool ShowsOrganiser { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>Planned activities in the selection: listed, but not counted until they took place.</summary>
    public int Planned { get; private set; }

    public IReadOnlyList<OrganiserLevel> Levels { get; private set; } = [];

    public sealed record Row(long Id, DateOnly HeldOn, ActivityType Type, string Title, OrganiserLevel Level, string? Unit, Audience Audience, int Participants);

    public sealed record TypeTotal(ActivityType Type, int Count, int Participants);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        RecordsAt = OutreachAccess.RecordsAt(User);
        var scope = User.Scope();
        ShowsOrganiser = scope.Level != ScopeLevel.School && !User.IsInRole(Roles.CentreStaff);
        var visible = db.Activities.AsNoTracking().VisibleTo(User);
        var thisYear = SchoolYear.Containing(Today).StartYear;
        Years = (await visible.Select(a => a.HeldOn.Month >= SchoolYear.FirstMonth ? a.HeldOn.Year : a.HeldOn.Year - 1).Distinct().ToListAsync(cancellationToken))
            .Append(thisYear).Distinct().OrderDescending().ToList();
        Year = On is { } on ? SchoolYear.Containing(on).StartYear : Year ?? thisYear;
        Levels = scope.Level == ScopeLevel.District ? [OrganiserLevel.District, OrganiserLevel.School] : Enum.GetValues<OrganiserLevel>();

        if (ShowsOrganiser)
        {
            Schools = await db.Schools.AsNoTracking().VisibleTo(scope)
                .Where(s => visible.Any(a => a.SchoolId == s.Id))
                .OrderBy(s => s.Code)
                .Select(s => new SelectListItem(s.Name, s.Id.ToString(), s.Id == SchoolId))
                .ToListAsync(cancellationToken);
        }

        var from = new SchoolYear(Year.Value).FirstDay;
        var to = new SchoolYear(Year.Value).LastDay;
        var filtered = On is { } day ? visible.Where(a => a.HeldOn == day) : visible.Where(a => a.HeldOn >= from && a.HeldOn <= to);
        if (Type is { } type)
        {
            filtered = filtered.Where(a => a.Type == type);
        }

        if (Level is { } level)
        {
            filtered = filtered.Where(a => a.Level == level);
        }

        if (SchoolId is { } schoolId)
        {
            filtered = filtered.Where(a => a.SchoolId == schoolId);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            filtered = filtered.Where(a => a.Title.Contains(q) || (a.Organiser != null && a.Organiser.Contains(q)) || (a.PartnerNames != null && a.PartnerNames.Contains(q)));
        }

        var today = Today;
        Planned = await filtered.CountAsync(a => a.HeldOn > today, cancellationToken);
        ByType = (await filtered.Where(a => a.HeldOn <= today).GroupBy(a => a.Type)
                .Select(g => new { g.Key, Count = g.Count(), Participants = g.Sum(a => a.Participants) })
                .ToListAsync(cancellationToken))
            .Select(g => new TypeTotal(g.Key, g.Count, g.Participants))
            .OrderBy(g => g.Type).ToList();
        var total = ByType.Sum(t => t.Count) + Planned;
        Pager = new Pager(PageNumber, PageSize, total, "/Activities", new Dictionary<string, string?>
        {
            ["q"] = Q, ["year"] = Year.ToString(), ["on"] = On?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["type"] = Type?.ToString(), ["level"] = Level?.ToString(), ["schoolId"] = SchoolId?.ToString(), ["sort"] = Sort,
        });
        var sorted = Sort switch
        {
            "date-asc" => filtered.OrderBy(a => a.HeldOn).ThenBy(a => a.Id),
            "participants" => filtered.OrderByDescending(a => a.Participants).ThenByDescending(a => a.HeldOn),
            _ => filtered.OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.Id),
        };
        Rows = await sorted.Skip(Pager.Skip).Take(PageSize)
            .Select(a => new Row(a.Id, a.HeldOn, a.Type, a.Title, a.Level,
                a.SchoolId != null ? db.Schools.Where(s => s.Id == a.SchoolId).Select(s => s.Name).FirstOrDefault()
                : a.DistrictId != null ? db.Districts.Where(d => d.Id == a.DistrictId).Select(d => d.Name).FirstOrDefault() : null,
                a.Audience, a.Participants))
            .ToListAsync(cancellationToken);
    }

    public string SortUrl(string sort) => (Pager with { Query = new Dictionary<string, string?>(Pager.Query) { ["sort"] = sort } }).UrlFor(1);
}
