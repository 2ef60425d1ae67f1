namespace JiujiangMentalHealth.Domain.City;

/// <summary>在校生数 — how many students a school has in one school year.</summary>
public class SchoolEnrolment
{
    private SchoolEnrolment()
    {
    }

    internal SchoolEnrolment(School school, SchoolYear year, int students)
    {
        School = school;
        SchoolYear = year.StartYear;
        Students = students;
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public School? School { get; private set; }

    /// <summary>The starting calendar year of the school year (2024 = 2024—2025学年).</summary>
    public int SchoolYear { get; private set; }

    public int Students { get; private set; }

    internal void Change(int students) => Students = students;
}
