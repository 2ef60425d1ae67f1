using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
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

    /// <summary>One line of the timeline: a result, a tier decision or a talk, in date order.</summary>
    public sealed record Entry(DateOnly Date, DateTimeOffset Sort, ScreeningResult? Result, ScreeningResult? Decision, Talk? Talk);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var student = await db.StudentsOf(User).AsNoTracking().SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (student is null)
        {
            await audit.RecordAsync("view", "student", Id, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        Student = student;
        ThisYear = SchoolYear.Containing(ChinaTime.Today(clock));
        CanDecide = User.SeesWholeSchool();
        var schoolClass = await db.SchoolClasses.Where(c => c.Id == student.ClassId)
            .Select(c => new { c.Section, c.EntryYear, c.Number, School = c.School!.Name }).SingleAsync(cancellationToken);
        Class = (schoolClass.Section, schoolClass.EntryYear, schoolClass.Number);
        SchoolName = schoolClass.School;
        HeadTeachers = await db.StaffMembers
            .Where(m => m.SchoolId == student.SchoolId && m.LeftOn == null && m.Classes.Any(c => c.ClassId == student.ClassId))
            .Select(m => m.Name).ToListAsync(cancellationToken);
        Results = await db.ScreeningResults.AsNoTracking().Where(r => r.StudentId == Id)
            .OrderByDescending(r => r.TakenOn).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        Talks = await db.Talks.AsNoTracking().Where(t => t.StudentId == Id)
            .OrderByDescending(t => t.OccurredOn).ToListAsync(cancellationToken);

        var china = ChinaTime.Zone;
        Timeline = Results.Select(r => new Entry(r.TakenOn, r.RecordedAt, r, null, null))
            .Concat(Results.Where(r => r.DecidedAt is not null).Select(r => new Entry(
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.DecidedAt!.Value, china).DateTime), r.DecidedAt!.Value, null, r, null)))
            .Concat(Talks.Select(t => new Entry(t.OccurredOn, t.RecordedAt, null, null, t)))
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Sort)
            .ToList();

        await audit.RecordAsync("view", "student", Id, cancellationToken: cancellationToken);
        return Page();
    }
}
