using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Crisis;

/// <summary>
/// 危机事件 — the school's crisis events: open ones first, the least advanced first, then (on
/// request) the closed ones. For the school's leaders and psychology teachers only; no notes here.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool ShowClosed { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int ClosedCount { get; private set; }

    public sealed record Row(long Id, int StudentId, string StudentName, DateOnly OpenedOn, CrisisStep CurrentStep, DateOnly LastOn, bool IsOpen);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CrisisAccess.Allowed(User))
        {
            await audit.RecordAsync("view", "crisis", null, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        var schoolId = User.Scope().SchoolId;
        var events = await db.CrisisEvents.AsNoTracking()
            .Where(c => c.SchoolId == schoolId)
            .Where(c => ShowClosed || !c.Steps.Any(s => s.Step == CrisisStep.Closed))
            .Select(c => new
            {
                c.Id,
                c.StudentId,
                Name = db.Students.Where(s => s.Id == c.StudentId).Select(s => s.Name).First(),
                c.OpenedOn,
                Steps = c.Steps.Select(s => new { s.Step, s.On }).ToList(),
            })
            .ToListAsync(cancellationToken);
        ClosedCount = await db.CrisisEvents.CountAsync(c => c.SchoolId == schoolId && c.Steps.Any(s => s.Step == CrisisStep.Closed), cancellationToken);
        Rows = events
            .Select(e => new Row(e.Id, e.StudentId, e.Name, e.OpenedOn, e.Steps.Max(s => s.Step), e.Steps.Max(s => s.On), e.Steps.All(s => s.Step != CrisisStep.Closed)))
            .OrderByDescending(r => r.IsOpen).ThenBy(r => r.CurrentStep).ThenBy(r => r.LastOn).ThenBy(r => r.Id)
            .ToList();
        await audit.RecordAsync("view", "crisis", null, cancellationToken: cancellationToken);
        return Page();
    }
}
