using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Screenings;

/// <summary>新建/编辑普测 — name, instrument and dates of one campaign of the user's school.</summary>
public class CampaignEditModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    /// <summary>How long a new campaign runs by default, cut at the end of the term.</summary>
    private const int DefaultDays = 28;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Whether results were already recorded for this campaign: its instrument can no longer change.</summary>
    public bool InstrumentLocked { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_CampaignName")]
        [StringLength(60, ErrorMessage = "Validation_StringLength")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation_Choose")]
        [Display(Name = "Field_Instrument")]
        public Instrument? Instrument { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_StartsOn")]
        public DateOnly? StartsOn { get; set; }

        [Required(ErrorMessage = "Validation_Required")]
        [Display(Name = "Field_EndsOn")]
        public DateOnly? EndsOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Scope().SchoolId is null)
        {
            return Forbid();
        }

        if (Id is null)
        {
            Input = Defaults(ChinaTime.Today(clock));
            return Page();
        }

        var campaign = await FindAsync(tracked: false, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }

        InstrumentLocked = await HasRecordedResultsAsync(campaign.Id, cancellationToken);
        Input = new InputModel { Name = campaign.Name, Instrument = campaign.Instrument, StartsOn = campaign.StartsOn, EndsOn = campaign.EndsOn };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Scope().SchoolId is not { } schoolId)
        {
            return Forbid();
        }

        // Another school's campaign is absent whatever the form says: look it up before validating.
        ScreeningCampaign? campaign = null;
        if (Id is not null)
        {
            campaign = await FindAsync(tracked: true, cancellationToken);
            if (campaign is null)
            {
                return NotFound();
            }

            InstrumentLocked = await HasRecordedResultsAsync(campaign.Id, cancellationToken);
            if (InstrumentLocked && Input.Instrument is not null && Input.Instrument != campaign.Instrument)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Instrument)}", t["Screenings_InstrumentLocked"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            if (campaign is null)
            {
                campaign = new ScreeningCampaign(schoolId, Input.Name, Input.Instrument!.Value, Input.StartsOn!.Value, Input.EndsOn!.Value);
                db.ScreeningCampaigns.Add(campaign);
            }
            else
            {
                campaign.Change(Input.Name, Input.Instrument!.Value, Input.StartsOn!.Value, Input.EndsOn!.Value);
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(Id is null ? "create" : "change", "screening-campaign", campaign.Id, cancellationToken: cancellationToken);
            TempData["Message"] = t["Common_Saved", campaign.Name].Value;
            return RedirectToPage("Campaign", new { id = campaign.Id });
        }
        catch (DomainRuleException e)
        {
            // Show the reason next to the field it is about; the summary takes the rest.
            var field = e.Code switch
            {
                "Campaign_NameInvalid" => nameof(Input.Name),
                "Campaign_EndsBeforeStart" or "Campaign_SpansSchoolYears" => nameof(Input.EndsOn),
                _ => null,
            };
            ModelState.AddModelError(field is null ? "" : $"{nameof(Input)}.{field}", labels.RuleViolation(e));
            return Page();
        }
    }

    /// <summary>
    /// A new campaign: named after the current term ("2026年秋季学期心理普测"), the instrument most
    /// schools use (the provincial system), from today for four weeks but not past the term's end.
    /// </summary>
    private InputModel Defaults(DateOnly today)
    {
        var year = SchoolYear.Containing(today);
        var term = ScreeningCampaign.TermOf(today);
        var termEnds = term == 1 ? new DateOnly(year.StartYear + 1, 1, 31) : year.LastDay;
        var endsOn = today.AddDays(DefaultDays - 1);
        return new InputModel
        {
            // 秋季学期 is named by its September's year, 春季学期 by its own (= the next calendar year).
            Name = t[term == 1 ? "Screenings_DefaultName_Autumn" : "Screenings_DefaultName_Spring", term == 1 ? year.StartYear : year.StartYear + 1],
            Instrument = Instrument.Provincial,
            StartsOn = today,
            EndsOn = endsOn > termEnds ? termEnds : endsOn,
        };
    }

    private Task<ScreeningCampaign?> FindAsync(bool tracked, CancellationToken cancellationToken)
    {
        var schoolId = User.Scope().SchoolId;
        var campaigns = tracked ? db.ScreeningCampaigns : db.ScreeningCampaigns.AsNoTracking();
        return campaigns.SingleOrDefaultAsync(c => c.Id == Id && c.SchoolId == schoolId, cancellationToken);
    }

    private Task<bool> HasRecordedResultsAsync(int campaignId, CancellationToken cancellationToken) =>
        db.ScreeningResults.AnyAsync(r => r.CampaignId == campaignId, cancellationToken);
}
