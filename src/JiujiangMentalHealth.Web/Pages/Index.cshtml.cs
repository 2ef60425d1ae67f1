using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages;

/// <summary>首页 — who you are, what you are responsible for, and the figures of your scope.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public SchoolYear ThisYear { get; private set; }

    public IReadOnlyList<string> MyRoles { get; private set; } = [];

    public ScopeLevel Level { get; private set; }

    public string? DistrictName { get; private set; }

    public string? SchoolName { get; private set; }

    public SchoolStage? SchoolStage { get; private set; }

    public int Districts { get; private set; }

    public int Schools { get; private set; }

    public int Classes { get; private set; }

    public int? Students { get; private set; }

    public IReadOnlyList<ClassRow> MyClasses { get; private set; } = [];

    /// <summary>For school leaders and psychology teachers: results whose suggested tier awaits a decision.</summary>
    public int? PendingDecisions { get; private set; }

    public int? CrisisPending { get; private set; }

    public sealed record ClassRow(SchoolSection Section, int EntryYear, int Number);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        MyRoles = User.PortalRoles();
        var scope = User.Scope();
        Level = scope.Level;

        var schools = db.Schools.AsQueryable();
        switch (scope.Level)
        {
            case ScopeLevel.District:
                schools = schools.Where(s => s.DistrictId == scope.DistrictId);
                DistrictName = await db.Districts.Where(d => d.Id == scope.DistrictId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken);
                break;
            case ScopeLevel.School:
                schools = schools.Where(s => s.Id == scope.SchoolId);
                var school = await schools.Select(s => new { s.Name, s.Stage, District = s.District!.Name }).SingleOrDefaultAsync(cancellationToken);
                (SchoolName, SchoolStage, DistrictName) = (school?.Name, school?.Stage, school?.District);
                break;
        }

        Districts = scope.Level == ScopeLevel.City ? await db.Districts.CountAsync(cancellationToken) : 1;
        Schools = await schools.CountAsync(cancellationToken);
        var year = ThisYear.StartYear;
        Students = await db.SchoolEnrolments
            .Where(e => e.SchoolYear == year && schools.Select(s => s.Id).Contains(e.SchoolId))
            .SumAsync(e => (int?)e.Students, cancellationToken);
        Classes = await db.SchoolClasses
            .Where(c => schools.Select(s => s.Id).Contains(c.SchoolId))
            .Where(SchoolClassQueries.InSession(ThisYear))
            .CountAsync(cancellationToken);

        if (scope.Level == ScopeLevel.School && (User.IsInRole(Roles.SchoolLeader) || User.IsInRole(Roles.Counsellor)))
        {
            var pending = db.ScreeningResults.Where(r => r.SchoolId == scope.SchoolId && r.DecisionState == Domain.Screening.TierDecisionState.Pending && !r.IsSuperseded);
            PendingDecisions = await pending.CountAsync(cancellationToken);
            CrisisPending = await pending.CountAsync(r => r.Crisis, cancellationToken);
        }

        if (scope.ClassIds.Count > 0)
        {
            MyClasses = await db.SchoolClasses
                .Where(c => scope.ClassIds.Contains(c.Id) && c.SchoolId == scope.SchoolId)
                .OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number)
                .Select(c => new ClassRow(c.Section, c.EntryYear, c.Number))
                .ToListAsync(cancellationToken);
        }
    }
}
