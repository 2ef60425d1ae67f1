using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Students.Requests;

/// <summary>个人信息更正/删除申请 — the school's requests, those waiting for a leader first.</summary>
public class IndexModel(AppDbContext db, AuditLog audit) : PageModel
{
    private const int DecidedShown = 100;

    /// <summary>A request with the student's current name; null once the student has been deleted.</summary>
    public sealed record Row(long Id, PersonalDataRequestKind Kind, int StudentId, string? StudentName, DateOnly ReceivedOn,
        string RequestedBy, PersonalDataRequestState State, DateTimeOffset? DecidedAt);

    public List<Row> Pending { get; private set; } = [];

    public List<Row> Decided { get; private set; } = [];

    public int DecidedTotal { get; private set; }

    public int DecidedLimit => DecidedShown;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var schoolId = User.Scope().SchoolId;
        if (!User.SeesWholeSchool() || schoolId is null)
        {
            await audit.RecordAsync("list", "data-request", null, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        var requests = db.PersonalDataRequests.Where(r => r.SchoolId == schoolId);
        Pending = await RowsAsync(requests.Where(r => r.State == PersonalDataRequestState.Pending).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id), cancellationToken);
        var decided = requests.Where(r => r.State != PersonalDataRequestState.Pending);
        DecidedTotal = await decided.CountAsync(cancellationToken);
        Decided = await RowsAsync(decided.OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id).Take(DecidedShown), cancellationToken);
        await audit.RecordAsync("list", "data-request", null, cancellationToken: cancellationToken);
        return Page();
    }

    /// <summary>The requests with their student's current name (none once deleted).</summary>
    private Task<List<Row>> RowsAsync(IQueryable<PersonalDataRequest> requests, CancellationToken cancellationToken) =>
        (from r in requests
         join s in db.Students on r.StudentId equals s.Id into students
         from s in students.DefaultIfEmpty()
         select new Row(r.Id, r.Kind, r.StudentId, s == null ? null : s.Name, r.ReceivedOn, r.RequestedBy, r.State, r.DecidedAt))
        .ToListAsync(cancellationToken);
}
