using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Staff;

/// <summary>教职工名册 — a school's staff with their roles; staff who left stay on record.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int? SchoolId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public PsychologyPost? Post { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool IncludeLeft { get; set; }

    /// <summary>The default order: the psychology posts first (full-time, part-time…), then by name.</summary>
    public const string DefaultSort = "post";

    /// <summary>"post" (default), "name" or "number", each with "-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public string CurrentSort => Sort ?? DefaultSort;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public StaffSchool.Choice? School { get; private set; }

    public List<SelectListItem> Schools { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public SchoolYear ThisYear { get; private set; }

    public sealed record Row(int Id, string Name, Gender Gender, string? StaffNumber, bool IsSchoolLeader, bool IsKeyTeacher, bool IsSubjectTeacher,
        PsychologyPost Post, bool HasPsychologyMajor, string? Certificate, bool HasLeft, IReadOnlyList<(SchoolSection Section, int EntryYear, int Number)> Classes);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        var today = ChinaTime.Today(clock);
        ThisYear = SchoolYear.Containing(today);
        School = await StaffSchool.ResolveAsync(db, scope, SchoolId, cancellationToken);
        if (School is null)
        {
            if (scope.Level == ScopeLevel.School || SchoolId is not null)
            {
                return NotFound();
            }

            // An admin first chooses the school.
            Schools = await db.Schools.OrderBy(s => s.District!.SortOrder).ThenBy(s => s.Name)
                .Select(s => new SelectListItem(s.District!.Name + " · " + s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
            Pager = new Pager(1, PageSize, 0, "/Staff", new Dictionary<string, string?>());
            return Page();
        }

        var staff = db.StaffMembers.Where(m => m.SchoolId == School.Id);
        if (!IncludeLeft)
        {
            staff = staff.Where(m => m.LeftOn == null || m.LeftOn > today);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            staff = staff.Where(m => m.Name.Contains(q) || m.StaffNumber == q);
        }

        if (Post is not null)
        {
            staff = staff.Where(m => m.PsychologyPost == Post);
        }

        var total = await staff.CountAsync(cancellationToken);
        Pager = new Pager(PageNumber, PageSize, total, "/Staff", new Dictionary<string, string?>
        {
            ["schoolId"] = SchoolId?.ToString(), ["q"] = Q, ["post"] = Post?.ToString(), ["includeLeft"] = IncludeLeft ? "true" : null,
            ["sort"] = Sort,
        });
        var sorted = CurrentSort switch
        {
            "name" => staff.OrderBy(m => m.Name).ThenBy(m => m.Id),
            "name-desc" => staff.OrderByDescending(m => m.Name).ThenBy(m => m.Id),
            // Staff without a number last either way.
            "number" => staff.OrderBy(m => m.StaffNumber == null).ThenBy(m => m.StaffNumber).ThenBy(m => m.Name).ThenBy(m => m.Id),
            "number-desc" => staff.OrderBy(m => m.StaffNumber == null).ThenByDescending(m => m.StaffNumber).ThenBy(m => m.Name).ThenBy(m => m.Id),
            "post-desc" => staff.OrderByDescending(m => m.PsychologyPost == PsychologyPost.None).ThenByDescending(m => m.PsychologyPost)
                .ThenBy(m => m.Name).ThenBy(m => m.Id),
            _ => staff.OrderBy(m => m.PsychologyPost == PsychologyPost.None).ThenBy(m => m.PsychologyPost).ThenBy(m => m.Name).ThenBy(m => m.Id),
        };
        var page = await sorted
            .Skip(Pager.Skip).Take(PageSize)
            .Select(m => new
            {
                m.Id, m.Name, m.Gender, m.StaffNumber, m.IsSchoolLeader, m.IsKeyTeacher, m.IsSubjectTeacher, m.PsychologyPost,
                m.HasPsychologyMajor, m.Certificate, m.LeftOn,
                Classes = m.Classes.Join(db.SchoolClasses, sc => sc.ClassId, c => c.Id, (_, c) => new { c.Section, c.EntryYear, c.Number }).ToList(),
            })
            .ToListAsync(cancellationToken);
        Rows = page.Select(m => new Row(m.Id, m.Name, m.Gender, m.StaffNumber, m.IsSchoolLeader, m.IsKeyTeacher, m.IsSubjectTeacher, m.PsychologyPost,
                m.HasPsychologyMajor, m.Certificate, m.LeftOn <= today, m.Classes.Select(c => (c.Section, c.EntryYear, c.Number)).ToList()))
            .ToList();
        return Page();
    }
}
