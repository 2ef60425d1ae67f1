using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Rooms;

/// <summary>
/// 心理辅导室（开心驿站）— which schools have a standardized counselling room, and the coverage among
/// the schools that must have one (township-central level and above, R2).
/// </summary>
public class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool MissingOnly { get; set; }

    public bool ByDistrict { get; private set; }

    public string? DistrictName { get; private set; }

    public IReadOnlyList<Coverage> Districts { get; private set; } = [];

    public IReadOnlyList<SchoolRoom> Schools { get; private set; } = [];

    public Coverage Total { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    /// <summary>Coverage of a district (or the total): required schools, how many of them have a room, rooms in all.</summary>
    public sealed record Coverage(int Id, string Name, int Schools, int Required, int RequiredWithRoom, int WithRoom)
    {
        public decimal? Percent => Required == 0 ? null : Math.Round(100m * RequiredWithRoom / Required, 1);
    }

    public sealed record SchoolRoom(int Id, string Code, string Name, bool IsRequired, bool HasRoom, FunctionalRooms Rooms, DateOnly? CertifiedOn);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        CanEdit = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.SchoolLeader) || User.IsInRole(Roles.Counsellor);
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

        var rows = await schools
            .Select(s => new
            {
                s.Id, s.Code, s.Name, s.DistrictId, District = s.District!.Name, Order = s.District!.SortOrder, s.IsTownshipCentralOrAbove,
                Room = db.CounsellingRooms.Where(r => r.SchoolId == s.Id).Select(r => new { r.IsStandardized, r.Rooms, r.CertifiedOn }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        ByDistrict = scope.Level == ScopeLevel.City && DistrictId is null;
        var all = rows.Select(r => (r.DistrictId, r.District, r.Order, Required: r.IsTownshipCentralOrAbove, HasRoom: r.Room?.IsStandardized == true)).ToList();
        Total = Summarise(0, "", all.Select(r => (r.Required, r.HasRoom)));
        if (ByDistrict)
        {
            Districts = all.GroupBy(r => (r.DistrictId, r.District, r.Order)).OrderBy(g => g.Key.Order)
                .Select(g => Summarise(g.Key.DistrictId, g.Key.District, g.Select(r => (r.Required, r.HasRoom))))
                .Where(c => !MissingOnly || c.RequiredWithRoom < c.Required)
                .ToList();
        }
        else
        {
            Schools = rows
                .Select(r => new SchoolRoom(r.Id, r.Code, r.Name, r.IsTownshipCentralOrAbove, r.Room?.IsStandardized == true,
                    r.Room?.Rooms ?? FunctionalRooms.None, r.Room?.CertifiedOn))
                .Where(r => !MissingOnly || (r.IsRequired && !r.HasRoom))
                .OrderBy(r => r.HasRoom).ThenByDescending(r => r.IsRequired).ThenBy(r => r.Code)
                .ToList();
        }

        return Page();
    }

    private static Coverage Summarise(int id, string name, IEnumerable<(bool Required, bool HasRoom)> schools)
    {
        var list = schools.ToList();
        return new Coverage(id, name, list.Count, list.Count(s => s.Required), list.Count(s => s.Required && s.HasRoom), list.Count(s => s.HasRoom));
    }
}
