using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Crisis;
using JiujiangMentalHealth.Web.Pages.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Todo;

/// <summary>
/// 我的待办 — what needs doing at the school: overdue reviews (tier 1 first), tier suggestions no
/// counsellor has decided, open crisis events by step, tier-1 students whose team no longer fills the
/// tier, and the emergency plan when it is not current. Head teachers see only their own students and
/// the teams they sit on, and never crisis events.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    public const int SuggestionsShown = 20;

    public bool WholeSchool { get; private set; }

    public bool SeesCrises { get; private set; }

    public ReviewCadence Cadence { get; private set; } = new();

    public IReadOnlyList<OverdueRow> Overdue { get; private set; } = [];

    public int SuggestionCount { get; private set; }

    public IReadOnlyList<SuggestionRow> Suggestions { get; private set; } = [];

    public IReadOnlyList<IGrouping<CrisisStep, CrisisRow>> Crises { get; private set; } = [];

    public IReadOnlyList<TeamRow> IncompleteTeams { get; private set; } = [];

    /// <summary>Set when the school's emergency plan is missing or not current (leaders and counsellors only).</summary>
    public PlanState? Plan { get; private set; }

    /// <summary>Correction/deletion requests waiting for a decision: a school leader's to-do (the law sets a time limit).</summary>
    public int PendingDataRequests { get; private set; }

    public bool NothingToDo => Overdue.Count == 0 && SuggestionCount == 0 && Crises.Count == 0 && IncompleteTeams.Count == 0 && Plan is null && PendingDataRequests == 0;

    public sealed record OverdueRow(long AssignmentId, int StudentId, string Name, string ClassName, int Tier, IReadOnlyList<string> Team,
        DateOnly? LastFollowUpOn, DateOnly Due, int DaysOverdue);

    public sealed record SuggestionRow(long ResultId, int StudentId, string Name, string ClassName, Instrument Instrument, DateOnly TakenOn,
        WarningLevel Warning, bool Crisis, int SuggestedTier);

    public sealed record CrisisRow(long Id, int StudentId, string Name, string ClassName, DateOnly OpenedOn, CrisisStep Current, DateOnly CurrentOn, CrisisStep Next);

    public sealed record TeamRow(long AssignmentId, int StudentId, string Name, string ClassName, IReadOnlyList<string> Team, string Problem);

    public sealed record PlanState(bool Exists, string? Version, DateOnly? LastReviewedOn);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Lists of students are views of their data too (R11).
        await audit.RecordAsync("list", "student", null, cancellationToken: cancellationToken);

        var today = ChinaTime.Today(clock);
        var thisYear = SchoolYear.Containing(today);
        var schoolId = User.Scope().SchoolId;
        Cadence = await SupportAccess.CadenceAsync(db, cancellationToken);
        WholeSchool = User.SeesWholeSchool();
        SeesCrises = CrisisAccess.Allowed(User);
        if (User.IsInRole(Roles.SchoolLeader))
        {
            PendingDataRequests = await db.PersonalDataRequests.CountAsync(
                r => r.SchoolId == schoolId && r.State == PersonalDataRequestState.Pending, cancellationToken);
        }

        // 1. Active assignments the user may see (whole school, or a head teacher's students and teams), with their teams.
        var assignments = await db.AssignmentsOf(User).AsNoTracking()
            .Where(a => a.Status == AssignmentStatus.Active)
            .Include(a => a.Members)
            .ToListAsync(cancellationToken);
        var overdue = assignments.Where(a => a.IsOverdue(today, Cadence)).ToList();
        var tier1 = WholeSchool ? assignments.Where(a => a.Tier == 1).ToList() : [];

        // 2. Pending tier suggestions of the students the user may see.
        var pending = db.ScreeningResults.Where(r => r.SchoolId == schoolId && r.DecisionState == TierDecisionState.Pending && !r.IsSuperseded
                                                     && db.StudentsOf(User).Any(s => s.Id == r.StudentId));
        SuggestionCount = await pending.CountAsync(cancellationToken);
        var suggestions = await pending
            .OrderByDescending(r => r.Crisis).ThenBy(r => r.SuggestedTier).ThenByDescending(r => r.TakenOn).ThenBy(r => r.Id)
            .Take(SuggestionsShown)
            .Select(r => new { r.Id, r.StudentId, r.Instrument, r.TakenOn, r.Warning, r.Crisis, Tier = r.SuggestedTier!.Value })
            .ToListAsync(cancellationToken);

        // 3. Open crisis events of the school: leaders and psychology teachers only.
        var crises = SeesCrises
            ? await db.CrisisEvents.AsNoTracking()
                .Where(e => e.SchoolId == schoolId && !e.Steps.Any(s => s.Step == CrisisStep.Closed))
                .Include(e => e.Steps)
                .ToListAsync(cancellationToken)
            : [];

        // 4. The staff on the teams shown (names; for tier 1 also whether they still fill their seats).
        var shown = overdue.Concat(tier1).ToList();
        var staffIds = shown.SelectMany(a => a.Members).Select(m => m.StaffMemberId).Distinct().ToList();
        var staff = await db.StaffMembers.AsNoTracking().Include(m => m.Classes)
            .Where(m => staffIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, cancellationToken);

        // 5. Names and classes of every student listed, in one query.
        var studentIds = shown.Select(a => a.StudentId).Concat(suggestions.Select(s => s.StudentId)).Concat(crises.Select(c => c.StudentId)).Distinct().ToList();
        var students = await db.Students.Where(s => studentIds.Contains(s.Id))
            .Join(db.SchoolClasses, s => s.ClassId, c => c.Id, (s, c) => new { s.Id, s.Name, s.SchoolId, s.ClassId, c.Section, c.EntryYear, c.Number })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        string ClassOf(int studentId) => students.TryGetValue(studentId, out var s) ? labels.ClassName(s.Section, s.EntryYear, s.Number, thisYear) : "";
        string NameOf(int studentId) => students.TryGetValue(studentId, out var s) ? s.Name : "#" + studentId;
        IReadOnlyList<string> TeamOf(SupportAssignment a) => a.Members.OrderBy(m => m.Role)
            .Select(m => $"{t["TeamRole_" + m.Role]}：{(staff.TryGetValue(m.StaffMemberId, out var p) ? p.Name : "#" + m.StaffMemberId)}")
            .ToList();

        Overdue = overdue
            .Select(a => new OverdueRow(a.Id, a.StudentId, NameOf(a.StudentId), ClassOf(a.StudentId), a.Tier, TeamOf(a), a.LastFollowUpOn,
                a.NextReviewDue(Cadence), today.DayNumber - a.NextReviewDue(Cadence).DayNumber))
            .OrderBy(r => r.Tier).ThenByDescending(r => r.DaysOverdue).ThenBy(r => r.Name)
            .ToList();

        Suggestions = suggestions
            .Select(r => new SuggestionRow(r.Id, r.StudentId, NameOf(r.StudentId), ClassOf(r.StudentId), r.Instrument, r.TakenOn, r.Warning, r.Crisis, r.Tier))
            .ToList();

        Crises = crises
            .Where(e => e.NextStep is not null)
            .Select(e =>
            {
                var current = e.Steps.MaxBy(s => s.Step)!;
                return new CrisisRow(e.Id, e.StudentId, NameOf(e.StudentId), ClassOf(e.StudentId), e.OpenedOn, current.Step, current.On, e.NextStep!.Value);
            })
            .OrderBy(r => r.OpenedOn).ThenBy(r => r.Id)
            .GroupBy(r => r.Current)
            .OrderBy(g => g.Key)
            .ToList();

        IncompleteTeams = tier1
            .Select(a => (Assignment: a, Problem: TeamProblem(a, students.TryGetValue(a.StudentId, out var s) ? s.ClassId : 0, staff, today)))
            .Where(x => x.Problem is not null)
            .Select(x => new TeamRow(x.Assignment.Id, x.Assignment.StudentId, NameOf(x.Assignment.StudentId), ClassOf(x.Assignment.StudentId), TeamOf(x.Assignment), x.Problem!))
            .OrderBy(r => r.Name)
            .ToList();

        if (WholeSchool && schoolId is not null)
        {
            var plan = await db.EmergencyPlans.AsNoTracking().SingleOrDefaultAsync(p => p.SchoolId == schoolId, cancellationToken);
            Plan = plan is null ? new PlanState(false, null, null)
                : plan.IsCurrent(today) ? null
                : new PlanState(true, plan.Version, plan.LastReviewedOn ?? plan.ApprovedOn);
        }
    }

    /// <summary>Why a tier-1 team no longer fills its tier, by the domain's own rule (e.g. a member left the school); null when it does.</summary>
    private string? TeamProblem(SupportAssignment assignment, int classId, Dictionary<int, Domain.Workforce.StaffMember> staff, DateOnly today)
    {
        var seats = assignment.Members
            .Select(m => (m.Role, staff.TryGetValue(m.StaffMemberId, out var p)
                ? new TeamCandidate(p.Id, p.Name, p.SchoolId, p.IsActiveOn(today), p.IsSchoolLeader,
                    p.Classes.Any(c => c.ClassId == classId), p.PsychologyPost != Domain.Workforce.PsychologyPost.None, p.IsKeyTeacher)
                : null))
            .ToList();
        try
        {
            SupportTeam.Check(assignment.Tier, assignment.SchoolId, seats);
            return null;
        }
        catch (DomainRuleException e)
        {
            return e.Code switch
            {
                "Team_MissingRole" or "Team_WrongSchool" or "Team_RoleNotHeld" or "Team_DuplicatePerson" =>
                    t["Todo_Team_" + e.Code, e.Arguments.Select(a => a is Enum ? (object)t[$"{a.GetType().Name}_{a}"].Value : a).ToArray()],
                _ => labels.RuleViolation(e),
            };
        }
    }
}
