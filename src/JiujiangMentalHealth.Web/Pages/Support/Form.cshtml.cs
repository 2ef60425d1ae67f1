using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// 建立帮扶团队 — a school leader or psychology teacher puts a student on a tier with a team, one
/// select per role the tier needs (三包一 / 二包一 / 一对一). The tier defaults to the student's latest
/// confirmed tier, else the latest suggestion. A student already on an active assignment is sent to
/// reassess it instead.
/// </summary>
public class FormModel(AppDbContext db, SupportTeams teams, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int StudentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Tier { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string StudentName { get; private set; } = "";

    public string ClassName { get; private set; } = "";

    public IReadOnlyList<TeamCandidate> Candidates { get; private set; } = [];

    public sealed class InputModel
    {
        public TeamInput Seats { get; set; } = new();

        [Display(Name = "Support_StartReason")]
        [StringLength(500, ErrorMessage = "Validation_StringLength")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var student = await FindStudentAsync("view", cancellationToken);
        if (student is null)
        {
            return NotFound();
        }

        if (await ActiveAsync(cancellationToken) is { } active)
        {
            return Redirect($"/Support/Assignment/{active}?reassessTier={Tier ?? 0}#reassess");
        }

        Tier = Tier is >= 1 and <= 3 ? Tier : await DefaultTierAsync(cancellationToken);
        await LoadAsync(student.Value, cancellationToken);
        Input.Seats = TeamInput.Propose(Tier.Value, Candidates, null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var student = await FindStudentAsync("create", cancellationToken);
        if (student is null)
        {
            return NotFound();
        }

        if (await ActiveAsync(cancellationToken) is { } existing)
        {
            return Redirect($"/Support/Assignment/{existing}?reassessTier={Tier ?? 0}#reassess");
        }

        Tier ??= 0;
        await LoadAsync(student.Value, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var team = SupportTeams.Check(Tier.Value, student.Value.SchoolId, Candidates, Input.Seats.Chosen(Tier.Value, Candidates));
            var assignment = await teams.PlaceAsync(StudentId, student.Value.SchoolId, Tier.Value, team, Input.Reason ?? "", User.Identity!.Name!, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "support", assignment.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Support_Started", StudentName, t["Tier_" + Tier.Value]].Value;
            return Redirect($"/Support/Assignment/{assignment.Id}");
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", labels.RuleViolation(e));
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone started an assignment for the student at the same moment.
            db.ChangeTracker.Clear();
            if (await ActiveAsync(cancellationToken) is { } other)
            {
                TempData["Message"] = t["Support_AlreadyActive"].Value;
                return Redirect($"/Support/Assignment/{other}");
            }

            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
        }

        if (Tier is < 1 or > 3)
        {
            Tier = await DefaultTierAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>The student, if the user may start support for them (leaders and psychology teachers of the school); audited when refused.</summary>
    private async Task<(int SchoolId, int ClassId)?> FindStudentAsync(string action, CancellationToken cancellationToken)
    {
        var student = User.ManagesSupport()
            ? await db.StudentsOf(User).Where(s => s.Id == StudentId).Select(s => new { s.SchoolId, s.ClassId, s.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (student is null)
        {
            await audit.RecordAsync(action, "support", "student:" + StudentId, AuditLog.Denied, cancellationToken);
            return null;
        }

        StudentName = student.Name;
        return (student.SchoolId, student.ClassId);
    }

    private Task<long?> ActiveAsync(CancellationToken cancellationToken) =>
        db.SupportAssignments.Where(a => a.StudentId == StudentId && a.Status == AssignmentStatus.Active)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The latest confirmed or overridden tier (1–3) of the student's results, else the latest suggestion, else tier 3.</summary>
    private async Task<int> DefaultTierAsync(CancellationToken cancellationToken)
    {
        var results = db.ScreeningResults.Where(r => r.StudentId == StudentId && !r.IsSuperseded);
        var decided = await results.Where(r => r.DecidedTier >= 1 && r.DecidedTier <= 3)
            .OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id).Select(r => r.DecidedTier).FirstOrDefaultAsync(cancellationToken);
        var suggested = decided ?? await results.Where(r => r.SuggestedTier >= 1 && r.SuggestedTier <= 3)
            .OrderByDescending(r => r.TakenOn).ThenByDescending(r => r.Id).Select(r => r.SuggestedTier).FirstOrDefaultAsync(cancellationToken);
        return suggested ?? 3;
    }

    private async Task LoadAsync((int SchoolId, int ClassId) student, CancellationToken cancellationToken)
    {
        var thisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        var schoolClass = await db.SchoolClasses.Where(c => c.Id == student.ClassId)
            .Select(c => new { c.Section, c.EntryYear, c.Number }).SingleAsync(cancellationToken);
        ClassName = labels.ClassName(schoolClass.Section, schoolClass.EntryYear, schoolClass.Number, thisYear);
        Candidates = await teams.CandidatesAsync(StudentId, cancellationToken);
    }
}
