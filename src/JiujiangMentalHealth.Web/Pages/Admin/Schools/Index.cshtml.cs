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

    /// <summary>"district" (the default: district order, then code), "code", "name" or "students", each with "-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public string CurrentSort => Sort ?? "district";

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
            new Dictionary<string, string?> { ["q"] = Q, ["districtId"] = DistrictId?.ToString(), ["stage"] = Stage?.ToString(), ["sort"] = Sort });
        var year = ThisYear.StartYear;
        var inSession = SchoolClassQueries.InSession(ThisYear);
        var sorted = CurrentSort switch
        {
            "district-desc" => schools.OrderByDescending(s => s.District!.SortOrder).ThenBy(s => s.Code),
            "code" => schools.OrderBy(s => s.Code),
            "code-desc" => schools.OrderByDescending(s => s.Code),
            "name" => schools.OrderBy(s => s.Name).ThenBy(s => s.Code),
            "name-desc" => schools.OrderByDescending(s => s.Name).ThenBy(s => s.Code),
            "students" => schools.OrderBy(s => s.Enrolments.Where(e => e.SchoolYear == year).Select(e => (int?)e.Students).FirstOrDefault() ?? 0).ThenBy(s => s.Code),
            "students-desc" => schools.OrderByDescending(s => s.Enrolments.Where(e => e.SchoolYear == year).Select(e => (int?)e.Students).FirstOrDefault() ?? 0).ThenBy(s => s.Code),
            _ => schools.OrderBy(s => s.District!.SortOrder).ThenBy(s => s.Code),
        };
        Rows = await sorted
            .Skip(Pager.Skip).Take(PageSize)
            .Select(s => new Row(
                s.Id, s.Code, s.Name, s.District!.Name, s.Stage, s.IsTownshipCentralOrAbove,
                s.Enrolments.Where(e => e.SchoolYear == year).Select(e => (int?)e.Students).FirstOrDefault(),
                s.Classes.AsQueryable().Count(inSession)))
            .ToListAsync(cancellationToken);
    }
}
