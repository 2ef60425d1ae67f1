using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Dashboards;

/// <summary>
/// 工作看板 — the city compares its districts, a district its schools, a school its own figures and
/// trend, over a school year, a term or a bi-monthly period. Scope comes from the user; a city user
/// may open one district's view, nobody may open a view outside their scope.
/// </summary>
public class IndexModel(AppDbContext db, DashboardBuilder builder, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    public Dashboard Dashboard { get; private set; } = null!;

    public IReadOnlyList<(string Group, IReadOnlyList<Period> Periods)> PeriodChoices { get; private set; } = [];

    public string PeriodName(Period period) => PeriodNames.Of(t, period);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(string? table, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Dashboard.Tables.FirstOrDefault(x => x.Id == table) is not { } figures)
        {
            return NotFound();
        }

        await audit.RecordAsync("export", "dashboard", $"{table}:{Dashboard.ScopeName}:{Dashboard.Period.Key}", cancellationToken: cancellationToken);
        var name = $"{figures.Title}_{Dashboard.ScopeName}_{PeriodName(Dashboard.Period)}.xlsx";
        return File(figures.ToXlsx(t["Field_SchoolCode"]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var period = Domain.Reporting.Period.Containing(PeriodKind.SchoolYear, today);
        if (Period is not null && !Domain.Reporting.Period.TryParse(Period, out period))
        {
            return false;
        }

        PeriodChoices = PeriodNames.Choices(t, today);
        var scope = User.Scope();
        DashboardLevel level;
        SchoolSelection selection;
        string scopeName;
        switch (scope.Level)
        {
            case ScopeLevel.City when DistrictId is null:
                (level, selection, scopeName) = (DashboardLevel.City, SchoolSelection.City, t["Scope_City"]);
                break;
            case ScopeLevel.City:
                // No per-school view for the city: with the district rows beside it, a hidden count could be worked out.
                return false;
            case ScopeLevel.District:
                var districtId = DistrictId ?? scope.DistrictId;
                var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == districtId, cancellationToken);
                if (district is null || !scope.Covers(district))
                {
                    return false;
                }

                (level, selection, scopeName) = (DashboardLevel.District, new SchoolSelection(DistrictId: district.Id), district.Name);
                break;
            default:
                if (DistrictId is not null || scope.SchoolId is not { } schoolId)
                {
                    return false;
                }

                var school = await db.Schools.AsNoTracking().Where(s => s.Id == schoolId).Select(s => s.Name).SingleAsync(cancellationToken);
                (level, selection, scopeName) = (DashboardLevel.School, new SchoolSelection(SchoolId: schoolId), school);
                break;
        }

        Dashboard = await builder.BuildAsync(level, selection, scopeName, period, today, cancellationToken);
        return true;
    }

    public string? ExportUrl(string table) => Url.Page("/Dashboards/Index", "Export", new { table, period = Dashboard.Period.Key, districtId = DistrictId });
}
