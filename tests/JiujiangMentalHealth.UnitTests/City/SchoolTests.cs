using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.UnitTests.City;

public class SchoolTests
{
    private static School NineYearSchool() => new("2136040309", "九江市浔阳区实验学校", 1, SchoolStage.NineYear, true);

    [Theory]
    [InlineData("213604030")]
    [InlineData("21360403011")]
    [InlineData("21360403a1")]
    [InlineData("")]
    public void School_code_must_be_ten_digits(string code)
    {
        var e = Assert.Throws<DomainRuleException>(() => new School(code, "学校", 1, SchoolStage.Primary, true));
        Assert.Equal("School_CodeInvalid", e.Code);
    }

    [Fact]
    public void Name_and_code_are_trimmed()
    {
        var school = new School(" 2136040301 ", "  九江市双峰小学 ", 1, SchoolStage.Primary, true);
        Assert.Equal("2136040301", school.Code);
        Assert.Equal("九江市双峰小学", school.Name);
    }

    [Fact]
    public void A_class_can_open_only_in_a_section_the_school_teaches()
    {
        var school = NineYearSchool();
        school.AddClass(SchoolSection.Primary, 2024, 1);
        school.AddClass(SchoolSection.Junior, 2024, 1);

        var e = Assert.Throws<DomainRuleException>(() => school.AddClass(SchoolSection.Senior, 2024, 1));
        Assert.Equal("Class_SectionNotTaught", e.Code);
        Assert.Equal(SchoolSection.Senior, e.Arguments[0]);
    }

    [Fact]
    public void The_same_class_cannot_open_twice()
    {
        var school = NineYearSchool();
        school.AddClass(SchoolSection.Primary, 2024, 3);

        Assert.Equal("Class_Duplicate", Assert.Throws<DomainRuleException>(() => school.AddClass(SchoolSection.Primary, 2024, 3)).Code);
        school.AddClass(SchoolSection.Junior, 2024, 3);
        Assert.Equal(2, school.Classes.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Class_number_is_between_1_and_99(int number) =>
        Assert.Equal("Class_NumberOutOfRange", Assert.Throws<DomainRuleException>(() => NineYearSchool().AddClass(SchoolSection.Primary, 2024, number)).Code);

    [Fact]
    public void The_stage_cannot_drop_a_section_that_still_has_classes()
    {
        var school = NineYearSchool();
        school.AddClass(SchoolSection.Junior, 2024, 1);

        var e = Assert.Throws<DomainRuleException>(() => school.Update(school.Code, school.Name, 1, SchoolStage.Primary, true));
        Assert.Equal("School_StageDropsSectionWithClasses", e.Code);
        Assert.Equal(SchoolStage.NineYear, school.Stage);

        school.Update(school.Code, school.Name, 1, SchoolStage.Junior, true);
        Assert.Equal(SchoolStage.Junior, school.Stage);
    }

    [Fact]
    public void Enrolment_is_kept_per_school_year_and_replaced_when_set_again()
    {
        var school = NineYearSchool();
        school.SetEnrolment(new SchoolYear(2023), 1500);
        school.SetEnrolment(new SchoolYear(2024), 1600);
        school.SetEnrolment(new SchoolYear(2024), 1620);

        Assert.Equal(1500, school.EnrolmentIn(new SchoolYear(2023)));
        Assert.Equal(1620, school.EnrolmentIn(new SchoolYear(2024)));
        Assert.Null(school.EnrolmentIn(new SchoolYear(2025)));
        Assert.Equal(2, school.Enrolments.Count);
    }

    [Fact]
    public void Negative_enrolment_is_refused() =>
        Assert.Equal("School_EnrolmentOutOfRange", Assert.Throws<DomainRuleException>(() => NineYearSchool().SetEnrolment(new SchoolYear(2024), -1)).Code);

    [Theory]
    [InlineData(SchoolStage.Primary, new[] { SchoolSection.Primary })]
    [InlineData(SchoolStage.Complete, new[] { SchoolSection.Junior, SchoolSection.Senior })]
    [InlineData(SchoolStage.TwelveYear, new[] { SchoolSection.Primary, SchoolSection.Junior, SchoolSection.Senior })]
    public void Each_stage_teaches_its_sections(SchoolStage stage, SchoolSection[] sections) =>
        Assert.Equal(sections, stage.Sections());
}
