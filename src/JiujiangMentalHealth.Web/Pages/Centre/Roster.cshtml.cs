using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Centre;

/// <summary>人员名册 — the centre's full- and part-time staff and its volunteer team (psychology teachers of the city's schools).</summary>
public class RosterModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool IncludeLeft { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public sealed record Row(int Id, string Name, CentreRole Role, string? School, string? Qualification, DateOnly JoinedOn, DateOnly? LeftOn, int Consultations);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = Today = ChinaTime.Today(clock);
        var members = db.CentreMembers.AsNoTracking();
        if (!IncludeLeft)
        {
            members = members.Where(m => m.LeftOn == null || m.LeftOn > today);
        }

        Rows = await members.OrderBy(m => m.Role).ThenBy(m => m.Name)
            .Select(m => new Row(m.Id, m.Name, m.Role, db.Schools.Where(s => s.Id == m.SchoolId).Select(s => s.Name).FirstOrDefault(),
                m.Qualification, m.JoinedOn, m.LeftOn, db.Consultations.Count(c => c.CounsellorId == m.Id)))
            .ToListAsync(cancellationToken);
    }
}
