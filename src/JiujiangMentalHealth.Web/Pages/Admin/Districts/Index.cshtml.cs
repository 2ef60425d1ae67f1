using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Admin.Districts;

/// <summary>区县管理 — the county-level units with their schools and enrolment.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public SchoolYear ThisYear { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Code, string Name, int Schools, int? Students);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var year = ThisYear.StartYear;
        var districts = db.Districts.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            districts = districts.Where(d => d.Name.Contains(q) || d.Code.StartsWith(q));
        }

        Rows = await districts
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Code)
            .Select(d => new Row(
                d.Id,
                d.Code,
                d.Name,
                db.Schools.Count(s => s.DistrictId == d.Id),
                db.SchoolEnrolments.Where(e => e.SchoolYear == year && e.School!.DistrictId == d.Id).Sum(e => (int?)e.Students)))
            .ToListAsync(cancellationToken);
    }
}
