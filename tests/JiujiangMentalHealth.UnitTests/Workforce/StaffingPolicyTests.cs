using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Workforce;

namespace JiujiangMentalHealth.UnitTests.Workforce;

public class StaffingPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static StaffingPolicy Policy(int ratio, int minimum, DateOnly? from = null) =>
        StaffingPolicy.Add(ratio, minimum, from ?? Today, null, Today, [], DateTimeOffset.UnixEpoch, "admin");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(800, 1)]
    [InlineData(801, 2)]
    [InlineData(1600, 2)]
    [InlineData(1601, 3)]
    public void Default_policy_requires_one_full_time_teacher_per_800_students_and_at_least_one(int enrolment, int required) =>
        Assert.Equal(required, StaffingPolicy.Original().RequiredFullTime(enrolment));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(800, 1)]
    [InlineData(801, 2)]
    public void Minimum_zero_lets_an_empty_school_need_nobody(int enrolment, int required) =>
        Assert.Equal(required, Policy(800, 0).RequiredFullTime(enrolment));

    [Theory]
    [InlineData(0, 2)]
    [InlineData(800, 2)]
    [InlineData(1600, 2)]
    [InlineData(1601, 3)]
    public void Minimum_two_applies_until_the_ratio_asks_for_more(int enrolment, int required) =>
        Assert.Equal(required, Policy(800, 2).RequiredFullTime(enrolment));

    [Theory]
    [InlineData(600, 1)]
    [InlineData(601, 2)]
    [InlineData(1200, 2)]
    [InlineData(1201, 3)]
    public void Ratio_600_requires_more_teachers(int enrolment, int required) =>
        Assert.Equal(required, Policy(600, 1).RequiredFullTime(enrolment));

    [Fact]
    public void The_version_in_force_on_a_date_is_the_latest_that_took_effect_by_then()
    {
        var original = StaffingPolicy.Original();
        var nextTerm = new DateOnly(2027, 2, 1);
        var stricter = Policy(600, 1, nextTerm);
        var versions = new[] { stricter, original };

        Assert.Same(original, StaffingPolicy.InForceOn(versions, Today));
        Assert.Same(original, StaffingPolicy.InForceOn(versions, nextTerm.AddDays(-1)));
        Assert.Same(stricter, StaffingPolicy.InForceOn(versions, nextTerm));
        Assert.Same(stricter, StaffingPolicy.InForceOn(versions, new DateOnly(2030, 1, 1)));
        Assert.Equal(2, StaffingPolicy.InForceOn(versions, nextTerm).RequiredFullTime(1000));
        Assert.Equal(2, StaffingPolicy.InForceOn(versions, Today).RequiredFullTime(1000));
        Assert.Equal(3, StaffingPolicy.InForceOn(versions, nextTerm).RequiredFullTime(1201));
        Assert.Equal(2, StaffingPolicy.InForceOn(versions, Today).RequiredFullTime(1201));
    }

    [Fact]
    public void No_version_before_the_first_is_an_error() =>
        Assert.Throws<InvalidOperationException>(() => StaffingPolicy.InForceOn([StaffingPolicy.Original()], new DateOnly(1999, 12, 31)));

    [Fact]
    public void A_new_version_cannot_take_effect_in_the_past_or_on_the_day_of_another()
    {
        Assert.Equal("Policy_EffectiveInPast", Assert.Throws<DomainRuleException>(() =>
            StaffingPolicy.Add(600, 1, Today.AddDays(-1), null, Today, [], DateTimeOffset.UnixEpoch, "admin")).Code);

        var existing = Policy(700, 1, new DateOnly(2027, 2, 1));
        Assert.Equal("Policy_DateTaken", Assert.Throws<DomainRuleException>(() =>
            StaffingPolicy.Add(600, 1, new DateOnly(2027, 2, 1), null, Today, [existing], DateTimeOffset.UnixEpoch, "admin")).Code);
    }

    [Theory]
    [InlineData(99, 1, "Policy_RatioOutOfRange")]
    [InlineData(5001, 1, "Policy_RatioOutOfRange")]
    [InlineData(800, -1, "Policy_MinimumOutOfRange")]
    [InlineData(800, 11, "Policy_MinimumOutOfRange")]
    public void Implausible_ratios_and_minimums_are_refused(int ratio, int minimum, string code) =>
        Assert.Equal(code, Assert.Throws<DomainRuleException>(() => Policy(ratio, minimum)).Code);

    [Fact]
    public void Only_a_version_not_yet_in_force_can_be_withdrawn()
    {
        Policy(600, 1, Today.AddDays(1)).EnsureCanWithdraw(Today);
        Assert.Equal("Policy_AlreadyInForce", Assert.Throws<DomainRuleException>(() => Policy(600, 1, Today).EnsureCanWithdraw(Today)).Code);
    }
}
