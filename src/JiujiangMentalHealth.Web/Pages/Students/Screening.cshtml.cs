using System.Text.Json;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Screening;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Students;

/// <summary>
/// 录入测评 — a sheet entered item by item (PHQ-9, GAD-7, MHT) or a provincial-system result,
/// scored as the counsellor types (site script) and by the domain on the server: "计分预览" shows
/// the server's score without saving; "保存" records it, and a tier suggestion joins the queue.
/// A correction supersedes an earlier result and keeps both.
/// </summary>
public class ScreeningModel(AppDbContext db, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int StudentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Instrument Instrument { get; set; } = Instrument.Phq9;

    /// <summary>The result this sheet corrects, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public long? CorrectsId { get; set; }

    [BindProperty]
    public List<int?> Answers { get; set; } = [];

    /// <summary>MHT answers as typed from the answer sheet: A/是/1 = yes, B/否/0 = no, in item order.</summary>
    [BindProperty]
    public string? MhtAnswers { get; set; }

    [BindProperty]
    public WarningLevel? Level { get; set; }

    [BindProperty]
    public int? Total { get; set; }

    [BindProperty]
    public DateOnly? TakenOn { get; set; }

    [BindProperty]
    public string? CorrectionReason { get; set; }

    public string StudentName { get; private set; } = "";

    public ScreeningScore? Preview { get; private set; }

    public int ItemCount => Instrument switch
    {
        Instrument.Phq9 => QuestionnaireScoring.Phq9Items,
        Instrument.Gad7 => QuestionnaireScoring.Gad7Items,
        Instrument.Mht => MhtScoring.Items,
        _ => 0,
    };

    /// <summary>The MHT scales for the live scoring script: item numbers per scale, "lie" for the lie scale.</summary>
    public string MhtScalesJson => JsonSerializer.Serialize(
        MhtScoring.Scales.Select(s => new { name = s.Scale, items = s.Items }).Append(new { name = "lie", items = MhtScoring.LieItems }));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        TakenOn ??= ChinaTime.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Preview = TryScore();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var score = TryScore();
        if (score is null || TakenOn is null)
        {
            if (TakenOn is null)
            {
                ModelState.AddModelError(nameof(TakenOn), t["Validation_Required", t["Field_TakenOn"]]);
            }

            return Page();
        }

        var student = await db.StudentsOf(User).SingleAsync(s => s.Id == StudentId, cancellationToken);
        if (CorrectsId is not null && !await db.ScreeningResults.AnyAsync(r => r.Id == CorrectsId && r.StudentId == StudentId, cancellationToken))
        {
            // Another student's (or school's) result named in the form: absent, and audited like any refusal.
            await audit.RecordAsync("correct", "screening", CorrectsId, AuditLog.Denied, cancellationToken);
            return NotFound();
        }

        ScreeningResult result;
        try
        {
            var today = ChinaTime.Today(clock);
            var campaignId = await db.ScreeningCampaigns
                .Where(c => c.SchoolId == student.SchoolId && c.Instrument == score.Instrument && c.StartsOn <= TakenOn && c.EndsOn >= TakenOn)
                .Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                // A retry starts from a clean slate: nothing half-applied from the failed attempt.
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var recorded = ScreeningResult.Record(student.Id, student.SchoolId, score, TakenOn.Value, AnswersOf(score.Instrument), ResultSource.Manual,
                    User.Identity!.Name!, clock.GetUtcNow(), today, campaignId);
                db.ScreeningResults.Add(recorded);
                await db.SaveChangesAsync(cancellationToken);
                if (CorrectsId is not null)
                {
                    // The xmin check makes a second, simultaneous correction of the same result fail.
                    var corrected = await db.ScreeningResults.SingleAsync(r => r.Id == CorrectsId, cancellationToken);
                    corrected.SupersedeWith(recorded, CorrectionReason ?? "");
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return recorded;
            });
        }
        catch (DomainRuleException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", labels.RuleViolation(e));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            return Page();
        }

        await audit.RecordAsync(CorrectsId is null ? "create" : "correct", "screening", result.Id, cancellationToken: cancellationToken);
        TempData["Message"] = result.Crisis
            ? t["Screening_SavedCrisis", student.Name].Value
            : t["Screening_Saved", t["Instrument_" + score.Instrument].Value, t["Band_" + score.Band].Value].Value;
        return Redirect($"/Students/{student.Id}");
    }

    private ScreeningScore? TryScore()
    {
        try
        {
            return Instrument switch
            {
                Instrument.Phq9 or Instrument.Gad7 when Answers.Count != ItemCount || Answers.Any(a => a is null) =>
                    Fail("Screening_Unanswered"),
                Instrument.Phq9 => QuestionnaireScoring.Phq9(Answers.Select(a => a!.Value).ToList()),
                Instrument.Gad7 => QuestionnaireScoring.Gad7(Answers.Select(a => a!.Value).ToList()),
                Instrument.Mht => ParseMht() is { } mht ? MhtScoring.Score(mht) : Fail("Screening_MhtAnswersInvalid"),
                _ when Level is null => Fail("Screening_LevelRequired"),
                _ => QuestionnaireScoring.Provincial(Level!.Value, Total),
            };
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError("", labels.RuleViolation(e));
            return null;
        }
    }

    private ScreeningScore? Fail(string key)
    {
        ModelState.AddModelError("", t[key, ItemCount]);
        return null;
    }

    private int[]? AnswersOf(Instrument instrument) => instrument switch
    {
        Instrument.Phq9 or Instrument.Gad7 => Answers.Select(a => a!.Value).ToArray(),
        Instrument.Mht => ParseMht()?.ToArray(),
        _ => null,
    };

    /// <summary>A typed answer sheet: A/是/1/Y = yes, B/否/0/N = no; spaces, commas and line breaks ignored.</summary>
    private List<int>? ParseMht()
    {
        var answers = new List<int>();
        foreach (var c in MhtAnswers ?? "")
        {
            switch (char.ToUpperInvariant(c))
            {
                case 'A' or '1' or 'Y' or '是':
                    answers.Add(1);
                    break;
                case 'B' or '0' or 'N' or '否':
                    answers.Add(0);
                    break;
                case ' ' or ',' or '，' or '\r' or '\n' or '\t':
                    break;
                default:
                    return null;
            }
        }

        return answers.Count == MhtScoring.Items ? answers : null;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        // Screening is the psychology teachers' and leaders' work; head teachers log talks and visits.
        var name = User.SeesWholeSchool()
            ? await db.StudentsOf(User).Where(s => s.Id == StudentId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (name is null || !Enum.IsDefined(Instrument))
        {
            await audit.RecordAsync("create", "screening", StudentId, AuditLog.Denied, cancellationToken);
            return false;
        }

        StudentName = name;
        while (Answers.Count < ItemCount && Instrument is Instrument.Phq9 or Instrument.Gad7)
        {
            Answers.Add(null);
        }

        return true;
    }
}
