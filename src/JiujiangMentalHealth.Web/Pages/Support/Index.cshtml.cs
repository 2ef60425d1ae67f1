using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using JiujiangMentalHealth.Web.Access;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// 三级帮扶 — the school's active assignments the user may see, overdue reviews first (tier 1 first
/// among them); filter by tier or overdue only; closed assignments on request; sorted by a column
/// and paged. The search holds a student's name, so it is posted, never put in a URL.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    /// <summary>The default order: overdue first, tier 1 first, the next review due first (closed: the latest closed first).</summary>
    public const string DefaultSort = "priority";

    private static readonly StringComparer Names = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), false);

    /// <summary>A student's name or number: posted, never put in a URL (browser history, proxy logs).</summary>
    [BindProperty]
    public string? Q { get; set; }

    /// <summary>"priority" (default), "name", "tier", "last" or "date" (next review due, or closed on), each with "-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Pager Pager { get; private set; } = null!;

    public string CurrentSort => Sort ?? DefaultSort;

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

    public Task OnPostAsync(CancellationToken cancellationToken) => OnGetAsync(cancellationToken);

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

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var number = Domain.Students.Student.NormaliseNumber(q);
            query = query.Where(a => db.Students.Any(s => s.Id == a.StudentId && (s.Name.Contains(q) || s.StudentNumber == number)));
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

        var sorted = CurrentSort switch
        {
            "name" => rows.OrderBy(r => r.Name, Names),
            "name-desc" => rows.OrderByDescending(r => r.Name, Names),
            "tier" => rows.OrderBy(r => r.Tier).ThenBy(r => r.Name, Names),
            "tier-desc" => rows.OrderByDescending(r => r.Tier).ThenBy(r => r.Name, Names),
            "last" => rows.OrderBy(r => r.LastFollowUpOn ?? DateOnly.MinValue).ThenBy(r => r.Name, Names),
            "last-desc" => rows.OrderByDescending(r => r.LastFollowUpOn ?? DateOnly.MinValue).ThenBy(r => r.Name, Names),
            "date" => rows.OrderBy(r => Closed ? r.ClosedOn : r.NextReviewDue).ThenBy(r => r.Name, Names),
            "date-desc" => rows.OrderByDescending(r => Closed ? r.ClosedOn : r.NextReviewDue).ThenBy(r => r.Name, Names),
            _ when Closed => rows.OrderByDescending(r => r.ClosedOn).ThenBy(r => r.Name, Names),
            _ => rows.OrderByDescending(r => r.IsOverdue).ThenBy(r => r.Tier).ThenBy(r => r.NextReviewDue).ThenBy(r => r.Name, Names),
        };
        var all = sorted.ThenBy(r => r.Id).ToList();
        Pager = new Pager(PageNumber, PageSize, all.Count, "/Support", new Dictionary<string, string?>
        {
            ["tier"] = Tier?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["overdue"] = Overdue ? "true" : null,
            ["closed"] = Closed ? "true" : null, ["sort"] = Sort,
        })
        {
            // A search holds a name: paging and sorting re-post the filter form rather than link.
            PostForm = string.IsNullOrWhiteSpace(Q) ? null : "filter-form",
        };
        Rows = all.Skip(Pager.Skip).Take(PageSize).ToList();
    }
}
