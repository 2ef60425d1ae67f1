using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Support;

namespace JiujiangMentalHealth.UnitTests.Support;

public class CrisisEventTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly DateOnly Day1 = Today.AddDays(-10);

    private static readonly Referral Hospital = new("九江市第五人民医院", "儿童青少年心理科", Day1.AddDays(3));

    private static CrisisEvent Opened() => CrisisEvent.Open(7, 3, Day1, "counsellor", "课堂作业中流露轻生念头", 42, Today);

    /// <summary>Records every step after 发现识别 up to (not including) <paramref name="upTo"/>.</summary>
    private static CrisisEvent OpenedUpTo(CrisisStep upTo)
    {
        var crisis = Opened();
        for (var step = CrisisStep.Assessed; step < upTo; step++)
        {
            crisis.Record(step, Day1.AddDays((int)step), "counsellor", "记录" + step, step == CrisisStep.Referred ? Hospital : null, Today);
        }

        return crisis;
    }

    private static DomainRuleException Refused(Action action) => Assert.Throws<DomainRuleException>(action);

    [Fact]
    public void Opening_records_the_identified_step_and_asks_for_the_assessment_next()
    {
        var crisis = Opened();
        var step = Assert.Single(crisis.Steps);
        Assert.Equal((CrisisStep.Identified, Day1, "counsellor", "课堂作业中流露轻生念头", false), (step.Step, step.On, step.By, step.Notes, step.NotApplicable));
        Assert.Equal((7, 3, Day1, 42L), (crisis.StudentId, crisis.SchoolId, crisis.OpenedOn, crisis.ScreeningResultId!.Value));
        Assert.Equal(CrisisStep.Assessed, crisis.NextStep);
        Assert.True(crisis.IsOpen);
    }

    [Fact]
    public void Every_step_in_order_walks_the_event_to_its_close()
    {
        var crisis = OpenedUpTo(CrisisStep.Closed);
        crisis.Record(CrisisStep.Closed, Today, "leader", "复学后情况稳定，结案", null, Today);

        Assert.Equal(Enum.GetValues<CrisisStep>(), crisis.Steps.Select(s => s.Step));
        Assert.Null(crisis.NextStep);
        Assert.False(crisis.IsOpen);
        var referred = crisis.Steps.Single(s => s.Step == CrisisStep.Referred);
        Assert.Equal(("九江市第五人民医院", "儿童青少年心理科", Day1.AddDays(3)), (referred.Hospital!, referred.Department!, referred.ReferredOn!.Value));
        Assert.All(crisis.Steps.Where(s => s.Step != CrisisStep.Referred), s => Assert.Null(s.Hospital));
    }

    public static TheoryData<CrisisStep, CrisisStep> OutOfOrder()
    {
        var data = new TheoryData<CrisisStep, CrisisStep>();
        foreach (var next in Enum.GetValues<CrisisStep>().Where(s => s != CrisisStep.Identified))
        {
            foreach (var attempted in Enum.GetValues<CrisisStep>().Where(s => s != next))
            {
                data.Add(next, attempted);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OutOfOrder))]
    public void Any_step_but_the_next_is_refused_naming_the_expected_step(CrisisStep next, CrisisStep attempted)
    {
        var crisis = OpenedUpTo(next);
        var before = crisis.Steps.Count;

        var e = Refused(() => crisis.Record(attempted, Today, "counsellor", "跳步", attempted == CrisisStep.Referred ? Hospital : null, Today));
        Assert.Equal("Crisis_StepOutOfOrder", e.Code);
        Assert.Equal(next, Assert.Single(e.Arguments));

        if (attempted is not (CrisisStep.Identified or CrisisStep.Closed))
        {
            var skipped = Refused(() => crisis.MarkNotApplicable(attempted, Today, "counsellor", "不适用的理由写清楚", Today));
            Assert.Equal(("Crisis_StepOutOfOrder", (object)next), (skipped.Code, Assert.Single(skipped.Arguments)));
        }

        Assert.Equal(before, crisis.Steps.Count);
    }

    [Fact]
    public void A_step_that_does_not_apply_is_marked_with_its_reason_and_the_next_follows()
    {
        var crisis = OpenedUpTo(CrisisStep.Referred);
        var record = crisis.MarkNotApplicable(CrisisStep.Referred, Today, "counsellor", "  评估为低风险，家长带往门诊，无需绿色通道  ", Today);

        Assert.True(record.NotApplicable);
        Assert.Equal("评估为低风险，家长带往门诊，无需绿色通道", record.Notes);
        Assert.Null(record.Hospital);
        Assert.Equal(CrisisStep.HospitalFeedback, crisis.NextStep);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("不用")]
    public void Not_applicable_needs_a_reason(string? reason)
    {
        var crisis = OpenedUpTo(CrisisStep.GuardianInformed);
        Assert.Equal("Crisis_NotApplicableNeedsReason", Refused(() => crisis.MarkNotApplicable(CrisisStep.GuardianInformed, Today, "counsellor", reason!, Today)).Code);
        Assert.Equal(CrisisStep.GuardianInformed, crisis.NextStep);
    }

    [Fact]
    public void Closing_always_applies_and_identification_is_never_not_applicable()
    {
        var crisis = OpenedUpTo(CrisisStep.Closed);
        Assert.Equal("Crisis_StepAlwaysApplies", Refused(() => crisis.MarkNotApplicable(CrisisStep.Closed, Today, "leader", "不需要结案的理由", Today)).Code);
        // 发现识别 is recorded when the event opens; it can never be the next step again.
        Assert.Equal("Crisis_StepOutOfOrder", Refused(() => crisis.MarkNotApplicable(CrisisStep.Identified, Today, "leader", "不需要识别的理由", Today)).Code);
    }

    [Fact]
    public void A_referral_needs_the_hospital()
    {
        var crisis = OpenedUpTo(CrisisStep.Referred);
        Assert.Equal("Crisis_ReferralDetailsRequired", Refused(() => crisis.Record(CrisisStep.Referred, Today, "counsellor", "转介", null, Today)).Code);
        Assert.Equal("Crisis_ReferralDetailsRequired", Refused(() => crisis.Record(CrisisStep.Referred, Today, "counsellor", "转介", new Referral("  ", "心理科", Today), Today)).Code);
        Assert.Equal(CrisisStep.Referred, crisis.NextStep);

        var record = crisis.Record(CrisisStep.Referred, Today, "counsellor", "转介", new Referral(" 九江市第五人民医院 ", "  ", Today), Today);
        Assert.Equal(("九江市第五人民医院", (string?)null), (record.Hospital!, record.Department));
    }

    [Fact]
    public void Referral_details_on_another_step_are_not_kept()
    {
        var crisis = Opened();
        var record = crisis.Record(CrisisStep.Assessed, Today, "counsellor", "评估", Hospital, Today);
        Assert.Null(record.Hospital);
        Assert.Null(record.ReferredOn);
    }

    [Fact]
    public void Dates_cannot_go_backwards_or_into_the_future()
    {
        var crisis = Opened();
        crisis.Record(CrisisStep.Assessed, Day1.AddDays(2), "counsellor", "评估", null, Today);

        Assert.Equal("Crisis_StepDateInvalid", Refused(() => crisis.Record(CrisisStep.GuardianInformed, Day1.AddDays(1), "counsellor", "告知", null, Today)).Code);
        Assert.Equal("Crisis_StepDateInvalid", Refused(() => crisis.Record(CrisisStep.GuardianInformed, Today.AddDays(1), "counsellor", "告知", null, Today)).Code);
        Assert.Equal("Crisis_StepDateInvalid", Refused(() => crisis.MarkNotApplicable(CrisisStep.GuardianInformed, Day1, "counsellor", "监护人无法联系", Today)).Code);
        Assert.Equal("Crisis_StepDateInvalid", Refused(() => CrisisEvent.Open(7, 3, Today.AddDays(1), "counsellor", "发现", null, Today)).Code);

        // The same day as the previous step, and today, are fine.
        crisis.Record(CrisisStep.GuardianInformed, Day1.AddDays(2), "counsellor", "告知", null, Today);
        crisis.Record(CrisisStep.Referred, Today, "counsellor", "转介", Hospital, Today);
        Assert.Equal(CrisisStep.HospitalFeedback, crisis.NextStep);
    }

    [Fact]
    public void Notes_are_limited_to_2000_characters()
    {
        var crisis = Opened();
        Assert.Equal("Crisis_NotesTooLong", Refused(() => crisis.Record(CrisisStep.Assessed, Today, "counsellor", new string('评', 2001), null, Today)).Code);
        crisis.Record(CrisisStep.Assessed, Today, "counsellor", new string('评', 2000), null, Today);
    }

    [Fact]
    public void A_closed_event_refuses_any_further_step()
    {
        var crisis = OpenedUpTo(CrisisStep.Closed);
        crisis.Record(CrisisStep.Closed, Today, "leader", "结案", null, Today);

        foreach (var step in Enum.GetValues<CrisisStep>())
        {
            Assert.Equal("Crisis_AlreadyClosed", Refused(() => crisis.Record(step, Today, "leader", "再记", step == CrisisStep.Referred ? Hospital : null, Today)).Code);
            Assert.Equal("Crisis_AlreadyClosed", Refused(() => crisis.MarkNotApplicable(step, Today, "leader", "再标记不适用", Today)).Code);
        }

        Assert.Equal(7, crisis.Steps.Count);
    }

    [Fact]
    public void An_emergency_plan_records_version_and_dates()
    {
        var plan = new EmergencyPlan(3);
        plan.Record("  2026版 ", Today.AddMonths(-14), Today.AddMonths(-2), Today);
        Assert.Equal(("2026版", Today.AddMonths(-14), (DateOnly?)Today.AddMonths(-2)), (plan.Version, plan.ApprovedOn, plan.LastReviewedOn));
        Assert.Equal(3, plan.SchoolId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1234567890123456789012345678901")]
    public void A_plan_needs_a_version_of_at_most_30_characters(string? version) =>
        Assert.Equal("Plan_VersionInvalid", Refused(() => new EmergencyPlan(3).Record(version!, Today, null, Today)).Code);

    [Fact]
    public void A_plan_cannot_be_approved_or_reviewed_in_the_future_nor_reviewed_before_approval()
    {
        var plan = new EmergencyPlan(3);
        Assert.Equal("Plan_DatesInvalid", Refused(() => plan.Record("v1", Today.AddDays(1), null, Today)).Code);
        Assert.Equal("Plan_DatesInvalid", Refused(() => plan.Record("v1", Today, Today.AddDays(1), Today)).Code);
        Assert.Equal("Plan_DatesInvalid", Refused(() => plan.Record("v1", Today, Today.AddDays(-1), Today)).Code);
        Assert.Equal("", plan.Version);
    }

    [Theory]
    [InlineData(-365, null, true)]
    [InlineData(-366, null, false)]
    [InlineData(-800, -365, true)]
    [InlineData(-800, -366, false)]
    [InlineData(-10, -10, true)]
    public void A_plan_is_current_when_approved_or_reviewed_within_a_year(int approvedDaysAgo, int? reviewedDaysAgo, bool current)
    {
        // 2026-11-29 minus a year is 2025-11-29, 365 days back.
        var plan = new EmergencyPlan(3);
        plan.Record("v1", Today.AddDays(approvedDaysAgo), reviewedDaysAgo is { } r ? Today.AddDays(r) : null, Today);
        Assert.Equal(current, plan.IsCurrent(Today));
    }
}
