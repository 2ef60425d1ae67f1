using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using JiujiangMentalHealth.Web.Access;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// 三级帮扶 — the school's active assignments the user may see, overdue reviews first (tier 1 first
/// among them); filter by tier or overdue only; closed assignments on request.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Closed { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanStart { get; private set; }

    public sealed record Row(long Id, int StudentId, string Name, string ClassName, int Tier, IReadOnlyList<string> Team,
        DateOnly StartedOn, DateOnly? LastFollowUpOn, DateOnly NextReviewDue, bool IsOverdue, DateOnly? ClosedOn);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Lists of students are views of their data too (R11).
        await audit.RecordAsync("list", "student", null, cancellationToken: cancellationToken);

        var today = ChinaTime.Today(clock);
        var thisYear = SchoolYear.Containing(today);
        var cadence = await SupportAccess.CadenceAsync(db, cancellationToken);
        CanStart = User.ManagesSupport();
        var status = Closed ? AssignmentStatus.Closed : AssignmentStatus.Active;
        var query = db.AssignmentsOf(User).AsNoTracking().Where(a => a.Status == status);
        if (Tier is >= 1 and <= 3)
        {
            query = query.Where(a => a.Tier == Tier);
        }

        var assignments = await query
            .Include(a => a.Members)
            .OrderByDescending(a => a.ClosedOn).ThenBy(a => a.Id)
            .Take(2000)
            .ToListAsync(cancellationToken);
        var studentIds = assignments.Select(a => a.StudentId).Distinct().ToList();
        var students = await db.Students.Where(s => studentIds.Contains(s.Id))
            .Join(db.SchoolClasses, s => s.ClassId, c => c.Id, (s, c) => new { s.Id, s.Name, c.Section, c.EntryYear, c.Number })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var staffIds = assignments.SelectMany(a => a.Members).Select(m => m.StaffMemberId).Distinct().ToList();
        var names = await db.StaffMembers.Where(m => staffIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);

        var rows = assignments.Select(a =>
        {
            var s = students[a.StudentId];
            return new Row(a.Id, a.StudentId, s.Name, labels.ClassName(s.Section, s.EntryYear, s.Number, thisYear), a.Tier,
                a.Members.OrderBy(m => m.Role).Select(m => names.GetValueOrDefault(m.StaffMemberId, "#" + m.StaffMemberId)).ToList(),
                a.StartedOn, a.LastFollowUpOn, a.NextReviewDue(cadence), a.IsOverdue(today, cadence), a.ClosedOn);
        });
        if (Overdue && !Closed)
        {
            rows = rows.Where(r => r.IsOverdue);
        }

        Rows = Closed
            ? rows.OrderByDescending(r => r.ClosedOn).ThenBy(r => r.Name).ToList()
            : rows.OrderByDescending(r => r.IsOverdue).ThenBy(r => r.Tier).ThenBy(r => r.NextReviewDue).ThenBy(r => r.Name).ToList();
    }
}
