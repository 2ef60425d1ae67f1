using JiujiangMentalHealth.Domain.Access;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Web.Access;
using JiujiangMentalHealth.Web.Identity;
using JiujiangMentalHealth.Web.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.Web.Pages.Reports;

/// <summary>
/// 双月数据填报 — a school sees its reports period by period; a district the state of each of its
/// schools' reports; the city, per district, how many are expected, submitted, on time and approved,
/// and exports the city aggregate in the layout of the provincial form.
/// </summary>
public class IndexModel(AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t, IOptions<ReportingOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DistrictId { get; set; }

    /// <summary>Show only schools whose report still needs something (not submitted, or returned).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Pending { get; set; }

    /// <summary>
    /// Which schools a district lists: all (empty), <c>pending</c> (not approved yet), <c>review</c>
    /// (submitted, waiting for the district), <c>missing</c> (not submitted, a draft, or returned) or
    /// <c>approved</c>. <c>pending=true</c> is the same as <c>state=pending</c>.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>A school's name or code, to find one school among a district's (修水县 has 166).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The district view's filters with the number of schools each one lists, in menu order.</summary>
    public IReadOnlyList<(string Value, int Count)> StateChoices { get; private set; } = [];

    public BimonthlyPeriod ReportPeriod { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly Today { get; private set; }

    public ScopeLevel View { get; private set; }

    public string ScopeName { get; private set; } = "";

    public IReadOnlyList<BimonthlyPeriod> Periods { get; private set; } = [];

    /// <summary>A school's own reports, one per period (school view).</summary>
    public IReadOnlyList<(BimonthlyPeriod Period, ReportState? State, bool? OnTime)> Own { get; private set; } = [];

    /// <summary>One row per school (district view).</summary>
    public IReadOnlyList<SchoolRow> Schools { get; private set; } = [];

    /// <summary>One row per district (city view) and the city total.</summary>
    public IReadOnlyList<DistrictRow> Districts { get; private set; } = [];

    public DistrictRow? CityTotal { get; private set; }

    public sealed record SchoolRow(int SchoolId, string Code, string Name, ReportState? State, DateTimeOffset? SubmittedAt, bool? OnTime);

    public sealed record DistrictRow(int DistrictId, string Name, int Expected, int Submitted, int OnTime, int Approved, int Returned)
    {
        public decimal? SubmittedShare => Totals.Percent(Submitted, Expected);
    }

    private static readonly Dictionary<string, Func<ReportState?, bool>> Filters = new(StringComparer.Ordinal)
    {
        [""] = _ => true,
        ["pending"] = s => s != ReportState.Approved,
        ["review"] = s => s == ReportState.Submitted,
        ["missing"] = s => s is null or ReportState.Draft or ReportState.Returned,
        ["approved"] = s => s == ReportState.Approved,
    };

    /// <summary>"待审核（14）": a filter's name with the number of schools it lists.</summary>
    public string ChoiceLabel(string value, int count) =>
        t["Reports_Show" + (value.Length == 0 ? "All" : char.ToUpperInvariant(value[0]) + value[1..]), count];

    public string PeriodName(BimonthlyPeriod period) => PeriodNames.BiMonth(t, period);

    public string StateLabel(ReportState? state) => t["ReportState_" + (state?.ToString() ?? "None")];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>The city aggregate of approved reports, per district, in the provincial form's columns.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || View != ScopeLevel.City)
        {
            return NotFound();
        }

        var sums = await db.BimonthlyReports.AsNoTracking()
            .Where(r => r.PeriodStart == ReportPeriod.From && r.State == ReportState.Approved)
            .Join(db.Schools, r => r.SchoolId, s => s.Id, (r, s) => new { s.DistrictId, r.Reported })
            .GroupBy(x => x.DistrictId)
            .Select(g => new
            {
                DistrictId = g.Key,
                Enrolment = g.Sum(x => x.Reported.Enrolment),
                FullTime = g.Sum(x => x.Reported.FullTimeTeachers),
                PartTime = g.Sum(x => x.Reported.PartTimeTeachers),
                Screened = g.Sum(x => x.Reported.StudentsScreened),
                Tier1 = g.Sum(x => x.Reported.Tier1),
                Tier2 = g.Sum(x => x.Reported.Tier2),
                Tier3 = g.Sum(x => x.Reported.Tier3),
                Crises = g.Sum(x => x.Reported.NewCrises),
                Referrals = g.Sum(x => x.Reported.Referrals),
                Talks = g.Sum(x => x.Reported.Talks),
                HomeVisits = g.Sum(x => x.Reported.HomeVisits),
                Trainees = g.Sum(x => x.Reported.Trainees),
                Activities = g.Sum(x => x.Reported.Activities),
                Participants = g.Sum(x => x.Reported.ActivityParticipants),
                Lectures = g.Sum(x => x.Reported.FamilyLectures),
            })
            .ToDictionaryAsync(x => x.DistrictId, cancellationToken);
        var empty = new { DistrictId = 0, Enrolment = 0, FullTime = 0, PartTime = 0, Screened = 0, Tier1 = 0, Tier2 = 0, Tier3 = 0, Crises = 0, Referrals = 0, Talks = 0, HomeVisits = 0, Trainees = 0, Activities = 0, Participants = 0, Lectures = 0 };
        var rows = Districts.Select(d => (District: d, Sum: sums.GetValueOrDefault(d.DistrictId) ?? empty)).ToList();

        // Student counts (tiers, crises, referrals) leave the portal suppressed, like on the bureau pages.
        var sensitive = SmallCells.Suppress(rows.Select(r => (IReadOnlyList<int>)[r.Sum.Tier1, r.Sum.Tier2, r.Sum.Tier3, r.Sum.Crises, r.Sum.Referrals]).ToList(), 5, withRowTotals: false);
        object? Cell(Cell c) => FigureCell.Of(c).Value;
        string[] headers =
        [
            t["Field_District"], t["Dash_ReportsExpected"], t["Dash_ReportsApproved"], t["Report_Enrolment"], t["Report_FullTimeTeachers"], t["Report_PartTimeTeachers"],
            t["Report_StudentsScreened"], t["Report_Tier1"], t["Report_Tier2"], t["Report_Tier3"], t["Report_NewCrises"], t["Report_Referrals"],
            t["Report_Talks"], t["Report_HomeVisits"], t["Report_Trainees"], t["Report_Activities"], t["Report_ActivityParticipants"], t["Report_FamilyLectures"],
        ];
        var lines = rows.Select((r, i) => (IReadOnlyList<object?>)new object?[]
            {
                r.District.Name, r.District.Expected, r.District.Approved, r.Sum.Enrolment, r.Sum.FullTime, r.Sum.PartTime, r.Sum.Screened,
                Cell(sensitive.Cells[i][0]), Cell(sensitive.Cells[i][1]), Cell(sensitive.Cells[i][2]), Cell(sensitive.Cells[i][3]), Cell(sensitive.Cells[i][4]),
                r.Sum.Talks, r.Sum.HomeVisits, r.Sum.Trainees, r.Sum.Activities, r.Sum.Participants, r.Sum.Lectures,
            })
            .Append(
            [
                t["Report_CityTotal"].Value, CityTotal!.Expected, CityTotal.Approved, rows.Sum(r => r.Sum.Enrolment), rows.Sum(r => r.Sum.FullTime), rows.Sum(r => r.Sum.PartTime),
                rows.Sum(r => r.Sum.Screened), .. sensitive.ColumnTotals.Select(Cell), rows.Sum(r => r.Sum.Talks), rows.Sum(r => r.Sum.HomeVisits), rows.Sum(r => r.Sum.Trainees),
                rows.Sum(r => r.Sum.Activities), rows.Sum(r => r.Sum.Participants), rows.Sum(r => r.Sum.Lectures),
            ])
            .ToList();
        await audit.RecordAsync("export", "report-aggregate", ReportPeriod.Key, cancellationToken: cancellationToken);
        var title = t["Report_AggregateTitle", PeriodName(ReportPeriod)];
        using var stream = new MemoryStream();
        Infrastructure.Tabular.TabularWriter.WriteXlsx(stream, headers, lines, t["Report_AggregateSheet"]);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{title}.xlsx");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Today = ChinaTime.Today(clock);
        if (!ReportPeriods.TryResolve(Period, Today, out var period))
        {
            return false;
        }

        ReportPeriod = period;
        var periods = ReportPeriods.Recent(Today);
        Periods = periods;
        DueOn = ReportPeriod.DueOn(options.Value.DeadlineDay);
        var scope = User.Scope();
        if (scope.Level == ScopeLevel.School)
        {
            if (DistrictId is not null)
            {
                return false;
            }

            View = ScopeLevel.School;
            ScopeName = await db.Schools.Where(s => s.Id == scope.SchoolId).Select(s => s.Name).SingleAsync(cancellationToken);
            var froms = periods.Select(p => p.From).ToList();
            var states = await db.BimonthlyReports.AsNoTracking().Where(r => r.SchoolId == scope.SchoolId && froms.Contains(r.PeriodStart))
                .Select(r => new { r.PeriodStart, r.State, r.OnTime }).ToDictionaryAsync(r => r.PeriodStart, cancellationToken);
            Own = periods.Select(p => (p, states.TryGetValue(p.From, out var s) ? s.State : (ReportState?)null, states.TryGetValue(p.From, out var o) ? o.OnTime : null)).ToList();
            return true;
        }

        if (scope.Level == ScopeLevel.City && DistrictId is null)
        {
            View = ScopeLevel.City;
            ScopeName = t["Scope_City"];
            var counts = await db.Schools.AsNoTracking()
                .GroupBy(s => new { s.DistrictId, s.District!.Name, s.District.SortOrder })
                .Select(g => new
                {
                    g.Key.DistrictId,
                    g.Key.Name,
                    g.Key.SortOrder,
                    Expected = g.Count(),
                    Submitted = g.Count(s => db.BimonthlyReports.Any(r => r.SchoolId == s.Id && r.PeriodStart == ReportPeriod.From && (r.State == ReportState.Submitted || r.State == ReportState.Approved))),
                    OnTime = g.Count(s => db.BimonthlyReports.Any(r => r.SchoolId == s.Id && r.PeriodStart == ReportPeriod.From && r.OnTime == true)),
                    Approved = g.Count(s => db.BimonthlyReports.Any(r => r.SchoolId == s.Id && r.PeriodStart == ReportPeriod.From && r.State == ReportState.Approved)),
                    Returned = g.Count(s => db.BimonthlyReports.Any(r => r.SchoolId == s.Id && r.PeriodStart == ReportPeriod.From && r.State == ReportState.Returned)),
                })
                .ToListAsync(cancellationToken);
            Districts = counts.OrderBy(c => c.SortOrder).Select(c => new DistrictRow(c.DistrictId, c.Name, c.Expected, c.Submitted, c.OnTime, c.Approved, c.Returned)).ToList();
            CityTotal = new DistrictRow(0, t["Report_CityTotal"], Districts.Sum(d => d.Expected), Districts.Sum(d => d.Submitted), Districts.Sum(d => d.OnTime), Districts.Sum(d => d.Approved), Districts.Sum(d => d.Returned));
            return true;
        }

        var districtId = DistrictId ?? scope.DistrictId;
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == districtId, cancellationToken);
        if (district is null || !scope.Covers(district))
        {
            return false;
        }

        View = ScopeLevel.District;
        ScopeName = district.Name;
        var rows = await db.Schools.AsNoTracking().Where(s => s.DistrictId == district.Id)
            .Select(s => new
            {
                s.Id,
                s.Code,
                s.Name,
                Report = db.BimonthlyReports.Where(r => r.SchoolId == s.Id && r.PeriodStart == ReportPeriod.From)
                    .Select(r => new { r.State, r.SubmittedAt, r.OnTime }).FirstOrDefault(),
            })
            .OrderBy(s => s.Code)
            .ToListAsync(cancellationToken);
        var all = rows.Select(r => new SchoolRow(r.Id, r.Code, r.Name, r.Report?.State, r.Report?.SubmittedAt, r.Report?.OnTime)).ToList();
        State = string.IsNullOrEmpty(State) && Pending ? "pending" : State;
        if (!string.IsNullOrEmpty(State) && !Filters.ContainsKey(State))
        {
            return false;
        }

        StateChoices = Filters.Keys.Select(k => (k, k.Length == 0 ? all.Count : all.Count(r => Filters[k](r.State)))).ToList();
        var q = Q?.Trim();
        Schools = all
            .Where(r => string.IsNullOrEmpty(State) || Filters[State](r.State))
            .Where(r => string.IsNullOrEmpty(q) || r.Name.Contains(q, StringComparison.Ordinal) || r.Code.Contains(q, StringComparison.Ordinal))
            .OrderBy(r => r.State == ReportState.Submitted ? 0 : r.State is null or ReportState.Draft or ReportState.Returned ? 1 : 2).ThenBy(r => r.Code)
            .ToList();
        return true;
    }
}
