using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Staffing;

/// <summary>
/// 师资配备 figures of a set of schools on a date: the enrolment of that date's school year, the
/// policy version in force on that date, and the psychology teachers on staff that day.
/// Shared by the staffing page, its export and the dashboards.
/// </summary>
public sealed class StaffingFigures(AppDbContext db)
{
    public sealed record SchoolRow(int SchoolId, string Code, string Name, int DistrictId, string District, int DistrictOrder, SchoolStaffing Staffing);

    public sealed record Result(StaffingPolicy Policy, IReadOnlyList<SchoolRow> Schools);

    public async Task<Result> ForAsync(IQueryable<School> schools, DateOnly date, CancellationToken cancellationToken)
    {
        var policy = StaffingPolicy.InForceOn(await db.StaffingPolicies.AsNoTracking().ToListAsync(cancellationToken), date);
        var year = SchoolYear.Containing(date).StartYear;
        var onStaff = db.StaffMembers.Where(m => (m.JoinedOn == null || m.JoinedOn <= date) && (m.LeftOn == null || m.LeftOn > date));
        var rows = await schools
            .Select(s => new
            {
                s.Id,
                s.Code,
                s.Name,
                s.DistrictId,
                District = s.District!.Name,
                DistrictOrder = s.District!.SortOrder,
                // The school year's enrolment; until it is counted (a year still ahead), the latest earlier count.
                Enrolment = s.Enrolments.Where(e => e.SchoolYear <= year).OrderByDescending(e => e.SchoolYear).Select(e => (int?)e.Students).FirstOrDefault(),
                FullTime = onStaff.Count(m => m.SchoolId == s.Id && m.PsychologyPost == PsychologyPost.FullTime),
                PartTime = onStaff.Count(m => m.SchoolId == s.Id && m.PsychologyPost == PsychologyPost.PartTime),
            })
            .ToListAsync(cancellationToken);
        return new Result(policy, rows
            .Select(r => new SchoolRow(r.Id, r.Code, r.Name, r.DistrictId, r.District, r.DistrictOrder,
                SchoolStaffing.For(policy, r.Enrolment, r.FullTime, r.PartTime)))
            .ToList());
    }
}
