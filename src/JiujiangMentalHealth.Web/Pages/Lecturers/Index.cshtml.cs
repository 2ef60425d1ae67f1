using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Lecturers;

/// <summary>
/// 九江市家庭教育讲师团 — the team (a public roster of principals and head teachers), its touring
/// lectures within the user's scope, and how far they reach: lectures, schools and participants per district.
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<CoverageRow> Coverage { get; private set; } = [];

    public IReadOnlyList<LecturerRow> Team { get; private set; } = [];

    public IReadOnlyList<LectureRow> Lectures { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public bool ShowsCoverage { get; private set; }

    public sealed record CoverageRow(string District, int Lectures, int Schools, int Participants, int SchoolCount);

    public sealed record LecturerRow(int Id, string Name, LecturerPost Post, string School, string District, string? Speciality, bool Active, int Lectures);

    public sealed record LectureRow(long Id, DateOnly HeldOn, string Topic, string Lecturer, string School, Audience Audience, int Participants);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var scope = User.Scope();
        CanManage = User.IsInRole(Roles.CityBureau) || User.IsInRole(Roles.Admin);
        ShowsCoverage = scope.Level != ScopeLevel.School;
        var visible = db.FamilyLectures.AsNoTracking().VisibleTo(scope, db.Schools);
        Years = (await visible.Select(l => l.HeldOn.Year).Distinct().ToListAsync(cancellationToken)).Append(today.Year).Distinct().OrderDescending().ToList();
        Year ??= today.Year;
        var from = new DateOnly(Year.Value, 1, 1);
        var to = new DateOnly(Year.Value, 12, 31);
        var inYear = visible.Where(l => l.HeldOn >= from && l.HeldOn <= to && l.HeldOn <= today);

        if (ShowsCoverage)
        {
            var held = await inYear.Join(db.Schools, l => l.SchoolId, s => s.Id, (l, s) => new { s.DistrictId, l.SchoolId, l.Participants })
                .GroupBy(x => x.DistrictId)
                .Select(g => new { DistrictId = g.Key, Lectures = g.Count(), Schools = g.Select(x => x.SchoolId).Distinct().Count(), Participants = g.Sum(x => x.Participants) })
                .ToDictionaryAsync(x => x.DistrictId, cancellationToken);
            var districts = await db.Districts.AsNoTracking().Where(d => scope.Level == ScopeLevel.City || d.Id == scope.DistrictId)
                .OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name, Schools = db.Schools.Count(s => s.DistrictId == d.Id) }).ToListAsync(cancellationToken);
            Coverage = districts.Select(d => held.TryGetValue(d.Id, out var h)
                ? new CoverageRow(d.Name, h.Lectures, h.Schools, h.Participants, d.Schools)
                : new CoverageRow(d.Name, 0, 0, 0, d.Schools)).ToList();
        }

        Team = await db.Lecturers.AsNoTracking()
            .Join(db.Schools, l => l.SchoolId, s => s.Id, (l, s) => new { l, s })
            .Join(db.Districts, x => x.s.DistrictId, d => d.Id, (x, d) => new { x.l, x.s, d })
            .OrderBy(x => x.d.SortOrder).ThenBy(x => x.l.Name)
            .Select(x => new LecturerRow(x.l.Id, x.l.Name, x.l.Post, x.s.Name, x.d.Name, x.l.Speciality, x.l.Active,
                inYear.Count(f => f.LecturerId == x.l.Id)))
            .ToListAsync(cancellationToken);
        // Posts are stored by name: principals first, then vice-principals, then head teachers, within each district.
        var districtOrder = Team.Select(l => l.District).Distinct().Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        Team = Team.OrderBy(l => districtOrder[l.District]).ThenBy(l => l.Post).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();

        var list = visible.Where(l => l.HeldOn >= from && l.HeldOn <= to);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            list = list.Where(l => l.Topic.Contains(q)
                || db.Lecturers.Any(x => x.Id == l.LecturerId && x.Name.Contains(q))
                || db.Schools.Any(s => s.Id == l.SchoolId && s.Name.Contains(q)));
        }

        Pager = new Pager(PageNumber, PageSize, await list.CountAsync(cancellationToken), "/Lecturers", new Dictionary<string, string?> { ["year"] = Year.ToString(), ["q"] = Q });
        Lectures = await list.OrderByDescending(l => l.HeldOn).ThenByDescending(l => l.Id).Skip(Pager.Skip).Take(PageSize)
            .Select(l => new LectureRow(l.Id, l.HeldOn, l.Topic,
                db.Lecturers.Where(x => x.Id == l.LecturerId).Select(x => x.Name).First(),
                db.Schools.Where(s => s.Id == l.SchoolId).Select(s => s.Name).First(),
                l.Audience, l.Participants))
            .ToListAsync(cancellationToken);
    }
}
