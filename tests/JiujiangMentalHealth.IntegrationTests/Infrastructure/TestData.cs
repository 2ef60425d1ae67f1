using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;
using JiujiangMentalHealth.Domain.Students;
using JiujiangMentalHealth.Infrastructure;
using JiujiangMentalHealth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JiujiangMentalHealth.IntegrationTests.Infrastructure;

/// <summary>Arranges students straight in a test class's database, with valid national student numbers.</summary>
public static class TestData
{
    private static int _sequence = 500;

    /// <summary>G + a resident ID number (area 360403, the birth date, a sequence, the ISO 7064 MOD 11-2 check character).</summary>
    public static string StudentNumber(DateOnly birth, int sequence)
    {
        var body = $"360403{birth:yyyyMMdd}{sequence % 1000:D3}";
        return "G" + body + Student.ResidentIdCheckCharacter(body);
    }

    /// <summary>A student of a school's class (by default the school's 三年级(1)班), saved and returned.</summary>
    public static async Task<Student> AddStudentAsync(AppDbContext db, string schoolName, string name, int grade = 3, int classNumber = 1)
    {
        var year = SchoolYear.Containing(ChinaTime.Today(TimeProvider.System));
        var (section, entryYear) = ClassNames.Locate(grade, year);
        var schoolClass = await db.SchoolClasses
            .Where(c => c.School!.Name == schoolName && c.Section == section && c.EntryYear == entryYear && c.Number == classNumber)
            .SingleAsync();
        var birth = new DateOnly(year.StartYear - grade - 5, 3, 1);
        string number;
        do
        {
            number = StudentNumber(birth.AddDays(Interlocked.Increment(ref _sequence) / 900), Interlocked.Increment(ref _sequence));
        }
        while (await db.Students.AnyAsync(s => s.StudentNumber == number));

        var student = new Student(schoolClass.SchoolId, schoolClass.Id, new StudentProfile(number, name, Gender.Female, birth,
            KeyPopulations.LeftBehind, ParentChildRelationship.Fair, "父母外出务工", "李奶奶", "13800000000"));
        db.Students.Add(student);
        await db.SaveChangesAsync();
        return student;
    }
}
