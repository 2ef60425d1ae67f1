using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Training;

/// <summary>
/// 培训项目 — who attended, counted within the user's scope; a school leader or psychology teacher
/// registers their school's attendees in one go (批量登记).
/// </summary>
public class CourseModel(AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public List<int> StaffIds { get; set; } = [];

    public TrainingCourse Course { get; private set; } = null!;

    public int Attendances { get; private set; }

    public IReadOnlyList<(string Name, int Count)> ByUnit { get; private set; } = [];

    /// <summary>The signed-in school user's staff, with whether each already attended.</summary>
    public IReadOnlyList<(int Id, string Name, PsychologyPost Post, bool Attended)> MyStaff { get; private set; } = [];

    public bool CanRegister { get; private set; }

    public bool CanEditCourse { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!CanRegister)
        {
            return Forbid();
        }

        var scope = User.Scope();
        // Only the user's own school's staff can be registered, whatever the form says.
        var allowed = await db.StaffMembers.Where(m => m.SchoolId == scope.SchoolId && StaffIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        var course = await db.TrainingCourses.Include(c => c.Records).SingleAsync(c => c.Id == Id, cancellationToken);
        var added = course.Enrol(allowed);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("register", "training-course", Id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Training_Registered", added].Value;
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var course = await db.TrainingCourses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (course is null)
        {
            return false;
        }

        Course = course;
        var scope = User.Scope();
        CanEditCourse = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.CityBureau) || User.IsInRole(Roles.DistrictBureau);
        CanRegister = scope.Level == ScopeLevel.School && (User.IsInRole(Roles.SchoolLeader) || User.IsInRole(Roles.Counsellor));
        var visible = db.StaffMembers.VisibleTo(scope, db);
        var records = db.TrainingRecords.Where(r => r.CourseId == Id);
        Attendances = await records.CountAsync(r => visible.Any(m => m.Id == r.StaffMemberId), cancellationToken);
        if (scope.Level != ScopeLevel.School)
        {
            var rows = await records
                .Join(visible, r => r.StaffMemberId, m => m.Id, (_, m) => m.SchoolId)
                .Join(db.Schools, schoolId => schoolId, s => s.Id, (_, s) => new { Unit = scope.Level == ScopeLevel.City ? s.District!.Name : s.Name })
                .GroupBy(x => x.Unit)
                .Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(x => x.Count)
                .ToListAsync(cancellationToken);
            ByUnit = rows.Select(r => (r.Key, r.Count)).ToList();
        }

        if (CanRegister)
        {
            var today = ChinaTime.Today(clock);
            var staff = await db.StaffMembers
                .Where(m => m.SchoolId == scope.SchoolId && (m.LeftOn == null || m.LeftOn > today))
                .OrderBy(m => m.PsychologyPost == PsychologyPost.None).ThenBy(m => m.Name)
                .Select(m => new { m.Id, m.Name, m.PsychologyPost, Attended = records.Any(r => r.StaffMemberId == m.Id) })
                .ToListAsync(cancellationToken);
            MyStaff = staff.Select(m => (m.Id, m.Name, m.PsychologyPost, m.Attended)).ToList();
        }

        return true;
    }
}
