using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Tabular;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Staffing;

/// <summary>
/// 师资配备 — full-time psychology teachers against the requirement (R1), per district for the
/// city, per school for a district or a school, on any date with the policy then in force.
/// </summary>
public class IndexModel(AppDbContext db, StaffingFigures figures, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool ShortOnly { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public DateOnly AsOf { get; private set; }

    public StaffingPolicy Policy { get; private set; } = null!;

    /// <summary>The city view: one row per district.</summary>
    public bool ByDistrict { get; private set; }

    public string? DistrictName { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public StaffingTotals Totals { get; private set; } = null!;

    /// <summary>A district (Id is the district) or a school (Id is the school) with its figures.</summary>
    public sealed record Row(int Id, string Name, string? Code, string? District, StaffingTotals Totals, SchoolStaffing? School);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        string[] headers = ByDistrict
            ? [t["Field_District"], t["Staffing_Schools"], t["Staffing_Enrolment"], t["Staffing_Required"], t["Staffing_FullTime"], t["Staffing_PartTime"], t["Staffing_Shortfall"], t["Staffing_SchoolsShort"], t["Staffing_SchoolsWithoutFullTime"]]
            : [t["Field_SchoolCode"], t["Field_SchoolName"], t["Field_District"], t["Staffing_Enrolment"], t["Staffing_Required"], t["Staffing_FullTime"], t["Staffing_PartTime"], t["Staffing_Shortfall"], t["Staffing_Status"]];
        var rows = Rows.Select(r => ByDistrict
                ? new object?[] { r.Name, r.Totals.Schools, r.Totals.Enrolment, r.Totals.Required, r.Totals.FullTime, r.Totals.PartTime, r.Totals.Shortfall, r.Totals.SchoolsShort, r.Totals.SchoolsWithoutFullTime }
                : new object?[] { r.Code, r.Name, r.District, r.School!.Enrolment, r.School.Required, r.School.FullTime, r.School.PartTime, r.School.Shortfall, StatusLabel(r.School.Status) })
            .Append(ByDistrict
                ? [t["Staffing_Total"].Value, Totals.Schools, Totals.Enrolment, Totals.Required, Totals.FullTime, Totals.PartTime, Totals.Shortfall, Totals.SchoolsShort, Totals.SchoolsWithoutFullTime]
                : [null, t["Staffing_Total"].Value, null, Totals.Enrolment, Totals.Required, Totals.FullTime, Totals.PartTime, Totals.Shortfall, null])
            .Select(r => (IReadOnlyList<object?>)r)
            .ToList();
        // The figures of the user's scope (or of the district chosen in it) on a date.
        await audit.RecordAsync("export", "staffing", DistrictId is { } district ? $"{AsOf:yyyy-MM-dd}:district:{district}" : $"{AsOf:yyyy-MM-dd}", cancellationToken: cancellationToken);
        var stream = new MemoryStream();
        TabularWriter.WriteXlsx(stream, headers, rows, t["Staffing_Title"]);
        stream.Position = 0;
        var name = $"{t["Staffing_Title"]}_{DistrictName ?? t["Scope_City"]}_{AsOf:yyyy-MM-dd}.xlsx";
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    public string StatusLabel(StaffingStatus status) => t["StaffingStatus_" + status];

    public string PolicyText => t["Staffing_PolicyInForce", PortalCultures.Date(Policy.EffectiveFrom), Policy.StudentsPerTeacher, Policy.MinimumPerSchool];

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        AsOf = Date ?? ChinaTime.Today(clock);
        var schools = db.Schools.VisibleTo(scope);
        if (DistrictId is { } districtId)
        {
            var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == districtId, cancellationToken);
            if (district is null || !scope.Covers(district))
            {
                return false;
            }

            DistrictName = district.Name;
            schools = schools.Where(s => s.DistrictId == districtId);
        }

        ByDistrict = scope.Level == ScopeLevel.City && DistrictId is null;
        var result = await figures.ForAsync(schools, AsOf, cancellationToken);
        Policy = result.Policy;
        Totals = StaffingTotals.Of(result.Schools.Select(s => s.Staffing));
        var rows = ByDistrict
            ? result.Schools.GroupBy(s => (s.DistrictId, s.District, s.DistrictOrder))
                .OrderBy(g => g.Key.DistrictOrder)
                .Select(g => new Row(g.Key.DistrictId, g.Key.District, null, null, StaffingTotals.Of(g.Select(s => s.Staffing)), null))
            : result.Schools
                .OrderBy(s => s.DistrictOrder).ThenBy(s => s.Code)
                .Select(s => new Row(s.SchoolId, s.Name, s.Code, s.District, StaffingTotals.Of([s.Staffing]), s.Staffing));
        if (ShortOnly)
        {
            rows = rows.Where(r => r.Totals.Shortfall > 0);
        }

        Rows = Sorted(rows).ToList();
        return true;
    }

    private IEnumerable<Row> Sorted(IEnumerable<Row> rows) => Sort switch
    {
        "shortfall" => rows.OrderByDescending(r => r.Totals.Shortfall).ThenBy(r => r.Totals.FullTime),
        "enrolment" => rows.OrderByDescending(r => r.Totals.Enrolment),
        "required" => rows.OrderByDescending(r => r.Totals.Required),
        "fulltime" => rows.OrderBy(r => r.Totals.FullTime),
        "name" => rows.OrderBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), false)),
        _ => rows,
    };

    public string? SortUrl(string sort) => Url.Page("Index", new { date = Date?.ToString("yyyy-MM-dd"), districtId = DistrictId, shortOnly = ShortOnly ? true : (bool?)null, sort });

    public string Enrolment(int? value) => value?.ToString("N0") ?? t["Staffing_NoEnrolment"];
}
