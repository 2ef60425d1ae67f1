using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.Web.Pages.Admin.Schools;

/// <summary>The drop-down choices pages share: districts, stages and the city's schools.</summary>
public static class SchoolOptions
{
    public static async Task<List<SelectListItem>> DistrictsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Districts.OrderBy(d => d.SortOrder).ThenBy(d => d.Code)
            .Select(d => new SelectListItem(d.Name, d.Id.ToString()))
            .ToListAsync(cancellationToken);

    /// <summary>Every school of the city, by code (for the city-level pages: the centre, the lecturer team).</summary>
    public static async Task<List<SelectListItem>> SchoolsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Schools.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString()))
            .ToListAsync(cancellationToken);

    public static List<SelectListItem> Stages(Labels labels) =>
        Enum.GetValues<SchoolStage>().Select(s => new SelectListItem(labels.Stage(s), s.ToString())).ToList();
}
