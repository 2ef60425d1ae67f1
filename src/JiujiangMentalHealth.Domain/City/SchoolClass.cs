namespace JiujiangMentalHealth.Domain.City;

/// <summary>
/// 班级 — a class of one section, named by the year its students entered (2024级) and its number.
/// Its grade is derived from the school year, so classes never need renaming at promotion time.
/// </summary>
public class SchoolClass
{
    private SchoolClass()
    {
    }

    internal SchoolClass(School school, SchoolSection section, int entryYear, int number)
    {
        School = school;
        Section = section;
        EntryYear = entryYear;
        Number = number;
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public School? School { get; private set; }

    public SchoolSection Section { get; private set; }

    /// <summary>入学年份 (级): the calendar year in which the class's students entered the section.</summary>
    public int EntryYear { get; private set; }

    /// <summary>班号: 1 for (1)班.</summary>
    public int Number { get; private set; }

    /// <summary>The grade (1–12) in a school year, or null before entry or after graduation.</summary>
    public int? GradeIn(SchoolYear year) => GradeOf(Section, EntryYear, year);

    public static int? GradeOf(SchoolSection section, int entryYear, SchoolYear year)
    {
        var yearInSection = year.StartYear - entryYear;
        return yearInSection >= 0 && yearInSection < section.Years()
            ? section.FirstGrade() + yearInSection
            : null;
    }
}
