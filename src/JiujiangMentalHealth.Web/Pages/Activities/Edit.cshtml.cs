using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Activities;

/// <summary>登记/编辑活动 — at the user's own level (school, district, city or centre); only the organiser changes it.</summary>
[Authorize(Policy = Policies.ActivityRecorders)]
public class EditModel(AppDbContext db, Labels labels, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_ActivityType")]
        public ActivityType? Type { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_ActivityTitle")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_HeldOn")]
        public DateOnly? HeldOn { get; set; }

        [Display(Name = "Field_ActivityOrganiser")]
        [StringLength(60, ErrorMessage = "Validation_StringLength")]
        public string? Organiser { get; set; }

        [Display(Name = "Field_Audience")]
        public List<Audience> Audience { get; set; } = [];

        [Display(Name = "Field_Grades")]
        [StringLength(60, ErrorMessage = "Validation_StringLength")]
        public string? Grades { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Participants")]
        [Range(0, Activity.MaxParticipants, ErrorMessage = "Validation_Range")]
        public int? Participants { get; set; }

        [Display(Name = "Field_Partners")]
        public List<Partners> Partners { get; set; } = [];

        [Display(Name = "Field_PartnerNames")]
        [StringLength(200, ErrorMessage = "Validation_StringLength")]
        public string? PartnerNames { get; set; }

        [Display(Name = "Field_ActivitySummary")]
        [StringLength(2000, ErrorMessage = "Validation_StringLength")]
        public string? Summary { get; set; }

        public uint RowVersion { get; set; }

        public ActivityDetails ToDetails() => new(
            Type!.Value, Title, HeldOn!.Value,
            Audience.Aggregate(Domain.Outreach.Audience.None, (all, a) => all | a),
            Participants!.Value, Organiser, Grades,
            Partners.Aggregate(Domain.Outreach.Partners.None, (all, p) => all | p),
            PartnerNames, Summary);
    }

    public OrganiserLevel Level { get; private set; }

    /// <summary>The unit the activity is recorded for: the school, 浔阳区教育局, 市教育局 or the centre.</summary>
    public string UnitName { get; private set; } = "";

    public IReadOnlyList<MarkedSpan> Marks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(DateOnly? date, ActivityType? type, CancellationToken cancellationToken)
    {
        Level = OutreachAccess.RecordsAt(User)!.Value;
        await LoadUnitAsync(cancellationToken);
        if (Id is null)
        {
            // From the calendar: a marked day suggests its type (5·25 → 心理健康日).
            var day = date ?? ChinaTime.Today(clock);
            Marks = OutreachCalendar.MarksOn(day);
            Input = new InputModel { HeldOn = day, Type = type ?? (Marks.Count > 0 ? Marks[0].SuggestedType : null), Audience = [Domain.Outreach.Audience.Students] };
            return Page();
        }

        var activity = await FindAsync(cancellationToken);
        if (activity is null)
        {
            return NotFound();
        }

        if (!OutreachAccess.CanChange(User, activity))
        {
            return Forbid();
        }

        Input = new InputModel
        {
            Type = activity.Type, Title = activity.Title, HeldOn = activity.HeldOn, Organiser = activity.Organiser,
            Audience = Enum.GetValues<Audience>().Where(a => a != Domain.Outreach.Audience.None && activity.Audience.HasFlag(a)).ToList(),
            Grades = activity.Grades, Participants = activity.Participants,
            Partners = Enum.GetValues<Partners>().Where(p => p != Domain.Outreach.Partners.None && activity.Partners.HasFlag(p)).ToList(),
            PartnerNames = activity.PartnerNames, Summary = activity.Summary,
            RowVersion = db.Entry(activity).Property<uint>("RowVersion").CurrentValue,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Level = OutreachAccess.RecordsAt(User)!.Value;
        await LoadUnitAsync(cancellationToken);
        Activity? existing = null;
        if (Id is not null)
        {
            // Whose it is comes before what was posted: only the organiser gets as far as validation.
            existing = await FindAsync(cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }

            if (!OutreachAccess.CanChange(User, existing))
            {
                return Forbid();
            }
        }

        if (Input.Audience.Count == 0)
        {
            ModelState.AddModelError("Input.Audience", t["Rule_Activity_AudienceRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        try
        {
            Activity activity;
            if (Id is null)
            {
                var scope = User.Scope();
                int? districtId = Level switch
                {
                    OrganiserLevel.School => await db.Schools.Where(s => s.Id == scope.SchoolId).Select(s => (int?)s.DistrictId).SingleAsync(cancellationToken),
                    OrganiserLevel.District => scope.DistrictId,
                    _ => null,
                };
                activity = new Activity(Level, districtId, Level == OrganiserLevel.School ? scope.SchoolId : null, Input.ToDetails(), User.Identity!.Name!, now, today);
                db.Activities.Add(activity);
            }
            else
            {
                activity = existing!;
                db.Entry(activity).Property("RowVersion").OriginalValue = Input.RowVersion;
                activity.Change(Input.ToDetails(), now, today);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "update", "activity", activity.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", activity.Title].Value;
            return RedirectToPage("Activity", new { id = activity.Id });
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(FieldOf(e.Code), labels.RuleViolation(e));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }
    }

    private async Task LoadUnitAsync(CancellationToken cancellationToken)
    {
        var scope = User.Scope();
        UnitName = Level switch
        {
            OrganiserLevel.School => await db.Schools.Where(s => s.Id == scope.SchoolId).Select(s => s.Name).SingleAsync(cancellationToken),
            OrganiserLevel.District => t["Activities_DistrictBureau", await db.Districts.Where(d => d.Id == scope.DistrictId).Select(d => d.Name).SingleAsync(cancellationToken)],
            _ => t["OrganiserLevel_" + Level],
        };
    }

    /// <summary>The field a broken rule is shown beside.</summary>
    private static string FieldOf(string code) => code switch
    {
        "Activity_TitleInvalid" => "Input.Title",
        "Activity_DateOutOfRange" => "Input.HeldOn",
        "Activity_AudienceRequired" => "Input.Audience",
        "Activity_ParticipantsOutOfRange" or "Activity_PlannedHasNoParticipants" => "Input.Participants",
        "Activity_TypeRequired" => "Input.Type",
        _ => "",
    };

    private Task<Activity?> FindAsync(CancellationToken cancellationToken) =>
        db.Activities.VisibleTo(User).SingleOrDefaultAsync(a => a.Id == Id, cancellationToken);
}
