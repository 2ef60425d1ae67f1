using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Lecturers;

/// <summary>登记巡讲 — a lecturer's touring lecture at a school (the city bureau organises the team).</summary>
[Authorize(Policy = Policies.LecturerManagers)]
public class LectureModel(AppDbContext db, Labels labels, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Team { get; private set; } = [];

    public List<SelectListItem> Schools { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Lecturer")]
        public int? LecturerId { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_HostSchool")]
        public int? SchoolId { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_HeldOn")]
        public DateOnly? HeldOn { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_LectureTopic")]
        [StringLength(100, ErrorMessage = "Validation_StringLength")]
        public string Topic { get; set; } = "";

        [Display(Name = "Field_Audience")]
        public List<Audience> Audience { get; set; } = [Domain.Outreach.Audience.Parents];

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Participants")]
        [Range(0, 10_000, ErrorMessage = "Validation_Range")]
        public int? Participants { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new InputModel { HeldOn = ChinaTime.Today(clock) };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Audience.Count == 0)
        {
            ModelState.AddModelError("Input.Audience", t["Rule_Activity_AudienceRequired"]);
        }

        if (Input.LecturerId is { } lecturerId && !await db.Lecturers.AnyAsync(l => l.Id == lecturerId && l.Active, cancellationToken))
        {
            ModelState.AddModelError("Input.LecturerId", t["Validation_Choose", t["Field_Lecturer"]]);
        }

        if (Input.SchoolId is { } schoolId && !await db.Schools.AnyAsync(s => s.Id == schoolId, cancellationToken))
        {
            ModelState.AddModelError("Input.SchoolId", t["Validation_Choose", t["Field_HostSchool"]]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var audience = Input.Audience.Aggregate(Domain.Outreach.Audience.None, (all, a) => all | a);
            var lecture = new FamilyLecture(Input.LecturerId!.Value, Input.SchoolId!.Value, Input.HeldOn!.Value, Input.Topic, audience, Input.Participants!.Value, ChinaTime.Today(clock));
            db.FamilyLectures.Add(lecture);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("create", "family-lecture", lecture.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", lecture.Topic].Value;
            return RedirectToPage("Index", new { year = lecture.HeldOn.Year });
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Code switch
            {
                "FamilyLecture_TopicInvalid" => "Input.Topic",
                "Activity_DateOutOfRange" => "Input.HeldOn",
                "Activity_AudienceRequired" => "Input.Audience",
                "Activity_ParticipantsOutOfRange" or "Activity_PlannedHasNoParticipants" => "Input.Participants",
                _ => "",
            }, labels.RuleViolation(e));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>Removes a lecture logged by mistake (at the wrong school, twice); reports already filed keep their figures.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var lecture = await db.FamilyLectures.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lecture is null)
        {
            return NotFound();
        }

        db.FamilyLectures.Remove(lecture);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("delete", "family-lecture", id, cancellationToken: cancellationToken);
        TempData["Message"] = t["Lecturers_LectureDeleted", lecture.Topic].Value;
        return RedirectToPage("Index", new { year = lecture.HeldOn.Year });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Team = await db.Lecturers.AsNoTracking().Where(l => l.Active)
            .Join(db.Schools, l => l.SchoolId, s => s.Id, (l, s) => new { l.Id, l.Name, School = s.Name })
            .OrderBy(x => x.Name)
            .Select(x => new SelectListItem(x.Name + "（" + x.School + "）", x.Id.ToString()))
            .ToListAsync(cancellationToken);
        Schools = await db.Schools.AsNoTracking()
            .Join(db.Districts, s => s.DistrictId, d => d.Id, (s, d) => new { s.Id, s.Name, s.Code, District = d.Name })
            .OrderBy(s => s.Code)
            .Select(s => new SelectListItem(s.District + " · " + s.Name, s.Id.ToString()))
            .ToListAsync(cancellationToken);
    }
}
