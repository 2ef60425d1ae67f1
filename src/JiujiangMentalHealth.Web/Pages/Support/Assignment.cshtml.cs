using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Support;

/// <summary>
/// 帮扶档案 — one assignment: its team, its history of tiers and teams (动态心理建档) and its
/// follow-ups. Team members log follow-ups as themselves: the signed-in account must be linked to a
/// staff member on the team (no one logs on someone else's behalf). School leaders and psychology
/// teachers reassess and close; a tier-1 closure is signed off by a school leader. Every change
/// round-trips the row version, so a second concurrent save is refused and nothing is overwritten.
/// </summary>
public class AssignmentModel(
    AppDbContext db, SupportTeams teams, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock)
    : PageModel
{
    /// <summary>The kinds of follow-up: the talks and home visit of R6, and a counselling session.</summary>
    public static readonly string[] FollowUpKinds = [.. Enum.GetNames<TalkKind>(), "Counselling"];

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The tier the reassessment form is laid out for (defaults to the current tier).</summary>
    [BindProperty(SupportsGet = true)]
    public int? ReassessTier { get; set; }

    [BindProperty]
    public uint RowVersion { get; set; }

    private bool _keepSeats;

    public FollowUpInput Log { get; set; } = new();

    public ReassessInput Reassess { get; set; } = new();

    public CloseInput Closure { get; set; } = new();

    public SupportAssignment Assignment { get; private set; } = null!;

    public string StudentName { get; private set; } = "";

    public string ClassName { get; private set; } = "";

    public IReadOnlyDictionary<int, string> StaffNames { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<TeamCandidate> Candidates { get; private set; } = [];

    public ReviewCadence Cadence { get; private set; } = new();

    public DateOnly Today { get; private set; }

    public bool IsMember { get; private set; }

    public bool CanManage { get; private set; }

    public bool IsLeader { get; private set; }

    public sealed class FollowUpInput
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_TalkKind")]
        public string? Kind { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_OccurredOn")]
        public DateOnly? On { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Summary")]
        [StringLength(2000, ErrorMessage = "Validation_StringLength")]
        public string Summary { get; set; } = "";

        [Display(Name = "Support_NextStep")]
        [StringLength(500, ErrorMessage = "Validation_StringLength")]
        public string? NextStep { get; set; }
    }

    public sealed class ReassessInput
    {
        public int Tier { get; set; }

        public TeamInput Seats { get; set; } = new();

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Support_ReassessReason")]
        [StringLength(500, ErrorMessage = "Validation_StringLength")]
        public string Reason { get; set; } = "";
    }

    public sealed class CloseInput
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Support_ClosureReason")]
        [StringLength(500, ErrorMessage = "Validation_StringLength")]
        public string Reason { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Support_Outcome")]
        [StringLength(500, ErrorMessage = "Validation_StringLength")]
        public string Outcome { get; set; } = "";

        [Display(Name = "Support_SignOff")]
        public bool SignOff { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // Tracked, so the row version (a shadow property) is read with it.
        var assignment = await db.AssignmentsOf(User).AsSplitQuery()
            .Include(a => a.Members).Include(a => a.Changes).Include(a => a.FollowUps)
            .SingleOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (assignment is null)
        {
            await audit.RecordAsync("view", "support", Id, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        RowVersion = db.Entry(assignment).Property<uint>(nameof(RowVersion)).CurrentValue;
        await LoadAsync(assignment, cancellationToken);
        await audit.RecordAsync("view", "support", Id, cancellationToken: cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostFollowUpAsync(FollowUpInput log, CancellationToken cancellationToken)
    {
        Log = log;
        if (log.Kind is not null && !FollowUpKinds.Contains(log.Kind))
        {
            ModelState.AddModelError("log.Kind", t["Validation_Choose", t["Field_TalkKind"]]);
        }

        var mine = await db.StaffIdsOf(User).ToListAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        return await ChangeAsync("change", false, a =>
        {
            // The follow-up is the signed-in member's own: their staff record on this team.
            var staffId = mine.FirstOrDefault(id => a.Members.Any(m => m.StaffMemberId == id));
            a.LogFollowUp(staffId, log.On!.Value, log.Kind!, log.Summary, log.NextStep, User.Identity!.Name!, today);
            return t["Support_FollowUpLogged"].Value;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostReassessAsync(ReassessInput reassess, CancellationToken cancellationToken)
    {
        Reassess = reassess;
        ReassessTier = reassess.Tier;
        _keepSeats = true;
        var candidates = await CandidatesForAsync(cancellationToken);
        // R7: a student with an open crisis event stays on tier 1 until the event is closed.
        var openCrisis = await db.CrisisEvents.AsNoTracking().Include(e => e.Steps)
            .Where(e => db.SupportAssignments.Any(a => a.Id == Id && a.StudentId == e.StudentId))
            .ToListAsync(cancellationToken);
        var inCrisis = openCrisis.Any(e => e.IsOpen);
        return await ChangeAsync("change", true, a =>
        {
            if (reassess.Tier != 1 && inCrisis)
            {
                throw new DomainRuleException("Support_OpenCrisisKeepsTier1");
            }

            var team = SupportTeams.Check(reassess.Tier, a.SchoolId, candidates, reassess.Seats.Chosen(reassess.Tier, candidates));
            a.Reassess(reassess.Tier, team, ChinaTime.Today(clock), User.Identity!.Name!, reassess.Reason);
            return t["Support_Reassessed", t["Tier_" + a.Tier]].Value;
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostCloseAsync(CloseInput closure, CancellationToken cancellationToken)
    {
        Closure = closure;
        return ChangeAsync("close", true, a =>
        {
            // The sign-off is the signed-in user's own: only a school leader can give it.
            var signedOff = closure.SignOff && User.IsInRole(Roles.SchoolLeader) ? User.Identity!.Name : null;
            a.Close(closure.Reason, closure.Outcome, ChinaTime.Today(clock), User.Identity!.Name!, signedOff);
            return t["Support_Closed"].Value;
        }, cancellationToken);
    }

    /// <summary>Loads the assignment for change, applies <paramref name="change"/> and saves it against the row version the form was shown with.</summary>
    private async Task<IActionResult> ChangeAsync(string action, bool managersOnly, Func<SupportAssignment, string> change, CancellationToken cancellationToken)
    {
        var assignment = await db.AssignmentsOf(User).AsSplitQuery()
            .Include(a => a.Members).Include(a => a.Changes).Include(a => a.FollowUps)
            .SingleOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (assignment is null)
        {
            await audit.RecordAsync(action, "support", Id, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        if (managersOnly && !User.ManagesSupport())
        {
            await audit.RecordAsync(action, "support", Id, AuditLog.Denied, cancellationToken);
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            try
            {
                // A form shown before someone else's save is refused at once, before any rule is checked
                // against the newer state; the original value also guards the moment between read and write.
                if (db.Entry(assignment).Property<uint>(nameof(RowVersion)).CurrentValue != RowVersion)
                {
                    throw new DbUpdateConcurrencyException();
                }

                db.Entry(assignment).Property(nameof(RowVersion)).OriginalValue = RowVersion;
                var message = change(assignment);
                // Always update the assignment's row, so its xmin is checked even when only a member or follow-up row changes.
                db.Entry(assignment).Property(a => a.Tier).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
                await audit.RecordAsync(action, "support", Id, cancellationToken: cancellationToken);
                TempData["Message"] = message;
                return Redirect($"/Support/Assignment/{Id}");
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError("", labels.RuleViolation(e));
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            }
        }

        // Nothing of this request is saved: show the assignment as it now stands, with the user's input kept.
        db.ChangeTracker.Clear();
        var current = await db.SupportAssignments.AsNoTracking().AsSplitQuery()
            .Include(a => a.Members).Include(a => a.Changes).Include(a => a.FollowUps)
            .SingleAsync(a => a.Id == Id, cancellationToken);
        await LoadAsync(current, cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<TeamCandidate>> CandidatesForAsync(CancellationToken cancellationToken)
    {
        var studentId = await db.AssignmentsOf(User).Where(a => a.Id == Id).Select(a => (int?)a.StudentId).SingleOrDefaultAsync(cancellationToken);
        return studentId is { } id ? await teams.CandidatesAsync(id, cancellationToken) : [];
    }

    private async Task LoadAsync(SupportAssignment assignment, CancellationToken cancellationToken)
    {
        Assignment = assignment;
        Today = ChinaTime.Today(clock);
        Cadence = await SupportAccess.CadenceAsync(db, cancellationToken);
        CanManage = User.ManagesSupport();
        IsLeader = User.IsInRole(Roles.SchoolLeader);
        var mine = await db.StaffIdsOf(User).ToListAsync(cancellationToken);
        IsMember = assignment.Members.Any(m => mine.Contains(m.StaffMemberId));
        if (ReassessTier is not (>= 1 and <= 3))
        {
            ReassessTier = assignment.Tier;
        }

        if (Reassess.Tier is not (>= 1 and <= 3))
        {
            Reassess.Tier = ReassessTier.Value;
        }

        var student = await db.Students.Where(s => s.Id == assignment.StudentId)
            .Join(db.SchoolClasses, s => s.ClassId, c => c.Id, (s, c) => new { s.Name, c.Section, c.EntryYear, c.Number })
            .SingleAsync(cancellationToken);
        StudentName = student.Name;
        ClassName = labels.ClassName(student.Section, student.EntryYear, student.Number, SchoolYear.Containing(Today));

        var ids = assignment.Members.Select(m => m.StaffMemberId)
            .Concat(assignment.FollowUps.Select(f => f.StaffMemberId))
            .Concat(assignment.Changes.SelectMany(c => c.Team).Select(Seat).Select(s => s.StaffMemberId))
            .Distinct().ToList();
        StaffNames = await db.StaffMembers.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        Candidates = CanManage && assignment.Status == AssignmentStatus.Active
            ? await teams.CandidatesAsync(assignment.StudentId, cancellationToken)
            : [];
        Log.On ??= Today;
        if (!_keepSeats && Candidates.Count > 0)
        {
            Reassess.Seats = TeamInput.Propose(Reassess.Tier, Candidates, assignment.Members);
        }
    }

    /// <summary>One seat of a history entry's team, stored as "role:staffId".</summary>
    public static TeamSeat Seat(string stored)
    {
        var parts = stored.Split(':');
        return new TeamSeat(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), (TeamRole)int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public string NameOf(int staffMemberId) => StaffNames.TryGetValue(staffMemberId, out var name) ? name : "#" + staffMemberId;

    public string KindLabel(string kind) => kind == "Counselling" ? t["Support_Counselling"] : t["TalkKind_" + kind];
}
