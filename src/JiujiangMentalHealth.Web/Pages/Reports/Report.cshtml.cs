using System.ComponentModel.DataAnnotations;
using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Localization;
using JiujiangMentalHealth.Web.Pages.Shared;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.Web.Pages.Reports;

/// <summary>
/// One school's bi-monthly report: the school's leaders and psychology teachers fill it in (pre-filled
/// from the portal) and submit it; the district approves or returns it, and may reopen an approved one;
/// the city reads it. Bureaus see the student counts with small-cell suppression.
/// </summary>
public class ReportModel(AppDbContext db, SchoolFiguresQuery figures, AuditLog audit, Labels labels, IStringLocalizer<SharedResource> t,
    IOptions<ReportingOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? SchoolId { get; set; }

    [BindProperty]
    public FiguresInput Figures { get; set; } = new();

    [BindProperty]
    public string? CorrectionNote { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public uint RowVersion { get; set; }

    public BimonthlyPeriod ReportPeriod { get; private set; }

    /// <summary>The stored report's version now (the posted <see cref="RowVersion"/> is the one the form was shown with).</summary>
    public uint CurrentRowVersion { get; private set; }

    public string SchoolName { get; private set; } = "";

    public string DistrictName { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The stored report, or null while nothing was saved.</summary>
    public BimonthlyReport? Report { get; private set; }

    public ReportFigures Prefilled { get; private set; } = new();

    public ReportState State => Report?.State ?? ReportState.Draft;

    /// <summary>The school's own users may edit; bureaus only read (with suppression).</summary>
    public bool IsFiler { get; private set; }

    public bool IsReviewer { get; private set; }

    public bool CanEdit => IsFiler && (Report?.IsEditable ?? true);

    public bool PeriodEnded => Today > ReportPeriod.To;

    public string PeriodName => PeriodNames.BiMonth(t, ReportPeriod);

    /// <summary>The input form's fields, one per figure.</summary>
    public sealed class FiguresInput
    {
        [Display(Name = "Report_Enrolment")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Enrolment { get; set; }

        [Display(Name = "Report_FullTimeTeachers")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int FullTimeTeachers { get; set; }

        [Display(Name = "Report_PartTimeTeachers")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int PartTimeTeachers { get; set; }

        [Display(Name = "Report_StudentsScreened")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int StudentsScreened { get; set; }

        [Display(Name = "Report_Tier1")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Tier1 { get; set; }

        [Display(Name = "Report_Tier2")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Tier2 { get; set; }

        [Display(Name = "Report_Tier3")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Tier3 { get; set; }

        [Display(Name = "Report_NewCrises")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int NewCrises { get; set; }

        [Display(Name = "Report_Referrals")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Referrals { get; set; }

        [Display(Name = "Report_Talks")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Talks { get; set; }

        [Display(Name = "Report_HomeVisits")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int HomeVisits { get; set; }

        [Display(Name = "Report_Trainees")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Trainees { get; set; }

        [Display(Name = "Report_Activities")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int Activities { get; set; }

        [Display(Name = "Report_ActivityParticipants")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int ActivityParticipants { get; set; }

        [Display(Name = "Report_FamilyLectures")]
        [Range(0, ReportFigures.Maximum, ErrorMessage = "Validation_Range")]
        public int FamilyLectures { get; set; }

        public ReportFigures ToFigures() => new()
        {
            Enrolment = Enrolment, FullTimeTeachers = FullTimeTeachers, PartTimeTeachers = PartTimeTeachers, StudentsScreened = StudentsScreened,
            Tier1 = Tier1, Tier2 = Tier2, Tier3 = Tier3, NewCrises = NewCrises, Referrals = Referrals, Talks = Talks, HomeVisits = HomeVisits, Trainees = Trainees,
            Activities = Activities, ActivityParticipants = ActivityParticipants, FamilyLectures = FamilyLectures,
        };

        public static FiguresInput From(ReportFigures f) => new()
        {
            Enrolment = f.Enrolment, FullTimeTeachers = f.FullTimeTeachers, PartTimeTeachers = f.PartTimeTeachers, StudentsScreened = f.StudentsScreened,
            Tier1 = f.Tier1, Tier2 = f.Tier2, Tier3 = f.Tier3, NewCrises = f.NewCrises, Referrals = f.Referrals, Talks = f.Talks, HomeVisits = f.HomeVisits, Trainees = f.Trainees,
            Activities = f.Activities, ActivityParticipants = f.ActivityParticipants, FamilyLectures = f.FamilyLectures,
        };
    }

    public string FigureLabel(string name) => t["Report_" + name];

    /// <summary>A reported figure as this user may see it.</summary>
    public string Shown(string name, int value) =>
        IsFiler || !ReportFigures.Sensitive.Contains(name) ? value.ToString("N0") : FigureCell.Of(SmallCells.Of(value)).Text;

    public string StateLabel(ReportState state) => t["ReportState_" + state];

    public string ActionLabel(ReportAction action) => t["ReportAction_" + action];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        RowVersion = CurrentRowVersion;
        Figures = FiguresInput.From(Report?.IsEditable == false ? Report.Reported : (Report is null ? Prefilled : Refilled(Report)));
        CorrectionNote = Report?.CorrectionNote;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        FileAsync("report-save", (report, by, now) =>
        {
            report.Save(Figures.ToFigures(), CorrectionNote, by, now);
            return t["Report_Saved"];
        }, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) =>
        FileAsync("report-submit", (report, by, now) =>
        {
            report.Save(Figures.ToFigures(), CorrectionNote, by, now);
            report.Submit(by, now, Today, DueOn);
            return t["Report_SubmittedMessage"];
        }, cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        ReviewAsync("report-approve", (report, by, now) =>
        {
            report.Approve(by, now);
            return t["Report_ApprovedMessage"];
        }, cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) =>
        ReviewAsync("report-return", (report, by, now) =>
        {
            report.Return(Comment ?? "", by, now);
            return t["Report_ReturnedMessage"];
        }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) =>
        ReviewAsync("report-reopen", (report, by, now) =>
        {
            report.Reopen(Comment ?? "", by, now);
            return t["Report_ReopenedMessage"];
        }, cancellationToken);

    private async Task<IActionResult> FileAsync(string action, Func<BimonthlyReport, string, DateTimeOffset, string> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!IsFiler)
        {
            await audit.RecordAsync(action, "report", $"{SchoolId}:{ReportPeriod.Key}", AuditLog.Denied, cancellationToken);
            return Forbid();
        }

        return await ChangeAsync(action, createIfMissing: true, change, cancellationToken);
    }

    private async Task<IActionResult> ReviewAsync(string action, Func<BimonthlyReport, string, DateTimeOffset, string> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!IsReviewer || Report is null)
        {
            await audit.RecordAsync(action, "report", $"{SchoolId}:{ReportPeriod.Key}", AuditLog.Denied, cancellationToken);
            return Report is null ? NotFound() : Forbid();
        }

        return await ChangeAsync(action, createIfMissing: false, change, cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(string action, bool createIfMissing, Func<BimonthlyReport, string, DateTimeOffset, string> change, CancellationToken cancellationToken)
    {
        ModelState.Remove(nameof(Comment));
        ModelState.Remove(nameof(CorrectionNote));
        if (ModelState.IsValid)
        {
            try
            {
                var report = await db.BimonthlyReports.Include(r => r.Events)
                    .SingleOrDefaultAsync(r => r.SchoolId == SchoolId && r.PeriodStart == ReportPeriod.From, cancellationToken);
                if (report is null)
                {
                    if (!createIfMissing || RowVersion != 0)
                    {
                        throw new DbUpdateConcurrencyException();
                    }

                    report = new BimonthlyReport(SchoolId!.Value, ReportPeriod, Prefilled);
                    db.BimonthlyReports.Add(report);
                }
                else
                {
                    if (createIfMissing && !report.IsEditable)
                    {
                        // A locked or submitted report refuses the school's change whatever form it came from.
                        change(report, User.Identity!.Name!, clock.GetUtcNow());
                    }

                    // A form shown before someone else's change is refused, before any rule runs on the newer state.
                    if (db.Entry(report).Property<uint>(nameof(RowVersion)).CurrentValue != RowVersion)
                    {
                        throw new DbUpdateConcurrencyException();
                    }

                    db.Entry(report).Property(nameof(RowVersion)).OriginalValue = RowVersion;
                    if (createIfMissing && report.IsEditable)
                    {
                        report.Refill(Prefilled);
                    }
                }

                var message = change(report, User.Identity!.Name!, clock.GetUtcNow());
                db.Entry(report).Property(r => r.State).IsModified = db.Entry(report).State != EntityState.Added;
                // The report and its audit entry are one save: both or neither.
                audit.Add(db, action, "report", $"{SchoolId}:{ReportPeriod.Key}");
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = message;
                return RedirectToPage("/Reports/Report", new { period = ReportPeriod.Key, schoolId = IsFiler ? (int?)null : SchoolId });
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
                ModelState.AddModelError("", t["Common_ConcurrencyConflict"]);
            }
        }

        // Nothing was saved: show the report as it stands, keeping what the user typed; the next save is against it.
        db.ChangeTracker.Clear();
        await LoadAsync(cancellationToken);
        ModelState.Remove(nameof(RowVersion));
        RowVersion = CurrentRowVersion;
        return Page();
    }

    private ReportFigures Refilled(BimonthlyReport report)
    {
        report.Refill(Prefilled);
        return report.Reported;
    }

    /// <summary>
    /// A report outside the user's scope is "not found" for every handler (view, file or review), and
    /// the attempt is audited as denied here, in the one place all of them pass through.
    /// </summary>
    private async Task<bool> RefuseAsync(CancellationToken cancellationToken)
    {
        await audit.RecordAsync(HttpMethods.IsGet(Request.Method) ? "view" : "change", "report", $"{SchoolId}:{ReportPeriod.Key}", AuditLog.Denied, cancellationToken);
        return false;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        if (!ReportPeriods.TryResolve(Period, Today, out var period))
        {
            return false;
        }

        ReportPeriod = period;

        var scope = User.Scope();
        if (scope.Level == ScopeLevel.City)
        {
            // The city follows completeness and the aggregate; one school's student counts are for its district.
            return await RefuseAsync(cancellationToken);
        }

        if (scope.Level == ScopeLevel.School)
        {
            if (SchoolId is not null && SchoolId != scope.SchoolId)
            {
                return await RefuseAsync(cancellationToken);
            }

            SchoolId = scope.SchoolId;
        }

        var school = await db.Schools.AsNoTracking().VisibleTo(scope).Where(s => s.Id == SchoolId)
            .Select(s => new { s.Id, s.Name, District = s.District!.Name }).SingleOrDefaultAsync(cancellationToken);
        if (school is null)
        {
            return await RefuseAsync(cancellationToken);
        }

        SchoolName = school.Name;
        DistrictName = school.District;
        IsFiler = scope.Level == ScopeLevel.School && (User.IsInRole(Roles.SchoolLeader) || User.IsInRole(Roles.Counsellor));
        IsReviewer = scope.Level == ScopeLevel.District && User.IsInRole(Roles.DistrictBureau);
        DueOn = ReportPeriod.DueOn(options.Value.DeadlineDay);
        Report = await db.BimonthlyReports.AsNoTracking().Include(r => r.Events.OrderBy(e => e.At).ThenBy(e => e.Id))
            .SingleOrDefaultAsync(r => r.SchoolId == school.Id && r.PeriodStart == ReportPeriod.From, cancellationToken);
        if (Report is not null)
        {
            CurrentRowVersion = await db.BimonthlyReports.Where(r => r.Id == Report.Id).Select(r => EF.Property<uint>(r, nameof(RowVersion))).SingleAsync(cancellationToken);
        }

        if (IsFiler && (Report is null || Report.IsEditable))
        {
            var rows = await figures.ForAsync(new SchoolSelection(SchoolId: school.Id), Domain.Reporting.Period.OfBiMonth(ReportPeriod), ReportPeriod, Today, cancellationToken);
            Prefilled = rows.Single().ToReport();
        }
        else
        {
            Prefilled = Report?.Prefilled ?? new ReportFigures();
        }

        return true;
    }
}
