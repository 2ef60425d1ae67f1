using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Centre;

/// <summary>登记/查看咨询 — anonymous by default: the form has no field for a student's name or number.</summary>
public class ConsultationModel(AppDbContext db, Labels labels, AuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The version of the record the form was shown with: a save over someone else's change is refused.</summary>
    [BindProperty]
    public uint RowVersion { get; set; }

    public List<SelectListItem> Counsellors { get; private set; } = [];

    public List<SelectListItem> Schools { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Channel")]
        public ConsultationChannel? Channel { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_OccurredOn")]
        public DateOnly? OccurredOn { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Client")]
        public ClientKind? Client { get; set; }

        [Display(Name = "Field_AgeBand")]
        public AgeBand AgeBand { get; set; }

        [Display(Name = "Field_ClientSchool")]
        public int? SchoolId { get; set; }

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Topic")]
        public ConsultationTopic? Topic { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_Minutes")]
        [Range(1, Consultation.MaxMinutes, ErrorMessage = "Validation_Range")]
        public int? Minutes { get; set; }

        [Display(Name = "Field_CentreCounsellor")]
        public int? CounsellorId { get; set; }

        [Display(Name = "Field_Referral")]
        public ConsultationReferral Referral { get; set; }

        [Display(Name = "Field_ReferredTo")]
        [StringLength(60, ErrorMessage = "Validation_StringLength")]
        public string? ReferredTo { get; set; }

        [Display(Name = "Field_ConsultationNotes")]
        [StringLength(2000, ErrorMessage = "Validation_StringLength")]
        public string? Notes { get; set; }

        public ConsultationDetails ToDetails() => new(Channel!.Value, OccurredOn!.Value, Client!.Value, Topic!.Value, Minutes!.Value,
            AgeBand, SchoolId, CounsellorId, Referral, ReferredTo, Notes);
    }

    public async Task<IActionResult> OnGetAsync(ConsultationChannel? channel, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        if (Id is null)
        {
            Input = new InputModel { OccurredOn = ChinaTime.Today(clock), Channel = channel };
            return Page();
        }

        var c = await db.Consultations.SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }

        // The notes are sensitive: opening a consultation is a view of them.
        await audit.RecordAsync("view", "consultation", c.Id, cancellationToken: cancellationToken);
        RowVersion = db.Entry(c).Property<uint>(nameof(RowVersion)).CurrentValue;
        Input = new InputModel
        {
            Channel = c.Channel, OccurredOn = c.OccurredOn, Client = c.Client, AgeBand = c.AgeBand, SchoolId = c.SchoolId, Topic = c.Topic,
            Minutes = c.Minutes, CounsellorId = c.CounsellorId, Referral = c.Referral, ReferredTo = c.ReferredTo, Notes = c.Notes,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Referral != ConsultationReferral.None && string.IsNullOrWhiteSpace(Input.ReferredTo))
        {
            ModelState.AddModelError("Input.ReferredTo", t["Rule_Consultation_ReferralNeedsPlace"]);
        }

        if (Input.SchoolId is { } schoolId && !await db.Schools.AnyAsync(s => s.Id == schoolId, cancellationToken))
        {
            ModelState.AddModelError("Input.SchoolId", t["Validation_Choose", t["Field_ClientSchool"]]);
        }

        if (Input.CounsellorId is { } memberId && !await db.CentreMembers.AnyAsync(m => m.Id == memberId, cancellationToken))
        {
            ModelState.AddModelError("Input.CounsellorId", t["Validation_Choose", t["Field_CentreCounsellor"]]);
        }

        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        var today = ChinaTime.Today(clock);
        try
        {
            Consultation consultation;
            if (Id is null)
            {
                consultation = new Consultation(Input.ToDetails(), User.Identity!.Name!, clock.GetUtcNow(), today);
                db.Consultations.Add(consultation);
            }
            else
            {
                var found = await db.Consultations.SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                consultation = found;
                db.Entry(consultation).Property(nameof(RowVersion)).OriginalValue = RowVersion;
                consultation.Change(Input.ToDetails(), today);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "update", "consultation", consultation.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Centre_ConsultationSaved"].Value;
            return RedirectToPage("Index");
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Code switch
            {
                "Consultation_DateOutOfRange" => "Input.OccurredOn",
                "Consultation_MinutesOutOfRange" => "Input.Minutes",
                "Consultation_ReferralNeedsPlace" => "Input.ReferredTo",
                "Consultation_TextTooLong" => "Input.Notes",
                _ => "",
            }, labels.RuleViolation(e));
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Counsellors = await db.CentreMembers.AsNoTracking().Where(m => m.LeftOn == null || m.Id == Input.CounsellorId)
            .OrderBy(m => m.Role).ThenBy(m => m.Name)
            .Select(m => new SelectListItem(m.Name, m.Id.ToString()))
            .ToListAsync(cancellationToken);
        Schools = await Admin.Schools.SchoolOptions.SchoolsAsync(db, cancellationToken);
    }
}
