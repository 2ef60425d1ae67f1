using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Admin.Schools;

/// <summary>The drop-down choices the school pages share: districts and stages.</summary>
public static class SchoolOptions
{
    public static async Task<List<SelectListItem>> DistrictsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Districts.OrderBy(d => d.SortOrder).ThenBy(d => d.Code)
            .Select(d => new SelectListItem(d.Name, d.Id.ToString()))
            .ToListAsync(cancellationToken);

    public static List<SelectListItem> Stages(Labels labels) =>
        Enum.GetValues<SchoolStage>().Select(s => new SelectListItem(labels.Stage(s), s.ToString())).ToList();
}
