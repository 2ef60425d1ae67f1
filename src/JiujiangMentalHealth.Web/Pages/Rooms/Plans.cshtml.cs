using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Rooms;

/// <summary>
/// 危机事件处置预案 — which schools keep a current emergency plan (approved or reviewed within a year,
/// R7): the city sees counts per district, a district (or the city, per district) the schools
/// without a current plan, a school its own.
/// </summary>
public class PlansModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    public bool ByDistrict { get; private set; }

    public string? DistrictName { get; private set; }

    public IReadOnlyList<Summary> Districts { get; private set; } = [];

    /// <summary>The schools without a current plan (none, or approved and last reviewed over a year ago).</summary>
    public IReadOnlyList<SchoolPlan> Missing { get; private set; } = [];

    public Summary Total { get; private set; } = null!;

    public bool IsSchool { get; private set; }

    public sealed record Summary(int Id, string Name, int Schools, int WithCurrentPlan)
    {
        public int Without => Schools - WithCurrentPlan;
    }

    public sealed record SchoolPlan(int Id, string Code, string Name, string District, string? Version, DateOnly? ApprovedOn, DateOnly? LastReviewedOn);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        var schools = db.Schools.VisibleTo(scope);
        if (DistrictId is { } districtId)
        {
            var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == districtId, cancellationToken);
            if (district is null || !scope.Covers(district))
            {
                return NotFound();
            }

            DistrictName = district.Name;
            schools = schools.Where(s => s.DistrictId == districtId);
        }

        var today = ChinaTime.Today(clock);
        var yearAgo = today.AddYears(-1);
        var rows = await schools
            .Select(s => new
            {
                s.Id, s.Code, s.Name, s.DistrictId, District = s.District!.Name, Order = s.District!.SortOrder,
                Plan = db.EmergencyPlans.Where(p => p.SchoolId == s.Id).Select(p => new { p.Version, p.ApprovedOn, p.LastReviewedOn }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // The same rule as EmergencyPlan.IsCurrent: approved or reviewed within the last year.
        bool Current(DateOnly? approvedOn, DateOnly? reviewedOn) => approvedOn is not null && (reviewedOn ?? approvedOn) >= yearAgo;

        IsSchool = scope.Level == ScopeLevel.School;
        ByDistrict = scope.Level == ScopeLevel.City && DistrictId is null;
        Total = new Summary(0, "", rows.Count, rows.Count(r => Current(r.Plan?.ApprovedOn, r.Plan?.LastReviewedOn)));
        Districts = ByDistrict
            ? rows.GroupBy(r => (r.DistrictId, r.District, r.Order)).OrderBy(g => g.Key.Order)
                .Select(g => new Summary(g.Key.DistrictId, g.Key.District, g.Count(), g.Count(r => Current(r.Plan?.ApprovedOn, r.Plan?.LastReviewedOn))))
                .ToList()
            : [];
        Missing = ByDistrict ? []
            : rows.Where(r => !Current(r.Plan?.ApprovedOn, r.Plan?.LastReviewedOn))
                .OrderBy(r => r.Plan is not null).ThenBy(r => r.Order).ThenBy(r => r.Code)
                .Select(r => new SchoolPlan(r.Id, r.Code, r.Name, r.District, r.Plan?.Version, r.Plan?.ApprovedOn, r.Plan?.LastReviewedOn))
                .ToList();
        return Page();
    }
}
