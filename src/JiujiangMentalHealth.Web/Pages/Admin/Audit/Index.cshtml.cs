using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Admin.Audit;

/// <summary>审计日志 — admins search who did what to which record, and every refusal.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool DeniedOnly { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>The default order: the newest entry first.</summary>
    public const string DefaultSort = "at-desc";

    /// <summary>"at-desc" (default), "at", "user" or "user-desc".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public string CurrentSort => Sort ?? DefaultSort;

    public bool Filtered => !string.IsNullOrWhiteSpace(UserName) || !string.IsNullOrWhiteSpace(Entity) || !string.IsNullOrWhiteSpace(EntityId)
        || DeniedOnly || From is not null || To is not null;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Infrastructure.Auditing.AuditEntry> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(UserName))
        {
            entries = entries.Where(a => a.UserName == UserName.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Entity))
        {
            entries = entries.Where(a => a.Entity == Entity.Trim());
        }

        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            entries = entries.Where(a => a.EntityId == EntityId.Trim());
        }

        if (DeniedOnly)
        {
            entries = entries.Where(a => a.Outcome == "denied");
        }

        // Days are China days: from 00:00 China time of From to the end of To.
        var offset = ChinaTime.Zone.GetUtcOffset(clock.GetUtcNow());
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime();
            entries = entries.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime();
            entries = entries.Where(a => a.At < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        Pager = new Pager(PageNumber, PageSize, total, "/Admin/Audit", new Dictionary<string, string?>
        {
            ["userName"] = UserName, ["entity"] = Entity, ["entityId"] = EntityId, ["deniedOnly"] = DeniedOnly ? "true" : null,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
            ["sort"] = Sort,
        });
        var sorted = CurrentSort switch
        {
            "at" => entries.OrderBy(a => a.At).ThenBy(a => a.Id),
            "user" => entries.OrderBy(a => a.UserName).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
            "user-desc" => entries.OrderByDescending(a => a.UserName).ThenByDescending(a => a.At).ThenByDescending(a => a.Id),
            _ => entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id),
        };
        Rows = await sorted.Skip(Pager.Skip).Take(PageSize).ToListAsync(cancellationToken);
    }
}
