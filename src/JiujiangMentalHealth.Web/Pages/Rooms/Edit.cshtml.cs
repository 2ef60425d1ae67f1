using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using JiujiangMentalHealth.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Rooms;

/// <summary>登记心理辅导室 — a school records its counselling room and functional rooms.</summary>
[Authorize(Policy = Policies.SchoolWorkforce)]
public class EditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? SchoolId { get; set; }

    [BindProperty]
    public bool IsStandardized { get; set; }

    [BindProperty]
    public List<FunctionalRooms> Rooms { get; set; } = [];

    [BindProperty]
    public DateOnly? CertifiedOn { get; set; }

    /// <summary>xmin of the row when the form was shown; null when the school had no record yet.</summary>
    [BindProperty]
    public uint? Version { get; set; }

    public StaffSchool.Choice School { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(cancellationToken))
        {
            return NotFound();
        }

        var room = await db.CounsellingRooms.SingleOrDefaultAsync(r => r.SchoolId == School.Id, cancellationToken);
        if (room is not null)
        {
            Version = db.Entry(room).Property<uint>("RowVersion").CurrentValue;
            IsStandardized = room.IsStandardized;
            Rooms = Enum.GetValues<FunctionalRooms>().Where(r => r != FunctionalRooms.None && room.Rooms.HasFlag(r)).ToList();
            CertifiedOn = room.CertifiedOn;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveAsync(cancellationToken))
        {
            return NotFound();
        }

        var room = await db.CounsellingRooms.SingleOrDefaultAsync(r => r.SchoolId == School.Id, cancellationToken);
        if (room is null)
        {
            room = new CounsellingRoom(School.Id);
            db.CounsellingRooms.Add(room);
        }
        else
        {
            db.Entry(room).Property("RowVersion").OriginalValue = Version ?? 0;
        }

        try
        {
            room.Record(IsStandardized, Rooms.Aggregate(FunctionalRooms.None, (all, r) => all | r), CertifiedOn, ChinaTime.Today(clock));
            await db.SaveChangesAsync(cancellationToken);
            // A school has one room record, kept under the school's id.
            await audit.RecordAsync("change", "room", School.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", School.Name].Value;
            return RedirectToPage("Index");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another person recorded this school's room first.
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
        }

        return Page();
    }

    private async Task<bool> ResolveAsync(CancellationToken cancellationToken)
    {
        var school = await StaffSchool.ResolveAsync(db, User.Scope(), SchoolId, cancellationToken);
        if (school is null)
        {
            return false;
        }

        School = school;
        return true;
    }
}
