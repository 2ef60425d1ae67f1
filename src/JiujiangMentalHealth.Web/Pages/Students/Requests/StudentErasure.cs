using JiujiangMentalHealth.Domain.Support;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Students.Requests;

/// <summary>
/// Carries out an approved deletion: the student's file and everything that hangs off it
/// (screenings, talks and visits, support with its members, changes and follow-ups, crisis events
/// with their steps) are deleted, not hidden. What stays: bi-monthly reports already filed (they
/// hold their own figures, so closed reports and the city's aggregates do not change), audit
/// entries (ids and actions, never content) and the requests about the student, stripped of any
/// corrected values (a pending one lapses).
/// </summary>
public static class StudentErasure
{
    /// <summary>What a deletion would remove, for the leader to see before approving.</summary>
    public sealed record Extent(int Screenings, int Talks, int Assignments, int CrisisEvents, bool HasOpenCases);

    public static async Task<Extent> MeasureAsync(AppDbContext db, int studentId, CancellationToken cancellationToken)
    {
        var screenings = await db.ScreeningResults.CountAsync(r => r.StudentId == studentId, cancellationToken);
        var talks = await db.Talks.CountAsync(t => t.StudentId == studentId, cancellationToken);
        var assignments = await db.SupportAssignments.CountAsync(a => a.StudentId == studentId, cancellationToken);
        var crises = await db.CrisisEvents.CountAsync(c => c.StudentId == studentId, cancellationToken);
        return new Extent(screenings, talks, assignments, crises, await HasOpenCasesAsync(db, studentId, cancellationToken));
    }

    /// <summary>Active support or a crisis event not yet closed.</summary>
    public static async Task<bool> HasOpenCasesAsync(AppDbContext db, int studentId, CancellationToken cancellationToken) =>
        await db.SupportAssignments.AnyAsync(a => a.StudentId == studentId && a.Status == AssignmentStatus.Active, cancellationToken)
        || await db.CrisisEvents.AnyAsync(c => c.StudentId == studentId && !c.Steps.Any(s => s.Step == CrisisStep.Closed), cancellationToken);

    /// <summary>
    /// Deletes inside the caller's transaction; dependants go first (the keys restrict deletes). The
    /// requests about the student are changed in the context: the caller's save writes them.
    /// </summary>
    public static async Task EraseAsync(AppDbContext db, int studentId, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var request in await db.PersonalDataRequests.Where(r => r.StudentId == studentId).ToListAsync(cancellationToken))
        {
            request.StudentErased(by, at);
        }

        // Steps, members, changes and follow-ups go with their parents (ON DELETE CASCADE).
        await db.CrisisEvents.Where(c => c.StudentId == studentId).ExecuteDeleteAsync(cancellationToken);
        await db.SupportAssignments.Where(a => a.StudentId == studentId).ExecuteDeleteAsync(cancellationToken);
        await db.Talks.Where(t => t.StudentId == studentId).ExecuteDeleteAsync(cancellationToken);
        // A correction points at the result it corrects; unhook them so one DELETE can take all.
        await db.ScreeningResults.Where(r => r.StudentId == studentId && r.CorrectsId != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CorrectsId, (long?)null), cancellationToken);
        await db.ScreeningResults.Where(r => r.StudentId == studentId).ExecuteDeleteAsync(cancellationToken);
        await db.Students.Where(s => s.Id == studentId).ExecuteDeleteAsync(cancellationToken);
    }
}
