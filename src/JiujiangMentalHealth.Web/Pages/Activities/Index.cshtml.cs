using JiujiangMentalHealth.Domain.Access;
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

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

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

    public sealed record Row(long Id, DateOnly HeldOn, ActivityType Type, string Title, OrganiserLevel Level, string? Unit, Audience Audience, int Participants);

    public sealed record TypeTotal(ActivityType Type, int Count, int Participants);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        RecordsAt = OutreachAccess.RecordsAt(User);
        var scope = User.Scope();
        ShowsOrganiser = scope.Level != ScopeLevel.School && !User.IsInRole(Roles.CentreStaff);
        var visible = db.Activities.AsNoTracking().VisibleTo(User);
        Years = (await visible.Select(a => a.HeldOn.Year).Distinct().ToListAsync(cancellationToken))
            .Append(Today.Year).Distinct().OrderDescending().ToList();
        Year ??= Today.Year;

        if (ShowsOrganiser)
        {
            Schools = await db.Schools.AsNoTracking().VisibleTo(scope)
                .Where(s => visible.Any(a => a.SchoolId == s.Id))
                .OrderBy(s => s.Code)
                .Select(s => new SelectListItem(s.Name, s.Id.ToString(), s.Id == SchoolId))
                .ToListAsync(cancellationToken);
        }

        var from = new DateOnly(Year.Value, 1, 1);
        var to = new DateOnly(Year.Value, 12, 31);
        var filtered = visible.Where(a => a.HeldOn >= from && a.HeldOn <= to);
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

        ByType = (await filtered.GroupBy(a => a.Type)
                .Select(g => new { g.Key, Count = g.Count(), Participants = g.Sum(a => a.Participants) })
                .ToListAsync(cancellationToken))
            .Select(g => new TypeTotal(g.Key, g.Count, g.Participants))
            .OrderBy(g => g.Type).ToList();
        var total = ByType.Sum(t => t.Count);
        Pager = new Pager(PageNumber, PageSize, total, "/Activities", new Dictionary<string, string?>
        {
            ["q"] = Q, ["year"] = Year.ToString(), ["type"] = Type?.ToString(), ["level"] = Level?.ToString(), ["schoolId"] = SchoolId?.ToString(), ["sort"] = Sort,
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
