using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Activities;

/// <summary>
/// One activity as recorded, with its photos; its organiser may edit it, add or remove photos, or
/// delete it. An activity outside the user's scope does not exist for them (404).
/// </summary>
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public class ActivityModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    /// <summary>Room for one photo of the largest size the portal keeps, so a larger one gets a readable refusal.</summary>
    private const int UploadLimit = 8 * 1024 * 1024;

    public Activity Item { get; private set; } = null!;

    public string? Unit { get; private set; }

    public bool CanChange { get; private set; }

    public bool IsPlanned { get; private set; }

    public IReadOnlyList<PhotoRow> Photos { get; private set; } = [];

    public string? PhotoError { get; private set; }

    public sealed record PhotoRow(long Id, string FileName, int Size);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>A photo, for those who may see its activity; never cached, since it may show children.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(long id, long photoId, CancellationToken cancellationToken)
    {
        var visible = db.Activities.VisibleTo(User).Where(a => a.Id == id).Select(a => a.Id);
        var photo = await db.ActivityPhotos.AsNoTracking().Where(p => p.Id == photoId && visible.Contains(p.ActivityId))
            .Select(p => new { p.Content, p.ContentType }).SingleOrDefaultAsync(cancellationToken);
        if (photo is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(photo.Content, photo.ContentType);
    }

    public async Task<IActionResult> OnPostPhotoAsync(long id, IFormFile? photo, CancellationToken cancellationToken)
    {
        if (await FindChangeableAsync(id, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        if (result.Refusal is { } refusal)
        {
            return refusal;
        }

        if (photo is null || photo.Length == 0)
        {
            return await ShowPhotoErrorAsync(id, t["ActivityPhoto_Choose"], cancellationToken);
        }

        try
        {
            var existing = await db.ActivityPhotos.CountAsync(p => p.ActivityId == id, cancellationToken);
            byte[] content;
            if (photo.Length > ActivityPhoto.MaxBytes)
            {
                content = new byte[ActivityPhoto.MaxBytes + 1];
            }
            else
            {
                await using var stream = photo.OpenReadStream();
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                content = buffer.ToArray();
            }

            var added = ActivityPhoto.Create(id, photo.FileName, content, existing, User.Identity!.Name!, clock.GetUtcNow());
            db.ActivityPhotos.Add(added);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("upload", "activity-photo", added.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["ActivityPhoto_Added"].Value;
            return RedirectToPage(new { id });
        }
        catch (DomainRuleException e)
        {
            return await ShowPhotoErrorAsync(id, labels.RuleViolation(e), cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostDeletePhotoAsync(long id, long photoId, CancellationToken cancellationToken)
    {
        if (await FindChangeableAsync(id, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        if (result.Refusal is { } refusal)
        {
            return refusal;
        }

        var deleted = await db.ActivityPhotos.Where(p => p.Id == photoId && p.ActivityId == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            await audit.RecordAsync("delete", "activity-photo", photoId, cancellationToken: cancellationToken);
            TempData["Message"] = t["ActivityPhoto_Deleted"].Value;
        }

        return RedirectToPage(new { id });
    }

    /// <summary>Deletes a mistaken record. Reports already filed keep the figures they were filed with.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindChangeableAsync(id, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        if (result.Refusal is { } refusal)
        {
            return refusal;
        }

        db.Activities.Remove(result.Activity);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("delete", "activity", id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Activities_Deleted", result.Activity.Title].Value;
        return RedirectToPage("Index");
    }

    private async Task<(Activity Activity, IActionResult? Refusal)?> FindChangeableAsync(long id, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.VisibleTo(User).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        return (activity, OutreachAccess.CanChange(User, activity) ? null : Forbid());
    }

    private async Task<IActionResult> ShowPhotoErrorAsync(long id, string error, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        PhotoError = error;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.AsNoTracking().VisibleTo(User).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return false;
        }

        Item = activity;
        Unit = activity.SchoolId is { } schoolId
            ? await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Name).SingleAsync(cancellationToken)
            : activity.DistrictId is { } districtId ? await db.Districts.Where(d => d.Id == districtId).Select(d => d.Name).SingleAsync(cancellationToken) : null;
        CanChange = OutreachAccess.CanChange(User, activity);
        IsPlanned = activity.IsPlanned(ChinaTime.Today(clock));
        Photos = await db.ActivityPhotos.AsNoTracking().Where(p => p.ActivityId == id).OrderBy(p => p.Id)
            .Select(p => new PhotoRow(p.Id, p.FileName, p.Size)).ToListAsync(cancellationToken);
        return true;
    }
}
