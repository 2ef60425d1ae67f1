using JiujiangMentalHealth.Domain.City;

namespace JiujiangMentalHealth.UnitTests.City;

public class SchoolClassTests
{
    [Theory]
    [InlineData(SchoolSection.Primary, 2024, 2024, 1)]
    [InlineData(SchoolSection.Primary, 2019, 2024, 6)]
    [InlineData(SchoolSection.Junior, 2024, 2024, 7)]
    [InlineData(SchoolSection.Junior, 2022, 2024, 9)]
    [InlineData(SchoolSection.Senior, 2023, 2024, 11)]
    [InlineData(SchoolSection.Senior, 2022, 2024, 12)]
    public void Grade_follows_from_section_entry_year_and_school_year(SchoolSection section, int entryYear, int schoolYear, int grade) =>
        Assert.Equal(grade, SchoolClass.GradeOf(section, entryYear, new SchoolYear(schoolYear)));

    [Theory]
    [InlineData(SchoolSection.Primary, 2018, 2024)]
    [InlineData(SchoolSection.Junior, 2021, 2024)]
    [InlineData(SchoolSection.Senior, 2025, 2024)]
    public void A_class_has_no_grade_after_graduation_or_before_entry(SchoolSection section, int entryYear, int schoolYear) =>
        Assert.Null(SchoolClass.GradeOf(section, entryYear, new SchoolYear(schoolYear)));
}
