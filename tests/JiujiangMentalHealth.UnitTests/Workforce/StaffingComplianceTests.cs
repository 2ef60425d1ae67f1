using JiujiangMentalHealth.Domain.Workforce;

namespace JiujiangMentalHealth.UnitTests.Workforce;

public class StaffingComplianceTests
{
    private static readonly StaffingPolicy Policy = StaffingPolicy.Original();

    [Fact]
    public void A_school_with_enough_full_time_teachers_complies_whatever_its_part_time_ones()
    {
        var school = SchoolStaffing.For(Policy, 1600, fullTime: 2, partTime: 0);
        Assert.Equal(0, school.Shortfall);
        Assert.Equal(StaffingStatus.Compliant, school.Status);
    }

    [Fact]
    public void Part_time_teachers_do_not_count_toward_the_requirement()
    {
        var school = SchoolStaffing.For(Policy, 1601, fullTime: 2, partTime: 5);
        Assert.Equal(3, school.Required);
        Assert.Equal(1, school.Shortfall);
        Assert.Equal(StaffingStatus.ShortStaffed, school.Status);
    }

    [Fact]
    public void A_school_without_any_full_time_teacher_is_flagged_as_such()
    {
        var school = SchoolStaffing.For(Policy, 120, fullTime: 0, partTime: 2);
        Assert.Equal(1, school.Shortfall);
        Assert.Equal(StaffingStatus.NoFullTime, school.Status);
    }

    [Fact]
    public void Unknown_enrolment_still_needs_the_minimum() =>
        Assert.Equal(1, SchoolStaffing.For(Policy, null, 0, 0).Required);

    [Fact]
    public void Totals_add_shortfalls_school_by_school_so_a_surplus_never_hides_a_gap()
    {
        var totals = StaffingTotals.Of(
        [
            SchoolStaffing.For(Policy, 800, fullTime: 3, partTime: 1),
            SchoolStaffing.For(Policy, 2400, fullTime: 1, partTime: 2),
            SchoolStaffing.For(Policy, 50, fullTime: 0, partTime: 1),
        ]);

        Assert.Equal(3, totals.Schools);
        Assert.Equal(3250, totals.Enrolment);
        Assert.Equal(5, totals.Required);
        Assert.Equal(4, totals.FullTime);
        Assert.Equal(4, totals.PartTime);
        Assert.Equal(3, totals.Shortfall);
        Assert.Equal(2, totals.SchoolsShort);
        Assert.Equal(1, totals.SchoolsWithoutFullTime);
    }
}
