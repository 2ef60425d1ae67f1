using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Centre;

/// <summary>
/// 市未成年人心理健康辅导中心 — the centre's monthly figures per channel, its roster in brief, and
/// its consultations (anonymous: no student is named anywhere on this page).
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public ConsultationChannel? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<MonthRow> Months { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public int Staff { get; private set; }

    public int Volunteers { get; private set; }

    public int OutreachEvents { get; private set; }

    public sealed record MonthRow(int Month, IReadOnlyDictionary<ConsultationChannel, int> ByChannel, int Total, int Minutes, int Referrals);

    public sealed record Row(long Id, DateOnly OccurredOn, ConsultationChannel Channel, ClientKind Client, AgeBand AgeBand, ConsultationTopic Topic, int Minutes, ConsultationReferral Referral);

    public static IReadOnlyList<ConsultationChannel> Channels { get; } = Enum.GetValues<ConsultationChannel>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        Years = (await db.Consultations.Select(c => c.OccurredOn.Year).Distinct().ToListAsync(cancellationToken))
            .Append(today.Year).Distinct().OrderDescending().ToList();
        Year ??= today.Year;
        var from = new DateOnly(Year.Value, 1, 1);
        var to = new DateOnly(Year.Value, 12, 31);
        var year = db.Consultations.AsNoTracking().Where(c => c.OccurredOn >= from && c.OccurredOn <= to);

        var counts = await year
            .GroupBy(c => new { c.OccurredOn.Month, c.Channel })
            .Select(g => new { g.Key.Month, g.Key.Channel, Count = g.Count(), Minutes = g.Sum(c => c.Minutes), Referrals = g.Count(c => c.Referral != ConsultationReferral.None) })
            .ToListAsync(cancellationToken);
        var lastMonth = Year == today.Year ? today.Month : 12;
        Months = Enumerable.Range(1, Year > today.Year ? 0 : lastMonth).Select(m =>
        {
            var inMonth = counts.Where(c => c.Month == m).ToList();
            return new MonthRow(m, Channels.ToDictionary(ch => ch, ch => inMonth.Where(c => c.Channel == ch).Sum(c => c.Count)),
                inMonth.Sum(c => c.Count), inMonth.Sum(c => c.Minutes), inMonth.Sum(c => c.Referrals));
        }).ToList();

        var members = await db.CentreMembers.AsNoTracking().Where(m => m.LeftOn == null || m.LeftOn > today).Select(m => m.Role).ToListAsync(cancellationToken);
        Staff = members.Count(r => r != CentreRole.Volunteer);
        Volunteers = members.Count(r => r == CentreRole.Volunteer);
        OutreachEvents = await db.Activities.CountAsync(a => a.Level == OrganiserLevel.Centre && a.HeldOn >= from && a.HeldOn <= to, cancellationToken);

        var list = year;
        if (Channel is { } channel)
        {
            list = list.Where(c => c.Channel == channel);
        }

        if (Month is { } month and >= 1 and <= 12)
        {
            list = list.Where(c => c.OccurredOn.Month == month);
        }

        Pager = new Pager(PageNumber, PageSize, await list.CountAsync(cancellationToken), "/Centre", new Dictionary<string, string?>
        {
            ["year"] = Year.ToString(), ["channel"] = Channel?.ToString(), ["month"] = Month?.ToString(),
        });
        Rows = await list.OrderByDescending(c => c.OccurredOn).ThenByDescending(c => c.Id).Skip(Pager.Skip).Take(PageSize)
            .Select(c => new Row(c.Id, c.OccurredOn, c.Channel, c.Client, c.AgeBand, c.Topic, c.Minutes, c.Referral))
            .ToListAsync(cancellationToken);
    }
}
