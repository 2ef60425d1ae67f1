using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Training;

/// <summary>培训 — attendances (人次) and hours per level and year within the user's scope, and the courses (searched, sorted, paged).</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    private const int PageSize = 25;

    /// <summary>The default order: the latest course first.</summary>
    public const string DefaultSort = "starts-desc";

    /// <summary>A course's name or organiser.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public TrainingLevel? Level { get; set; }

    /// <summary>"name", "level", "starts", "hours" or "attendances", each with "-desc"; the latest first by default.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager { get; private set; } = null!;

    public string CurrentSort => Sort ?? DefaultSort;

    public IReadOnlyList<Total> Totals { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];

    public bool CanManageCourses { get; private set; }

    public sealed record Total(int Year, TrainingLevel Level, int Attendances, decimal Hours);

    public sealed record CourseRow(int Id, TrainingLevel Level, string Name, DateOnly StartsOn, decimal Hours, string? Organiser, int Attendances);

    public int AttendancesOf(int year, TrainingLevel level) =>
        Totals.FirstOrDefault(t => t.Year == year && t.Level == level)?.Attendances ?? 0;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        CanManageCourses = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.CityBureau) || User.IsInRole(Roles.DistrictBureau);
        var staff = db.StaffMembers.VisibleTo(scope, db).Select(m => m.Id);
        var records = db.TrainingRecords.Where(r => staff.Contains(r.StaffMemberId));
        Totals = await records
            .Join(db.TrainingCourses, r => r.CourseId, c => c.Id, (r, c) => new { c.Year, c.Level, c.Hours })
            .GroupBy(x => new { x.Year, x.Level })
            .Select(g => new Total(g.Key.Year, g.Key.Level, g.Count(), g.Sum(x => x.Hours)))
            .ToListAsync(cancellationToken);
        Years = Totals.Select(t => t.Year).Distinct().OrderDescending().ToList();
        var courses = db.TrainingCourses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            courses = courses.Where(c => c.Name.Contains(q) || (c.Organiser != null && c.Organiser.Contains(q)));
        }

        if (Level is { } level)
        {
            courses = courses.Where(c => c.Level == level);
        }

        Pager = new Pager(PageNumber, PageSize, await courses.CountAsync(cancellationToken), "/Training", new Dictionary<string, string?>
        {
            ["q"] = Q, ["level"] = Level?.ToString(), ["sort"] = Sort,
        });
        var rows = courses.Select(c => new { c.Id, c.Level, c.Name, c.StartsOn, c.Hours, c.Organiser, Attendances = records.Count(r => r.CourseId == c.Id) });
        var sorted = CurrentSort switch
        {
            "name" => rows.OrderBy(c => c.Name).ThenBy(c => c.Id),
            "name-desc" => rows.OrderByDescending(c => c.Name).ThenBy(c => c.Id),
            "level" => rows.OrderBy(c => c.Level).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Id),
            "level-desc" => rows.OrderByDescending(c => c.Level).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Id),
            "starts" => rows.OrderBy(c => c.StartsOn).ThenBy(c => c.Id),
            "hours" => rows.OrderBy(c => c.Hours).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Id),
            "hours-desc" => rows.OrderByDescending(c => c.Hours).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Id),
            "attendances" => rows.OrderBy(c => c.Attendances).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Id),
            "attendances-desc" => rows.OrderByDescending(c => c.Attendances).ThenByDescending(c => c.StartsOn).ThenBy(c => c.Id),
            _ => rows.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id),
        };
        Courses = await sorted.Skip(Pager.Skip).Take(PageSize)
            .Select(c => new CourseRow(c.Id, c.Level, c.Name, c.StartsOn, c.Hours, c.Organiser, c.Attendances))
            .ToListAsync(cancellationToken);
    }
}
