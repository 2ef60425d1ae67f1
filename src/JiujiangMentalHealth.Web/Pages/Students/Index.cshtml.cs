using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>学生档案 — the students the user may see, searched by name, number, class, key population and warning level.</summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, TimeProvider clock) : PageModel
{
    private const int PageSize = 30;

    /// <summary>A name or student number: posted, never put in a URL (browser history, proxy logs).</summary>
    [BindProperty]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ClassId { get; set; }

    [BindProperty(SupportsGet = true)]
    public KeyPopulations? Flag { get; set; }

    /// <summary>Filter by current warning level; "any" = any warning.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Warning { get; set; }

    /// <summary>The default order: the most serious current warning first.</summary>
    public const string DefaultSort = "warning";

    /// <summary>"warning" (default, most serious first), "name" or "class", each with "-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public string CurrentSort => Sort ?? DefaultSort;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SchoolYear ThisYear { get; private set; }

    public List<SelectListItem> Classes { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public bool CanAdd { get; private set; }

    /// <summary>Correction/deletion requests waiting for a school leader (shown to those who see the whole school).</summary>
    public int PendingDataRequests { get; private set; }

    public sealed record Row(int Id, string Number, string Name, Gender Gender, SchoolSection Section, int EntryYear, int ClassNumber,
        KeyPopulations Flags, WarningLevel? Warning, bool AwaitsDecision);

    public Task OnPostAsync(CancellationToken cancellationToken) => OnGetAsync(cancellationToken);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Lists of students are views of their data too (R11).
        await audit.RecordAsync("list", "student", null, cancellationToken: cancellationToken);
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        CanAdd = User.SeesWholeSchool();
        if (CanAdd)
        {
            var schoolId = User.Scope().SchoolId;
            PendingDataRequests = await db.PersonalDataRequests.CountAsync(
                r => r.SchoolId == schoolId && r.State == PersonalDataRequestState.Pending, cancellationToken);
        }
        var students = db.StudentsOf(User);
        var classIds = await students.Select(s => s.ClassId).Distinct().ToListAsync(cancellationToken);
        var classes = await db.SchoolClasses.Where(c => classIds.Contains(c.Id))
            .OrderBy(c => c.Section).ThenByDescending(c => c.EntryYear).ThenBy(c => c.Number)
            .Select(c => new { c.Id, c.Section, c.EntryYear, c.Number }).ToListAsync(cancellationToken);
        Classes = classes.Select(c => new SelectListItem(labels.ClassName(c.Section, c.EntryYear, c.Number, ThisYear), c.Id.ToString(), c.Id == ClassId)).ToList();

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var number = Student.NormaliseNumber(q);
            students = students.Where(s => s.Name.Contains(q) || s.StudentNumber == number);
        }

        if (ClassId is not null)
        {
            students = students.Where(s => s.ClassId == ClassId);
        }

        if (Flag is { } flag && flag != KeyPopulations.None)
        {
            students = students.Where(s => (s.KeyPopulations & flag) != 0);
        }

        var withWarning = students.Select(s => new
        {
            Student = s,
            Warning = db.ScreeningResults
                .Where(r => r.StudentId == s.Id && !r.IsSuperseded && !r.Invalid)
                .OrderByDescending(r => r.TakenOn).ThenByDescending(r => r.Id)
                .Select(r => (WarningLevel?)r.Warning)
                .FirstOrDefault(),
        });
        if (Warning == "any")
        {
            withWarning = withWarning.Where(x => x.Warning != null && x.Warning != WarningLevel.None);
        }
        else if (Enum.TryParse<WarningLevel>(Warning, out var level))
        {
            withWarning = withWarning.Where(x => x.Warning == level);
        }

        var total = await withWarning.CountAsync(cancellationToken);
        Pager = new Pager(PageNumber, PageSize, total, "/Students", new Dictionary<string, string?>
        {
            ["classId"] = ClassId?.ToString(), ["flag"] = Flag?.ToString(), ["warning"] = Warning, ["sort"] = Sort,
        })
        {
            // A search holds a name: the pager and sort headers re-post the search form rather than link.
            PostForm = string.IsNullOrWhiteSpace(Q) ? null : "students-search",
        };

        // Entry year descending = the lower grade first, as the class lists are ordered.
        var joined = withWarning.Join(db.SchoolClasses, x => x.Student.ClassId, c => c.Id, (x, c) => new { x.Student, x.Warning, Class = c });
        var sorted = CurrentSort switch
        {
            "name" => joined.OrderBy(x => x.Student.Name).ThenBy(x => x.Student.Id),
            "name-desc" => joined.OrderByDescending(x => x.Student.Name).ThenBy(x => x.Student.Id),
            "class" => joined.OrderBy(x => x.Class.Section).ThenByDescending(x => x.Class.EntryYear).ThenBy(x => x.Class.Number)
                .ThenBy(x => x.Student.Name).ThenBy(x => x.Student.Id),
            "class-desc" => joined.OrderByDescending(x => x.Class.Section).ThenBy(x => x.Class.EntryYear).ThenByDescending(x => x.Class.Number)
                .ThenBy(x => x.Student.Name).ThenBy(x => x.Student.Id),
            // Level 1 is the most serious; no warning (or no result) ranks after level 3.
            "warning-desc" => joined.OrderByDescending(x => x.Warning == null || x.Warning == WarningLevel.None ? 9 : (int)x.Warning)
                .ThenBy(x => x.Student.ClassId).ThenBy(x => x.Student.Name).ThenBy(x => x.Student.Id),
            _ => joined.OrderBy(x => x.Warning == null || x.Warning == WarningLevel.None ? 9 : (int)x.Warning)
                .ThenBy(x => x.Student.ClassId).ThenBy(x => x.Student.Name).ThenBy(x => x.Student.Id),
        };
        Rows = await sorted
            .Skip(Pager.Skip).Take(PageSize)
            .Select(x => new Row(
                x.Student.Id, x.Student.StudentNumber, x.Student.Name, x.Student.Gender, x.Class.Section, x.Class.EntryYear, x.Class.Number,
                x.Student.KeyPopulations, x.Warning,
                db.ScreeningResults.Any(r => r.StudentId == x.Student.Id && r.DecisionState == TierDecisionState.Pending && !r.IsSuperseded)))
            .ToListAsync(cancellationToken);
    }
}
