using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Activities;

/// <summary>One activity as recorded; its organiser may edit it. An activity outside the user's scope does not exist for them.</summary>
public class ActivityModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Activity Item { get; private set; } = null!;

    public string? Unit { get; private set; }

    public bool CanChange { get; private set; }

    public bool IsPlanned { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.AsNoTracking().VisibleTo(User).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return NotFound();
        }

        Item = activity;
        Unit = activity.SchoolId is { } schoolId
            ? await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).SingleAsync(cancellationToken)
            : activity.DistrictId is { } districtId ? await db.Districts.Where(d => d.Id == districtId).Select(d => d.Name).SingleAsync(cancellationToken) : null;
        CanChange = OutreachAccess.CanChange(User, activity);
        IsPlanned = activity.IsPlanned(ChinaTime.Today(clock));
        return Page();
    }
}
