using JiujiangMentalHealth.Domain.Reporting;
using JiujiangMentalHealth.Infrastructure.Reporting;

namespace JiujiangMentalHealth.Web.Reporting;

/// <summary>The figures of a set of schools (a district, the city, or one school) added up.</summary>
public sealed record Totals
{
    public int Schools { get; init; }

    public int Enrolment { get; init; }

    public int FullTime { get; init; }

    public int PartTime { get; init; }

    public int Required { get; init; }

    public int Shortfall { get; init; }

    public int SchoolsShort { get; init; }

    public int RoomsRequired { get; init; }

    public int RoomsRequiredBuilt { get; init; }

    public int RoomsBuilt { get; init; }

    public int Featured { get; init; }

    public int StudentsOnFile { get; init; }

    public int KeyPopulationStudents { get; init; }

    public int ScreenedThisYear { get; init; }

    public int ScreenedInPeriod { get; init; }

    public int Warning1 { get; init; }

    public int Warning2 { get; init; }

    public int Warning3 { get; init; }

    public int Tier1 { get; init; }

    public int Tier2 { get; init; }

    public int Tier3 { get; init; }

    public int Overdue1 { get; init; }

    public int Overdue23 { get; init; }

    public int CrisesOpened { get; init; }

    public int CrisesClosed { get; init; }

    public int Referrals { get; init; }

    public int CrisesOpenNow { get; init; }

    public int Talks { get; init; }

    public int HomeVisits { get; init; }

    public int KeyPopulationVisited { get; init; }

    public int Trainees { get; init; }

    public int Activities { get; init; }

    public int ActivityParticipants { get; init; }

    public int FamilyLectures { get; init; }

    public int FamilyLectureParticipants { get; init; }

    public int ReportsSubmitted { get; init; }

    public int ReportsOnTime { get; init; }

    public int ReportsApproved { get; init; }

    public decimal? Coverage => Percent(ScreenedThisYear, StudentsOnFile);

    public decimal? RoomCoverage => Percent(RoomsRequiredBuilt, RoomsRequired);

    public decimal? KeyPopulationVisitedShare => Percent(KeyPopulationVisited, KeyPopulationStudents);

    public decimal? ReportsSubmittedShare => Percent(ReportsSubmitted, Schools);

    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    public static Totals Of(IReadOnlyCollection<SchoolFigures> schools) => new()
    {
        Schools = schools.Count,
        Enrolment = schools.Sum(s => s.Enrolment ?? 0),
        FullTime = schools.Sum(s => s.FullTime),
        PartTime = schools.Sum(s => s.PartTime),
        Required = schools.Sum(s => s.Required),
        Shortfall = schools.Sum(s => s.Shortfall),
        SchoolsShort = schools.Count(s => s.Shortfall > 0),
        RoomsRequired = schools.Count(s => s.NeedsRoom),
        RoomsRequiredBuilt = schools.Count(s => s.NeedsRoom && s.HasRoom),
        RoomsBuilt = schools.Count(s => s.HasRoom),
        Featured = schools.Count(s => s.Featured is not null),
        StudentsOnFile = schools.Sum(s => s.StudentsOnFile),
        KeyPopulationStudents = schools.Sum(s => s.KeyPopulationStudents),
        ScreenedThisYear = schools.Sum(s => s.ScreenedThisYear),
        ScreenedInPeriod = schools.Sum(s => s.ScreenedInPeriod),
        Warning1 = schools.Sum(s => s.Warning1),
        Warning2 = schools.Sum(s => s.Warning2),
        Warning3 = schools.Sum(s => s.Warning3),
        Tier1 = schools.Sum(s => s.Tier1),
        Tier2 = schools.Sum(s => s.Tier2),
        Tier3 = schools.Sum(s => s.Tier3),
        Overdue1 = schools.Sum(s => s.Overdue1),
        Overdue23 = schools.Sum(s => s.Overdue23),
        CrisesOpened = schools.Sum(s => s.CrisesOpened),
        CrisesClosed = schools.Sum(s => s.CrisesClosed),
        Referrals = schools.Sum(s => s.Referrals),
        CrisesOpenNow = schools.Sum(s => s.CrisesOpenNow),
        Talks = schools.Sum(s => s.Talks),
        HomeVisits = schools.Sum(s => s.HomeVisits),
        KeyPopulationVisited = schools.Sum(s => s.KeyPopulationVisited),
        Trainees = schools.Sum(s => s.Trainees),
        Activities = schools.Sum(s => s.Activities),
        ActivityParticipants = schools.Sum(s => s.ActivityParticipants),
        FamilyLectures = schools.Sum(s => s.FamilyLectures),
        FamilyLectureParticipants = schools.Sum(s => s.FamilyLectureParticipants),
        ReportsSubmitted = schools.Count(s => s.ReportState is ReportState.Submitted or ReportState.Approved),
        ReportsOnTime = schools.Count(s => s.ReportOnTime == true),
        ReportsApproved = schools.Count(s => s.ReportState == ReportState.Approved),
    };
}
