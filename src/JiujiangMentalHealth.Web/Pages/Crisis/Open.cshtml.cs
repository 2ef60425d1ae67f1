using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using JiujiangMentalHealth.Web.Pages.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Crisis;

/// <summary>
/// 启动危机干预 — opens a crisis event for a student (from the file, or from a PHQ-9 item-9 result)
/// with its first step, 发现识别, and puts the student on tier 1 at once with a 三包一 team; all in
/// one transaction. A pending tier suggestion of the raising result is confirmed with it.
/// </summary>
public class OpenModel(AppDbContext db, SupportTeams supportTeams, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int StudentId { get; set; }

    /// <summary>The PHQ-9 result with item 9 positive that raised the event, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public long? ResultId { get; set; }

    [BindProperty]
    [Display(Name = "Crisis_IdentifiedOn")]
    [Required(ErrorMessage = "Validation_Required")]
    public DateOnly? OpenedOn { get; set; }

    [BindProperty]
    [Display(Name = "Crisis_IdentifiedNotes")]
    [Required(ErrorMessage = "Validation_Required")]
    [StringLength(2000, ErrorMessage = "Validation_StringLength")]
    public string? Notes { get; set; }

    /// <summary>The tier-1 team: one staff member per role.</summary>
    [BindProperty]
    public Dictionary<TeamRole, int?> Team { get; set; } = [];

    public string StudentName { get; private set; } = "";

    public ScreeningResult? Result { get; private set; }

    public IReadOnlyList<TeamCandidate> Candidates { get; private set; } = [];

    public IReadOnlyList<TeamRole> TeamRoles { get; } = SupportTeam.RequiredRoles(1);

    /// <summary>An event of this student that is still open, if any: a second one is not opened.</summary>
    public long? OpenEventId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        OpenedOn ??= Result?.TakenOn ?? ChinaTime.Today(clock);
        var current = await db.SupportAssignments.AsNoTracking().Where(a => a.StudentId == StudentId && a.Status == AssignmentStatus.Active)
            .SelectMany(a => a.Members).ToListAsync(cancellationToken);
        Team = SupportTeams.Proposal(1, Candidates, current).ToDictionary(p => p.Key, p => p.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (OpenEventId is not null)
        {
            ModelState.AddModelError("", t["Crisis_AlreadyOpen"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var schoolId = User.Scope().SchoolId!.Value;
        var by = User.Identity!.Name!;
        var today = ChinaTime.Today(clock);
        CrisisEvent? crisis = null;
        try
        {
            var team = SupportTeams.Check(1, schoolId, Candidates, TeamRoles.ToDictionary(r => r, r => Team.GetValueOrDefault(r)));
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                crisis = CrisisEvent.Open(StudentId, schoolId, OpenedOn!.Value, by, Notes ?? "", ResultId, today);
                db.CrisisEvents.Add(crisis);
                await supportTeams.PlaceAsync(StudentId, schoolId, 1, team, CrisisAccess.PlacementReason, by, cancellationToken);
                if (ResultId is not null)
                {
                    var result = await db.ScreeningResults.SingleAsync(r => r.Id == ResultId, cancellationToken);
                    if (result.AwaitsDecision)
                    {
                        result.Confirm(by, clock.GetUtcNow());
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", labels.RuleViolation(e));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another support assignment was started for the student at the same moment.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }

        await audit.RecordAsync("create", "crisis", crisis!.Id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Crisis_Opened", StudentName].Value;
        return Redirect($"/Crisis/Event/{crisis.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var student = CrisisAccess.Allowed(User)
            ? await db.StudentsOf(User).AsNoTracking().Where(s => s.Id == StudentId).Select(s => new { s.Id, s.Name, s.SchoolId }).SingleOrDefaultAsync(cancellationToken)
            : null;
        Result = student is null || ResultId is null ? null
            : await db.ScreeningResults.AsNoTracking().SingleOrDefaultAsync(
                r => r.Id == ResultId && r.StudentId == StudentId && r.Instrument == Instrument.Phq9 && r.Crisis, cancellationToken);
        if (student is null || (ResultId is not null && Result is null))
        {
            await audit.RecordAsync(Request.Method == "GET" ? "view" : "create", "crisis", null, AuditLog.Denied, cancellationToken);
            return false;
        }

        StudentName = student.Name;
        Candidates = await supportTeams.CandidatesAsync(StudentId, cancellationToken);
        OpenEventId = await db.CrisisEvents.Where(c => c.StudentId == StudentId && !c.Steps.Any(s => s.Step == CrisisStep.Closed))
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return true;
    }
}
