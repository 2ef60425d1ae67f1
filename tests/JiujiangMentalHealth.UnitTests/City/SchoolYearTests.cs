using JiujiangMentalHealth.Domain.City;

namespace JiujiangMentalHealth.UnitTests.City;

public class SchoolYearTests
{
    [Theory]
    [InlineData(2024, 9, 1, 2024)]
    [InlineData(2024, 8, 31, 2023)]
    [InlineData(2025, 1, 15, 2024)]
    [InlineData(2024, 12, 31, 2024)]
    public void A_school_year_starts_on_1_September(int year, int month, int day, int expectedStart) =>
        Assert.Equal(expectedStart, SchoolYear.Containing(new DateOnly(year, month, day)).StartYear);

    [Fact]
    public void A_school_year_runs_from_1_September_to_31_August()
    {
        var year = new SchoolYear(2024);
        Assert.Equal(new DateOnly(2024, 9, 1), year.FirstDay);
        Assert.Equal(new DateOnly(2025, 8, 31), year.LastDay);
        Assert.True(year.Contains(new DateOnly(2025, 8, 31)));
        Assert.False(year.Contains(new DateOnly(2025, 9, 1)));
        Assert.Equal(new SchoolYear(2025), year.Next);
        Assert.True(year < year.Next);
    }
}
