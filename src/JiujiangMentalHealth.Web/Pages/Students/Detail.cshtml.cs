using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Persistence.Configurations;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>
/// 一生一档 — one student's file: profile, family situation and a single timeline of screenings,
/// tier decisions, talks and home visits. Every view is audited; a file outside the user's scope is
/// "not found" and audited as denied.
/// </summary>
public class DetailModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public Student Student { get; private set; } = null!;

    public SchoolYear ThisYear { get; private set; }

    public (SchoolSection Section, int EntryYear, int Number) Class { get; private set; }

    public string SchoolName { get; private set; } = "";

    public IReadOnlyList<string> HeadTeachers { get; private set; } = [];

    public IReadOnlyList<ScreeningResult> Results { get; private set; } = [];

    public IReadOnlyList<Talk> Talks { get; private set; } = [];

    public IReadOnlyList<Entry> Timeline { get; private set; } = [];

    public bool CanDecide { get; private set; }

    /// <summary>A head teacher who sees the student only through the support team reads the file but does not change the profile.</summary>
    public bool CanEditProfile { get; private set; }

    /// <summary>Crisis notes are for the school's leaders and psychology teachers only.</summary>
    public bool SeesCrisisNotes { get; private set; }

    public long? ActiveAssignmentId { get; private set; }

    /// <summary>查阅记录 — who opened or changed this file, for the school's leaders (PIPL art. 51 transparency).</summary>
    public IReadOnlyList<Infrastructure.Auditing.AuditEntry>? Accesses { get; private set; }

    public int? ActiveTier { get; private set; }

    public IReadOnlyDictionary<int, string> StaffNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>One line of the timeline: a result, a tier decision, a talk, a support change or a crisis step, in date order.</summary>
    public sealed record Entry(DateOnly Date, DateTimeOffset Sort, ScreeningResult? Result, ScreeningResult? Decision, Talk? Talk,
        SupportChange? Change = null, CrisisStepRecord? CrisisStep = null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The student with the class, the school and the class's head teachers: one statement (each
        // statement is a round trip, and a file is the page a school opens most).
        var found = await db.StudentsOf(User).AsNoTracking().Where(s => s.Id == Id)
            .Join(db.SchoolClasses, s => s.ClassId, c => c.Id, (s, c) => new
            {
                Student = s,
                c.Section,
                c.EntryYear,
                c.Number,
                School = c.School!.Name,
                HeadTeachers = db.StaffMembers
                    .Where(m => m.SchoolId == s.SchoolId && m.LeftOn == null && m.Classes.Any(x => x.ClassId == s.ClassId))
                    .Select(m => m.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            await audit.RecordAsync("view", "student", Id, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        var student = found.Student;
        Student = student;
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        CanDecide = User.SeesWholeSchool();
        CanEditProfile = User.ChangesProfileOf(Student);
        Class = (found.Section, found.EntryYear, found.Number);
        SchoolName = found.School;
        HeadTeachers = found.HeadTeachers;
        Results = await db.ScreeningResults.AsNoTracking().Where(r => r.StudentId == Id)
            .OrderByDescending(r => r.TakenOn).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        Talks = await db.Talks.AsNoTracking().Where(t => t.StudentId == Id)
            .OrderByDescending(t => t.OccurredOn).ToListAsync(cancellationToken);

        SeesCrisisNotes = User.SeesWholeSchool();
        var assignments = await db.SupportAssignments.AsNoTracking().Include(a => a.Changes)
            .Where(a => a.StudentId == Id).ToListAsync(cancellationToken);
        var active = assignments.SingleOrDefault(a => a.Status == AssignmentStatus.Active);
        (ActiveAssignmentId, ActiveTier) = (active?.Id, active?.Tier);
        var changes = assignments.SelectMany(a => a.Changes).ToList();
        var changeTimes = (await db.SupportChanges.Where(c => db.SupportAssignments.Any(a => a.Id == c.AssignmentId && a.StudentId == Id))
                .Select(c => new { c.Id, At = EF.Property<DateTimeOffset>(c, SupportChangeConfiguration.RecordedAt) })
                .ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.At);
        var staffIds = changes.SelectMany(c => c.Team).Select(t => int.Parse(t.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        StaffNames = staffIds.Count == 0 ? new Dictionary<int, string>()
            : await db.StaffMembers.Where(m => staffIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        var crisisSteps = await db.CrisisSteps.AsNoTracking()
            .Where(step => db.CrisisEvents.Any(e => e.Id == step.CrisisEventId && e.StudentId == Id))
            .Select(step => new { Step = step, RecordedAt = EF.Property<DateTimeOffset>(step, SupportChangeConfiguration.RecordedAt) })
            .ToListAsync(cancellationToken);

        var china = ChinaTime.Zone;
        Timeline = Results.Select(r => new Entry(r.TakenOn, r.RecordedAt, r, null, null))
            .Concat(Results.Where(r => r.DecidedAt is not null).Select(r => new Entry(
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.DecidedAt!.Value, china).DateTime), r.DecidedAt!.Value, null, r, null)))
            .Concat(Talks.Select(t => new Entry(t.OccurredOn, t.RecordedAt, null, null, t)))
            .Concat(changes.Select(c => new Entry(c.On, changeTimes[c.Id], null, null, null, Change: c)))
            .Concat(crisisSteps.Select(x => new Entry(x.Step.On, x.RecordedAt, null, null, null, CrisisStep: x.Step)))
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Sort)
            .ToList();

        await audit.RecordAsync("view", "student", Id, cancellationToken: cancellationToken);
        if (User.IsInRole(Domain.Access.Roles.SchoolLeader))
        {
            var key = Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Accesses = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "student" && a.EntityId == key)
                .OrderByDescending(a => a.Id).Take(50).ToListAsync(cancellationToken);
        }

        return Page();
    }
}
