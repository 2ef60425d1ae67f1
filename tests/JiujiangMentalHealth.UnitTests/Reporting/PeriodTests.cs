using JiujiangMentalHealth.Domain.Reporting;

namespace JiujiangMentalHealth.UnitTests.Reporting;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-11-29", "2026-09-01", "2026-10-31")]
    [InlineData("2026-12-01", "2026-09-01", "2026-10-31")]
    [InlineData("2027-01-05", "2026-11-01", "2026-12-31")]
    [InlineData("2026-03-01", "2026-01-01", "2026-02-28")]
    public void The_period_being_filed_is_the_two_months_just_ended(string today, string from, string to)
    {
        var period = BimonthlyPeriod.LatestEnded(DateOnly.Parse(today));

        Assert.Equal(DateOnly.Parse(from), period.From);
        Assert.Equal(DateOnly.Parse(to), period.To);
    }

    [Fact]
    public void The_report_is_due_on_the_deadline_day_of_the_following_odd_month()
    {
        Assert.Equal(new DateOnly(2026, 11, 10), new BimonthlyPeriod(2026, 9).DueOn(10));
        Assert.Equal(new DateOnly(2027, 1, 10), new BimonthlyPeriod(2026, 11).DueOn(10));
        Assert.Equal(new DateOnly(2026, 3, 31), new BimonthlyPeriod(2026, 1).DueOn(40));
    }

    [Theory]
    [InlineData("2026-09")]
    [InlineData("2027-11")]
    public void Period_keys_round_trip(string key)
    {
        Assert.True(BimonthlyPeriod.TryParse(key, out var period));
        Assert.Equal(key, period.Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2026-10")]
    [InlineData("2026-13")]
    [InlineData("26-09")]
    [InlineData("2026/09")]
    public void Bad_period_keys_are_refused(string? key) => Assert.False(BimonthlyPeriod.TryParse(key, out _));

    [Theory]
    [InlineData("Y2025", "2025-09-01", "2026-08-31")]
    [InlineData("T2025-1", "2025-09-01", "2026-01-31")]
    [InlineData("T2025-2", "2026-02-01", "2026-08-31")]
    [InlineData("B2026-09", "2026-09-01", "2026-10-31")]
    public void Dashboard_period_keys_parse_to_their_dates_and_back(string key, string from, string to)
    {
        Assert.True(Period.TryParse(key, out var period));
        Assert.Equal(DateOnly.Parse(from), period.From);
        Assert.Equal(DateOnly.Parse(to), period.To);
        Assert.Equal(key, period.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Y20x5")]
    [InlineData("T2025-3")]
    [InlineData("B2026-08")]
    [InlineData("Q2025")]
    public void Bad_dashboard_period_keys_are_refused(string key) => Assert.False(Period.TryParse(key, out _));

    [Fact]
    public void The_last_periods_run_oldest_first_and_end_with_the_period_itself()
    {
        var terms = Period.Containing(PeriodKind.Term, new DateOnly(2026, 11, 29)).LastPeriods(3);

        Assert.Equal(["T2025-1", "T2025-2", "T2026-1"], terms.Select(p => p.Key));
        var months = Period.Containing(PeriodKind.BiMonth, new DateOnly(2026, 2, 3)).LastPeriods(2);
        Assert.Equal(["B2025-11", "B2026-01"], months.Select(p => p.Key));
    }

    [Fact]
    public void Figures_of_a_running_period_are_as_of_today()
    {
        var year = Period.Containing(PeriodKind.SchoolYear, new DateOnly(2026, 11, 29));

        Assert.Equal(new DateOnly(2026, 11, 29), year.AsOf(new DateOnly(2026, 11, 29)));
        Assert.Equal(year.To, year.AsOf(new DateOnly(2027, 10, 1)));
    }
}
