using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Admin.Schools;

/// <summary>学校管理 — search the city's schools by name or code, district and stage.</summary>
public class IndexModel(AppDbContext db, Labels labels, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    [BindProperty(SupportsGet = true)]
    public SchoolStage? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SchoolYear ThisYear { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public List<SelectListItem> Districts { get; private set; } = [];

    public List<SelectListItem> Stages { get; private set; } = [];

    public sealed record Row(int Id, string Code, string Name, string District, SchoolStage Stage, bool IsTownshipCentralOrAbove, int? Students, int Classes);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        Districts = await SchoolOptions.DistrictsAsync(db, cancellationToken);
        Stages = SchoolOptions.Stages(labels);

        var schools = db.Schools.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            schools = schools.Where(s => s.Name.Contains(q) || s.Code.StartsWith(q));
        }

        if (DistrictId is not null)
        {
            schools = schools.Where(s => s.DistrictId == DistrictId);
        }

        if (Stage is not null)
        {
            schools = schools.Where(s => s.Stage == Stage);
        }

        var total = await schools.CountAsync(cancellationToken);
        Pager = new Pager(PageNumber, PageSize, total, "/Admin/Schools",
            new Dictionary<string, string?> { ["q"] = Q, ["districtId"] = DistrictId?.ToString(), ["stage"] = Stage?.ToString() });
        var year = ThisYear.StartYear;
        var inSession = SchoolClassQueries.InSession(ThisYear);
        Rows = await schools
            .OrderBy(s => s.District!.SortOrder).ThenBy(s => s.Code)
            .Skip(Pager.Skip).Take(PageSize)
            .Select(s => new Row(
                s.Id, s.Code, s.Name, s.District!.Name, s.Stage, s.IsTownshipCentralOrAbove,
                s.Enrolments.Where(e => e.SchoolYear == year).Select(e => (int?)e.Students).FirstOrDefault(),
                s.Classes.AsQueryable().Count(inSession)))
            .ToListAsync(cancellationToken);
    }
}
