using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Training;

/// <summary>培训 — attendances (人次) and hours per level and year within the user's scope, and the courses.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
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
        Courses = await db.TrainingCourses
            .OrderByDescending(c => c.StartsOn)
            .Select(c => new CourseRow(c.Id, c.Level, c.Name, c.StartsOn, c.Hours, c.Organiser, records.Count(r => r.CourseId == c.Id)))
            .ToListAsync(cancellationToken);
    }
}
