using JiujiangMentalHealth.Domain.City;

namespace JiujiangMentalHealth.UnitTests.City;

public class ClassNamesTests
{
    [Theory]
    [InlineData("三年级(1)班", 3, 1)]
    [InlineData("三年级（1）班", 3, 1)]
    [InlineData("三年级1班", 3, 1)]
    [InlineData(" 六年级(12)班 ", 6, 12)]
    [InlineData("初一(2)班", 7, 2)]
    [InlineData("七年级3班", 7, 3)]
    [InlineData("高三(10)班", 12, 10)]
    [InlineData("3年级2班", 3, 2)]
    public void Reads_the_usual_ways_of_writing_a_class(string text, int grade, int number)
    {
        Assert.True(ClassNames.TryParse(text, out var g, out var n));
        Assert.Equal((grade, number), (g, n));
    }

    [Theory]
    [InlineData("")]
    [InlineData("三年级")]
    [InlineData("十三年级(1)班")]
    [InlineData("高四(1)班")]
    [InlineData("三年级(0)班")]
    [InlineData("13年级1班")]
    public void Refuses_what_is_not_a_class(string text) =>
        Assert.False(ClassNames.TryParse(text, out _, out _));

    [Theory]
    [InlineData(3, 2024, SchoolSection.Primary, 2022)]
    [InlineData(7, 2024, SchoolSection.Junior, 2024)]
    [InlineData(12, 2024, SchoolSection.Senior, 2022)]
    public void A_grade_in_a_school_year_locates_a_section_and_entry_year(int grade, int year, SchoolSection section, int entryYear) =>
        Assert.Equal((section, entryYear), ClassNames.Locate(grade, new SchoolYear(year)));
}
