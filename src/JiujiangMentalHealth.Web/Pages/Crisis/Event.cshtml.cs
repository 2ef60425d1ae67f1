using System.ComponentModel.DataAnnotations;
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

namespace JiujiangMentalHealth.Web.Pages.Crisis;

/// <summary>
/// 危机事件 — one event's steps in order (who, when, notes; 不适用 with its reason; the green-channel
/// referral), and forms for the next step only. The domain refuses any other step; a save over a
/// stale page (xmin) is refused with the conflict message and nothing is saved.
/// </summary>
public class EventModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public StepInput Input { get; set; } = new();

    [BindProperty]
    public NotApplicableInput Skip { get; set; } = new();

    public CrisisEvent Event { get; private set; } = null!;

    public string StudentName { get; private set; } = "";

    public uint RowVersion { get; private set; }

    /// <summary>The next step to record, null once closed.</summary>
    public CrisisStep? Next => Event.NextStep;

    public bool MayMarkNotApplicable => Next is { } next && next is not (CrisisStep.Identified or CrisisStep.Closed);

    public sealed class StepInput
    {
        /// <summary>The step the user means to record: anything but the next one is refused by the domain.</summary>
        public CrisisStep Step { get; set; }

        [Display(Name = "Crisis_StepOn")]
        [Required(ErrorMessage = "Validation_Required")]
        public DateOnly? On { get; set; }

        [Display(Name = "Crisis_StepNotes")]
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(2000, ErrorMessage = "Validation_StringLength")]
        public string? Notes { get; set; }

        [Display(Name = "Crisis_Hospital")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string? Hospital { get; set; }

        [Display(Name = "Crisis_Department")]
        [StringLength(50, ErrorMessage = "Validation_StringLength")]
        public string? Department { get; set; }

        [Display(Name = "Crisis_ReferredOn")]
        public DateOnly? ReferredOn { get; set; }

        public uint RowVersion { get; set; }
    }

    public sealed class NotApplicableInput
    {
        public CrisisStep Step { get; set; }

        [Display(Name = "Crisis_StepOn")]
        [Required(ErrorMessage = "Validation_Required")]
        public DateOnly? On { get; set; }

        [Display(Name = "Crisis_NotApplicableReason")]
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(2000, ErrorMessage = "Validation_StringLength")]
        public string? Reason { get; set; }

        public uint RowVersion { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync("view", cancellationToken))
        {
            return NotFound();
        }

        var today = ChinaTime.Today(clock);
        Input = new StepInput { Step = Next ?? CrisisStep.Closed, On = today, ReferredOn = today, RowVersion = RowVersion };
        Skip = new NotApplicableInput { Step = Next ?? CrisisStep.Closed, On = today, RowVersion = RowVersion };
        await audit.RecordAsync("view", "crisis", Id, cancellationToken: cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        TryValidateModel(Input, nameof(Input));
        if (!await LoadAsync("change", cancellationToken))
        {
            return NotFound();
        }

        return await SaveAsync(Input.RowVersion, ModelState.IsValid ? () =>
        {
            var referral = Input.Step == CrisisStep.Referred ? new Referral(Input.Hospital ?? "", Input.Department, Input.ReferredOn ?? Input.On!.Value) : null;
            Event.Record(Input.Step, Input.On!.Value, User.Identity!.Name!, Input.Notes ?? "", referral, ChinaTime.Today(clock));
        }
        : null, cancellationToken);
    }

    public async Task<IActionResult> OnPostNotApplicableAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        TryValidateModel(Skip, nameof(Skip));
        if (!await LoadAsync("change", cancellationToken))
        {
            return NotFound();
        }

        return await SaveAsync(Skip.RowVersion, ModelState.IsValid
            ? () => Event.MarkNotApplicable(Skip.Step, Skip.On!.Value, User.Identity!.Name!, Skip.Reason ?? "", ChinaTime.Today(clock))
            : null, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(uint postedVersion, Action? change, CancellationToken cancellationToken)
    {
        if (change is null)
        {
            return Page();
        }

        try
        {
            // The page was read before someone else's save: refuse rather than act on a stale view.
            if (postedVersion != RowVersion)
            {
                throw new DbUpdateConcurrencyException();
            }

            change();
            // A step is a new row of crisis_steps; the event row is touched too, so a concurrent save
            // of the same event fails its xmin check and nothing of it is written.
            var entry = db.Entry(Event);
            entry.Property(nameof(RowVersion)).OriginalValue = postedVersion;
            entry.Property(e => e.OpenedOn).IsModified = true;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
            await ReloadAsync(cancellationToken);
            return Page();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            await ReloadAsync(cancellationToken);
            return Page();
        }

        await audit.RecordAsync("change", "crisis", Id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Crisis_StepSaved", t["CrisisStep_" + Event.Steps.Max(s => s.Step)].Value].Value;
        return Redirect($"/Crisis/Event/{Id}");
    }

    /// <summary>Shows what is saved now (the refused step is not), keeping what the user typed in the forms.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Event = await db.CrisisEvents.AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.Id == Id, cancellationToken);
        var today = ChinaTime.Today(clock);
        Input.On ??= today;
        Skip.On ??= today;
    }

    private async Task<bool> LoadAsync(string action, CancellationToken cancellationToken)
    {
        var crisis = await db.CrisisEvents.Include(c => c.Steps).SingleOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (crisis is null || !CrisisAccess.MaySee(User, crisis))
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(action, "crisis", Id, AuditLog.Denied, cancellationToken);
            return false;
        }

        Event = crisis;
        RowVersion = db.Entry(crisis).Property<uint>(nameof(RowVersion)).CurrentValue;
        StudentName = await db.Students.Where(s => s.Id == crisis.StudentId).Select(s => s.Name).SingleAsync(cancellationToken);
        return true;
    }
}
