using System.Globalization;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Activities;

/// <summary>活动日历 — a month of the user's activities, with 5·25, 10·10 and the activity month marked every year.</summary>
public class CalendarModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>A day shows this many titles; more (a bureau's 5·25 has one per school) link to the day's list.</summary>
    public const int ShownPerDay = 3;

    /// <summary>The month shown, as yyyy-MM (this month when absent or malformed).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public DateOnly First { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<IReadOnlyList<DateOnly?>> Weeks { get; private set; } = [];

    public ILookup<DateOnly, Entry> ByDay { get; private set; } = Array.Empty<Entry>().ToLookup(e => e.HeldOn);

    public bool CanRecord { get; private set; }

    public sealed record Entry(long Id, DateOnly HeldOn, ActivityType Type, string Title);

    public string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        First = DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year is >= 2000 and <= 2100
            ? parsed
            : new DateOnly(Today.Year, Today.Month, 1);
        var last = First.AddMonths(1).AddDays(-1);
        CanRecord = OutreachAccess.RecordsAt(User) is not null;
        Weeks = OutreachCalendar.Weeks(First.Year, First.Month);
        var entries = await db.Activities.AsNoTracking().VisibleTo(User)
            .Where(a => a.HeldOn >= First && a.HeldOn <= last)
            .OrderBy(a => a.HeldOn).ThenBy(a => a.Id)
            .Select(a => new Entry(a.Id, a.HeldOn, a.Type, a.Title))
            .ToListAsync(cancellationToken);
        ByDay = entries.ToLookup(e => e.HeldOn);
    }
}
