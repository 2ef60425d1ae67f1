using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Reporting;

namespace JiujiangMentalHealth.UnitTests.Reporting;

public class BimonthlyReportTests
{
    private static readonly BimonthlyPeriod SepOct = new(2026, 9);
    private static readonly DateOnly Due = SepOct.DueOn(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly ReportFigures Prefilled = new() { Enrolment = 1200, FullTimeTeachers = 2, PartTimeTeachers = 3, StudentsScreened = 1150, Tier1 = 3, Tier2 = 8, Tier3 = 20, NewCrises = 1, Referrals = 1, Talks = 300, HomeVisits = 40, Trainees = 5 };

    private static BimonthlyReport Draft() => new(42, SepOct, Prefilled);

    private static BimonthlyReport Submitted()
    {
        var report = Draft();
        report.Submit("counsellor", Now, new DateOnly(2026, 11, 5), Due);
        return report;
    }

    private static string Refused(Action action) => Assert.Throws<DomainRuleException>(action).Code;

    [Fact]
    public void A_new_report_is_a_draft_with_the_prefilled_figures()
    {
        var report = Draft();

        Assert.Equal(ReportState.Draft, report.State);
        Assert.Equal(Prefilled, report.Reported);
        Assert.False(report.IsCorrected);
    }

    [Fact]
    public void Submitting_by_the_deadline_is_on_time_and_after_it_is_late()
    {
        var onTime = Draft();
        onTime.Submit("counsellor", Now, Due, Due);
        var late = Draft();
        late.Submit("counsellor", Now, Due.AddDays(1), Due);

        Assert.Equal(ReportState.Submitted, onTime.State);
        Assert.True(onTime.OnTime);
        Assert.False(late.OnTime);
    }

    [Fact]
    public void A_report_cannot_be_submitted_before_its_period_has_ended() =>
        Assert.Equal("Report_PeriodNotEnded", Refused(() => Draft().Submit("counsellor", Now, SepOct.To, Due)));

    [Fact]
    public void A_corrected_figure_needs_a_note_before_submitting()
    {
        var report = Draft();
        report.Save(Prefilled with { Talks = 310 }, null, "counsellor", Now);

        Assert.Equal("Report_CorrectionNoteRequired", Refused(() => report.Submit("counsellor", Now, Due, Due)));
        report.Save(Prefilled with { Talks = 310 }, "10 次谈话记在纸质台账上", "counsellor", Now);
        report.Submit("counsellor", Now, Due, Due);
        Assert.Equal(ReportState.Submitted, report.State);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ReportFigures.Maximum + 1)]
    public void Figures_out_of_range_are_refused(int talks) =>
        Assert.Equal("Report_FigureOutOfRange", Refused(() => Draft().Save(Prefilled with { Talks = talks }, "x", "counsellor", Now)));

    [Fact]
    public void More_students_in_support_than_enrolled_is_refused() =>
        Assert.Equal("Report_TiersExceedEnrolment", Refused(() => Draft().Save(Prefilled with { Tier3 = 1190 }, "x", "counsellor", Now)));

    [Fact]
    public void Returned_reports_go_back_to_the_school_with_the_comment_and_keep_the_first_timeliness()
    {
        var report = Submitted();
        Assert.Equal("Report_ReturnCommentRequired", Refused(() => report.Return("  ", "xunyang", Now)));

        report.Return("筛查人数与普测名单不符，请核对", "xunyang", Now);
        Assert.Equal(ReportState.Returned, report.State);
        Assert.Equal("筛查人数与普测名单不符，请核对", report.ReviewComment);

        report.Save(Prefilled with { StudentsScreened = 1160 }, "补录 10 人", "counsellor", Now);
        report.Submit("counsellor", Now.AddDays(20), Due.AddDays(20), Due);
        Assert.Equal(ReportState.Submitted, report.State);
        Assert.True(report.OnTime);
    }

    [Fact]
    public void An_approved_report_is_locked_until_the_district_reopens_it()
    {
        var report = Submitted();
        report.Approve("xunyang", Now);

        Assert.Equal("Report_Locked", Refused(() => report.Save(Prefilled, null, "counsellor", Now)));
        Assert.Equal("Report_Locked", Refused(() => report.Submit("counsellor", Now, Due, Due)));
        Assert.Equal("Report_NotSubmitted", Refused(() => report.Return("x", "xunyang", Now)));
        Assert.Equal("Report_ReopenReasonRequired", Refused(() => report.Reopen("", "xunyang", Now)));

        report.Reopen("学校申请更正家访人次", "xunyang", Now);
        Assert.Equal(ReportState.Returned, report.State);
        Assert.Equal(
            [ReportAction.Submitted, ReportAction.Approved, ReportAction.Reopened],
            report.Events.Select(e => e.Action));
    }

    [Fact]
    public void Only_submitted_reports_can_be_approved_or_returned()
    {
        Assert.Equal("Report_NotSubmitted", Refused(() => Draft().Approve("xunyang", Now)));
        Assert.Equal("Report_NotSubmitted", Refused(() => Draft().Return("x", "xunyang", Now)));
        Assert.Equal("Report_NotApproved", Refused(() => Submitted().Reopen("x", "xunyang", Now)));
        Assert.Equal("Report_AwaitingReview", Refused(() => Submitted().Save(Prefilled, null, "counsellor", Now)));
    }

    [Fact]
    public void Refilling_follows_the_portal_unless_the_school_corrected_the_figures()
    {
        var untouched = Draft();
        untouched.Refill(Prefilled with { Talks = 320 });
        Assert.Equal(320, untouched.Reported.Talks);

        var corrected = Draft();
        corrected.Save(Prefilled with { Talks = 310 }, "台账", "counsellor", Now);
        corrected.Refill(Prefilled with { Talks = 320 });
        Assert.Equal(310, corrected.Reported.Talks);
        Assert.Equal(320, corrected.Prefilled.Talks);
    }
}
