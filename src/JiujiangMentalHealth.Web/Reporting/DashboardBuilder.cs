using JiujiangMentalHealth.Domain.Outreach;
using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Domain.Workforce;
using JiujiangMentalHealth.Infrastructure.Persistence;
using JiujiangMentalHealth.Infrastructure.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>Whose dashboard: the city (a row per district), a district (a row per school) or one school.</summary>
public enum DashboardLevel
{
    City = 1,
    District = 2,
    School = 3,
}

/// <summary>A dashboard as shown: the scope's totals, one table per group of figures, and a trend.</summary>
public sealed record Dashboard(
    DashboardLevel Level,
    string ScopeName,
    Period Period,
    DateOnly AsOf,
    BimonthlyPeriod ReportPeriod,
    Totals Totals,
    IReadOnlyList<FigureTable> Tables,
    ChartSpec Trend,
    BureauOutreach? Bureau = null,
    DistrictAttention? Attention = null)
{
    /// <summary>Bureau views hide counts of 1 to 9 students (R11); a school sees its own figures.</summary>
    public bool Suppressed => Level != DashboardLevel.School;
}

/// <summary>A school named in a district's attention list, with what to say beside its name (or nothing).</summary>
public sealed record AttentionSchool(string Name, string? Detail = null);

/// <summary>
/// What a district official looks for first (journey 2): the schools short of full-time psychology
/// teachers (with their shortfall), the schools with overdue tier-1 reviews, the schools whose report
/// for the reporting period is not filed or was returned, and how many reports wait for review.
/// Names only for the overdue reviews: the per-school table beside it already shows each school's
/// count as 0, "&lt;10" or the number, so the list reveals nothing the table does not.
/// </summary>
public sealed record DistrictAttention(
    IReadOnlyList<AttentionSchool> ShortOfTeachers,
    IReadOnlyList<AttentionSchool> OverdueTier1,
    IReadOnlyList<AttentionSchool> ReportsMissing,
    int ReportsToReview);

/// <summary>
/// Outreach that belongs to no school: the activities the bureau itself organised in the period
/// and, for the city, the counselling centre's consultations per channel and its outreach events.
/// Consultations are anonymous and carry no school in these figures.
/// </summary>
public sealed record BureauOutreach(
    (int Count, int Participants) CityActivities,
    (int Count, int Participants) DistrictActivities,
    IReadOnlyDictionary<ConsultationChannel, int>? Consultations,
    int CentreEvents);

/// <summary>
/// Builds the dashboards of the city, a district and a school from <see cref="SchoolFiguresQuery"/>
/// (one statement) and a trend statement, applying small-cell suppression to every student count a
/// bureau sees — on the page, in its charts and in its exports alike.
/// </summary>
public sealed class DashboardBuilder(AppDbContext db, SchoolFiguresQuery figures, TrendQuery trends, IStringLocalizer<SharedResource> t)
{
    private sealed record Unit(int Id, string Name, string? Code, Totals Totals, SchoolFigures? School);

    public async Task<Dashboard> BuildAsync(DashboardLevel level, SchoolSelection selection, string scopeName, Period period, DateOnly today,
        CancellationToken cancellationToken)
    {
        var reportPeriod = ReportPeriodFor(period, today);
        var schools = await figures.ForAsync(selection, period, reportPeriod, today, cancellationToken);
        List<Unit> units;
        if (level == DashboardLevel.City)
        {
            var districts = await db.Districts.AsNoTracking().OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
            var byDistrict = schools.ToLookup(s => s.DistrictId);
            units = districts.Where(d => byDistrict.Contains(d.Id))
                .Select(d => new Unit(d.Id, d.Name, null, Totals.Of(byDistrict[d.Id].ToList()), null)).ToList();
        }
        else
        {
            var ids = schools.Select(s => s.SchoolId).ToList();
            var names = await db.Schools.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.Code }).ToDictionaryAsync(s => s.Id, cancellationToken);
            units = schools.OrderBy(s => names[s.SchoolId].Code)
                .Select(s => new Unit(s.SchoolId, names[s.SchoolId].Name, names[s.SchoolId].Code, Totals.Of([s]), s)).ToList();
        }

        var totals = Totals.Of(schools);
        var suppress = level != DashboardLevel.School;
        var tables = level == DashboardLevel.School ? [] : Tables(level, units, totals, suppress, reportPeriod);
        var trend = await TrendAsync(selection, period, today, includeSensitive: !suppress, cancellationToken);
        var bureau = level == DashboardLevel.School ? null : await BureauOutreachAsync(selection, period, today, cancellationToken);
        var attention = level == DashboardLevel.District ? Attention(units) : null;
        return new Dashboard(level, scopeName, period, period.AsOf(today), reportPeriod, totals, tables, trend, bureau, attention);
    }

    private DistrictAttention Attention(List<Unit> units)
    {
        var schools = units.Where(u => u.School is not null).Select(u => (u.Name, u.Code, Figures: u.School!)).ToList();
        return new DistrictAttention(
            schools.Where(s => s.Figures.Shortfall > 0).OrderByDescending(s => s.Figures.Shortfall).ThenBy(s => s.Code, StringComparer.Ordinal)
                .Select(s => new AttentionSchool(s.Name, t["Dash_AttentionShortBy", s.Figures.Shortfall])).ToList(),
            schools.Where(s => s.Figures.Overdue1 > 0).Select(s => new AttentionSchool(s.Name)).ToList(),
            schools.Where(s => s.Figures.ReportState is null or ReportState.Draft or ReportState.Returned)
                .Select(s => new AttentionSchool(s.Name, t["ReportState_" + (s.Figures.ReportState?.ToString() ?? "None")])).ToList(),
            schools.Count(s => s.Figures.ReportState == ReportState.Submitted));
    }

    private async Task<BureauOutreach> BureauOutreachAsync(SchoolSelection selection, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var (from, asOf) = (period.From, period.AsOf(today));
        var activities = db.Activities.AsNoTracking().Where(a => a.HeldOn >= from && a.HeldOn <= asOf);
        activities = selection.DistrictId is { } districtId
            ? activities.Where(a => a.Level == OrganiserLevel.District && a.DistrictId == districtId)
            : activities.Where(a => a.Level == OrganiserLevel.City || a.Level == OrganiserLevel.District);
        var byLevel = await activities.GroupBy(a => a.Level)
            .Select(g => new { g.Key, Count = g.Count(), Participants = g.Sum(a => a.Participants) })
            .ToDictionaryAsync(g => g.Key, g => (g.Count, g.Participants), cancellationToken);
        var city = byLevel.GetValueOrDefault(OrganiserLevel.City);
        var district = byLevel.GetValueOrDefault(OrganiserLevel.District);
        if (selection.DistrictId is not null)
        {
            return new BureauOutreach(default, district, null, 0);
        }

        var consultations = await db.Consultations.AsNoTracking().Where(c => c.OccurredOn >= from && c.OccurredOn <= asOf)
            .GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var centreEvents = await db.Activities.CountAsync(a => a.Level == OrganiserLevel.Centre && a.HeldOn >= from && a.HeldOn <= asOf, cancellationToken);
        return new BureauOutreach(city, district, Enum.GetValues<ConsultationChannel>().ToDictionary(c => c, c => consultations.GetValueOrDefault(c)), centreEvents);
    }

    /// <summary>The reporting period whose reports a dashboard counts: the latest that ended within (or before) its period.</summary>
    public static BimonthlyPeriod ReportPeriodFor(Period period, DateOnly today)
    {
        var latestEnded = BimonthlyPeriod.LatestEnded(today);
        var limit = period.To < latestEnded.To ? period.To : latestEnded.To;
        var last = BimonthlyPeriod.Containing(limit);
        return last.To > limit ? last.Previous : last;
    }

    private List<FigureTable> Tables(DashboardLevel level, List<Unit> units, Totals totals, bool suppress, BimonthlyPeriod reportPeriod)
    {
        var byDistrict = level == DashboardLevel.City;
        var nameHeader = t[byDistrict ? "Field_District" : "Field_SchoolName"];
        var labels = units.Select(u => u.Name).ToList();
        FigureRow Row(Unit u, IEnumerable<FigureCell> cells) => new(u.Name, u.Code, cells.ToList());
        FigureRow TotalRow(IEnumerable<FigureCell> cells) => new(t["Dash_Total"], null, cells.ToList());
        var tables = new List<FigureTable>();

        // 师资与场地 — no student counts: shown as they are.
        {
            string[] headers = byDistrict
                ? [t["Staffing_Schools"], t["Staffing_Enrolment"], t["Staffing_FullTime"], t["Staffing_PartTime"], t["Staffing_Required"], t["Staffing_Shortfall"], t["Staffing_SchoolsShort"], t["Dash_RoomsRequired"], t["Dash_RoomsRequiredBuilt"], t["Dash_RoomCoverage"], t["Dash_FeaturedSchools"]]
                : [t["Staffing_Enrolment"], t["Staffing_FullTime"], t["Staffing_PartTime"], t["Staffing_Required"], t["Staffing_Shortfall"], t["Dash_RoomRequired"], t["Dash_HasRoom"], t["Dash_Featured"]];
            IEnumerable<FigureCell> Cells(Totals x, SchoolFigures? s) => s is null
                ? [FigureCell.Number(x.Schools), FigureCell.Number(x.Enrolment), FigureCell.Number(x.FullTime), FigureCell.Number(x.PartTime), FigureCell.Number(x.Required),
                   FigureCell.Number(x.Shortfall, alert: x.Shortfall > 0), FigureCell.Number(x.SchoolsShort, alert: x.SchoolsShort > 0), FigureCell.Number(x.RoomsRequired),
                   FigureCell.Number(x.RoomsRequiredBuilt), FigureCell.Percent(x.RoomCoverage), FigureCell.Number(x.Featured)]
                : [s.Enrolment is { } e ? FigureCell.Number(e) : FigureCell.Label("—"), FigureCell.Number(s.FullTime), FigureCell.Number(s.PartTime), FigureCell.Number(s.Required),
                   FigureCell.Number(s.Shortfall, alert: s.Shortfall > 0), FigureCell.Label(t[s.NeedsRoom ? "Common_Yes" : "Common_No"]),
                   FigureCell.Label(t[s.HasRoom ? "Common_Yes" : "Common_No"]) with { Alert = s.NeedsRoom && !s.HasRoom },
                   FigureCell.Label(s.Featured is { } f ? t["FeaturedLevel_" + f] : "—")];
            var totalCells = byDistrict ? Cells(totals, null)
                : new[] { FigureCell.Number(totals.Enrolment), FigureCell.Number(totals.FullTime), FigureCell.Number(totals.PartTime), FigureCell.Number(totals.Required), FigureCell.Number(totals.Shortfall), FigureCell.Number(totals.RoomsRequired), FigureCell.Number(totals.RoomsRequiredBuilt), FigureCell.Number(totals.Featured) };
            tables.Add(new FigureTable("workforce", t["Dash_Workforce"], nameHeader, !byDistrict, headers,
                units.Select(u => Row(u, Cells(u.Totals, u.School))).ToList(), TotalRow(totalCells),
                [
                    new ChartSpec(t["Dash_ChartFullTime"], labels, [new(t["Staffing_FullTime"], units.Select(u => (decimal?)u.Totals.FullTime).ToList()), new(t["Staffing_Required"], units.Select(u => (decimal?)u.Totals.Required).ToList())]),
                    new ChartSpec(t["Dash_ChartShortfall"], labels, [new(t["Staffing_Shortfall"], units.Select(u => (decimal?)u.Totals.Shortfall).ToList())]),
                ], Suppressed: false));
        }

        // 筛查与预警 — warning levels are student counts: suppressed with their row total.
        {
            var warnings = Suppress(units, [x => x.Warning1, x => x.Warning2, x => x.Warning3], rowTotals: true, suppress);
            var rows = units.Select((u, i) => Row(u,
                [FigureCell.Number(u.Totals.StudentsOnFile), FigureCell.Number(u.Totals.ScreenedThisYear), FigureCell.Percent(u.Totals.Coverage),
                 .. warnings.Cells[i].Select(c => FigureCell.Of(c)), FigureCell.Of(warnings.RowTotals![i])])).ToList();
            var total = TotalRow([FigureCell.Number(totals.StudentsOnFile), FigureCell.Number(totals.ScreenedThisYear), FigureCell.Percent(totals.Coverage),
                .. warnings.ColumnTotals.Select(c => FigureCell.Of(c)), FigureCell.Of(warnings.GrandTotal!.Value)]);
            tables.Add(new FigureTable("screening", t["Dash_Screening"], nameHeader, !byDistrict,
                [t["Dash_StudentsOnFile"], t["Dash_ScreenedThisYear"], t["Dash_Coverage"], t["Dash_Warning1"], t["Dash_Warning2"], t["Dash_Warning3"], t["Dash_WarningTotal"]],
                rows, total,
                [
                    new ChartSpec(t["Dash_ChartCoverage"], labels, [new(t["Dash_Coverage"], units.Select(u => u.Totals.Coverage).ToList())], Percent: true),
                    new ChartSpec(t["Dash_ChartWarnings"], labels, [
                        new(t["Dash_Warning1"], warnings.Cells.Select(r => (decimal?)r[0].Visible).ToList()),
                        new(t["Dash_Warning2"], warnings.Cells.Select(r => (decimal?)r[1].Visible).ToList()),
                        new(t["Dash_Warning3"], warnings.Cells.Select(r => (decimal?)r[2].Visible).ToList())], Stacked: true),
                ], suppress));
        }

        // 三级帮扶 — tiers (with their total) and overdue reviews, tier 1 apart.
        {
            var tiers = Suppress(units, [x => x.Tier1, x => x.Tier2, x => x.Tier3], rowTotals: true, suppress);
            var overdue = Suppress(units, [x => x.Overdue1, x => x.Overdue23], rowTotals: false, suppress);
            var rows = units.Select((u, i) => Row(u,
                [.. tiers.Cells[i].Select(c => FigureCell.Of(c)), FigureCell.Of(tiers.RowTotals![i]),
                 FigureCell.Of(overdue.Cells[i][0], alertWhenPositive: true), FigureCell.Of(overdue.Cells[i][1], alertWhenPositive: true)])).ToList();
            var total = TotalRow([.. tiers.ColumnTotals.Select(c => FigureCell.Of(c)), FigureCell.Of(tiers.GrandTotal!.Value),
                FigureCell.Of(overdue.ColumnTotals[0], alertWhenPositive: true), FigureCell.Of(overdue.ColumnTotals[1], alertWhenPositive: true)]);
            tables.Add(new FigureTable("support", t["Dash_Support"], nameHeader, !byDistrict,
                [t["Dash_Tier1"], t["Dash_Tier2"], t["Dash_Tier3"], t["Dash_TierTotal"], t["Dash_Overdue1"], t["Dash_Overdue23"]],
                rows, total,
                [
                    new ChartSpec(t["Dash_ChartTiers"], labels, [
                        new(t["Dash_Tier1"], tiers.Cells.Select(r => (decimal?)r[0].Visible).ToList()),
                        new(t["Dash_Tier2"], tiers.Cells.Select(r => (decimal?)r[1].Visible).ToList()),
                        new(t["Dash_Tier3"], tiers.Cells.Select(r => (decimal?)r[2].Visible).ToList())], Stacked: true),
                ], suppress));
        }

        // 危机干预 — each column on its own (no row total adds them up).
        {
            var crises = Suppress(units, [x => x.CrisesOpened, x => x.CrisesClosed, x => x.Referrals, x => x.CrisesOpenNow], rowTotals: false, suppress);
            tables.Add(new FigureTable("crisis", t["Dash_Crisis"], nameHeader, !byDistrict,
                [t["Dash_CrisesOpened"], t["Dash_CrisesClosed"], t["Dash_Referrals"], t["Dash_CrisesOpenNow"]],
                units.Select((u, i) => Row(u, crises.Cells[i].Select(c => FigureCell.Of(c)))).ToList(),
                TotalRow(crises.ColumnTotals.Select(c => FigureCell.Of(c))),
                [new ChartSpec(t["Dash_ChartCrises"], labels, [new(t["Dash_CrisesOpened"], crises.Cells.Select(r => (decimal?)r[0].Visible).ToList()), new(t["Dash_Referrals"], crises.Cells.Select(r => (decimal?)r[2].Visible).ToList())])],
                suppress));
        }

        // 活动、家庭教育巡讲、谈心谈话与“万师访万家”家访, and training. Key-population students (言行异常、
        // 情感困惑 …) are students in need: their counts and the share visited are suppressed like the others.
        {
            var keyPopulation = Suppress(units, [x => x.KeyPopulationStudents, x => x.KeyPopulationVisited], rowTotals: false, suppress);
            static FigureCell Share(Cell students, Cell visited, decimal? share) =>
                students.State == CellState.Shown && visited.State == CellState.Shown ? FigureCell.Percent(share) : FigureCell.Label(FigureCell.ComplementaryText);
            IEnumerable<FigureCell> Cells(Totals x, Cell students, Cell visited) =>
                [FigureCell.Number(x.Activities), FigureCell.Number(x.ActivityParticipants), FigureCell.Number(x.FamilyLectures),
                 FigureCell.Number(x.Talks), FigureCell.Number(x.HomeVisits), FigureCell.Of(students), FigureCell.Of(visited),
                 Share(students, visited, x.KeyPopulationVisitedShare), FigureCell.Number(x.Trainees)];
            var shares = units.Select((u, i) => Share(keyPopulation.Cells[i][0], keyPopulation.Cells[i][1], u.Totals.KeyPopulationVisitedShare).Value as decimal?).ToList();
            tables.Add(new FigureTable("outreach", t["Dash_Outreach"], nameHeader, !byDistrict,
                [t["Dash_Activities"], t["Dash_ActivityParticipants"], t["Dash_FamilyLectures"], t["Dash_Talks"], t["Dash_HomeVisits"], t["Dash_KeyPopulation"],
                 t["Dash_KeyPopulationVisited"], t["Dash_KeyPopulationVisitedShare"], t["Dash_Trainees"]],
                units.Select((u, i) => Row(u, Cells(u.Totals, keyPopulation.Cells[i][0], keyPopulation.Cells[i][1]))).ToList(),
                TotalRow(Cells(totals, keyPopulation.ColumnTotals[0], keyPopulation.ColumnTotals[1])),
                [
                    new ChartSpec(t["Dash_ChartOutreach"], labels, [new(t["Dash_Activities"], units.Select(u => (decimal?)u.Totals.Activities).ToList()), new(t["Dash_FamilyLectures"], units.Select(u => (decimal?)u.Totals.FamilyLectures).ToList()), new(t["Dash_Talks"], units.Select(u => (decimal?)u.Totals.Talks).ToList()), new(t["Dash_HomeVisits"], units.Select(u => (decimal?)u.Totals.HomeVisits).ToList())]),
                    new ChartSpec(t["Dash_ChartVisitedShare"], labels, [new(t["Dash_KeyPopulationVisitedShare"], shares)], Percent: true),
                ],
                suppress));
        }

        // 双月数据填报 — completeness and timeliness of the reporting period.
        {
            var title = t["Dash_Reports", PeriodNames.BiMonth(t, reportPeriod)];
            string[] headers = byDistrict
                ? [t["Dash_ReportsExpected"], t["Dash_ReportsSubmitted"], t["Dash_ReportsOnTime"], t["Dash_ReportsApproved"], t["Dash_ReportsSubmittedShare"]]
                : [t["Dash_ReportState"], t["Dash_ReportsOnTime"]];
            IEnumerable<FigureCell> Cells(Totals x, SchoolFigures? s) => s is null
                ? [FigureCell.Number(x.Schools), FigureCell.Number(x.ReportsSubmitted), FigureCell.Number(x.ReportsOnTime), FigureCell.Number(x.ReportsApproved), FigureCell.Percent(x.ReportsSubmittedShare)]
                : [FigureCell.Label(t["ReportState_" + (s.ReportState?.ToString() ?? "None")]) with { Alert = s.ReportState is null or ReportState.Draft or ReportState.Returned },
                   FigureCell.Label(s.ReportOnTime is { } onTime ? t[onTime ? "Common_Yes" : "Common_No"] : "—")];
            var totalCells = byDistrict ? Cells(totals, null)
                : [FigureCell.Label(t["Dash_ReportsSubmittedOf", totals.ReportsSubmitted, totals.Schools]), FigureCell.Number(totals.ReportsOnTime)];
            tables.Add(new FigureTable("reports", title, nameHeader, !byDistrict, headers,
                units.Select(u => Row(u, Cells(u.Totals, u.School))).ToList(), TotalRow(totalCells),
                byDistrict ? [new ChartSpec(t["Dash_ChartReports"], labels, [new(t["Dash_ReportsSubmittedShare"], units.Select(u => u.Totals.ReportsSubmittedShare).ToList())], Percent: true)] : [],
                Suppressed: false));
        }

        return tables;
    }

    private static SuppressedTable Suppress(List<Unit> units, Func<Totals, int>[] columns, bool rowTotals, bool suppress)
    {
        // A district reads each school's report, so its per-school table hides totals rather than partners.
        var table = SmallCells.Suppress(units.Select(u => (IReadOnlyList<int>)columns.Select(c => c(u.Totals)).ToList()).ToList(), columns.Length, rowTotals,
            hideTotals: units.Count > 0 && units[0].School is not null);
        if (suppress)
        {
            return table;
        }

        static Cell Show(Cell c) => c with { State = CellState.Shown };
        return new SuppressedTable(
            table.Cells.Select(r => (IReadOnlyList<Cell>)r.Select(Show).ToList()).ToList(),
            table.RowTotals?.Select(Show).ToList(),
            table.ColumnTotals.Select(Show).ToList(),
            table.GrandTotal is { } g ? Show(g) : null);
    }

    /// <summary>
    /// The last six periods of the selected kind: students screened, talks and home visits (and, for a
    /// school, new crises and new support assignments). Bureau trends leave out crisis counts: with the
    /// period total beside them they could reveal a hidden small count.
    /// </summary>
    private async Task<ChartSpec> TrendAsync(SchoolSelection selection, Period period, DateOnly today, bool includeSensitive, CancellationToken cancellationToken)
    {
        var periods = period.LastPeriods(6);
        var froms = periods.Select(p => p.From).ToArray();
        var tos = periods.Select(p => p.AsOf(today)).ToArray();
        var rows = await trends.RunAsync(selection, froms, tos, cancellationToken);
        var series = new List<ChartSeries>
        {
            new(t["Dash_TrendScreened"], rows.Select(r => (decimal?)r.Screened).ToList()),
            new(t["Dash_Talks"], rows.Select(r => (decimal?)r.Talks).ToList()),
            new(t["Dash_HomeVisits"], rows.Select(r => (decimal?)r.HomeVisits).ToList()),
        };
        if (includeSensitive)
        {
            series.Add(new(t["Dash_CrisesOpened"], rows.Select(r => (decimal?)r.CrisesOpened).ToList()));
            series.Add(new(t["Dash_TrendNewAssignments"], rows.Select(r => (decimal?)r.NewAssignments).ToList()));
        }

        return new ChartSpec(t["Dash_Trend"], periods.Select(p => PeriodNames.Axis(t, p)).ToList(), series, Line: true);
    }
}
