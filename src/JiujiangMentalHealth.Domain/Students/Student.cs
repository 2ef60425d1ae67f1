using System.Text.RegularExpressions;
using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Students;

/// <summary>重点关爱群体 — the seven key populations of the bureau's letter.</summary>
[Flags]
public enum KeyPopulations
{
    None = 0,

    /// <summary>家庭经济困难</summary>
    EconomicHardship = 1,

    /// <summary>学习困难</summary>
    LearningDifficulty = 2,

    /// <summary>情感困惑</summary>
    EmotionalDistress = 4,

    /// <summary>言行异常</summary>
    UnusualBehaviour = 8,

    /// <summary>留守儿童</summary>
    LeftBehind = 16,

    /// <summary>进城务工人员随迁子女</summary>
    MigrantChild = 32,

    /// <summary>单亲家庭子女</summary>
    SingleParent = 64,
}

/// <summary>亲子关系</summary>
public enum ParentChildRelationship
{
    /// <summary>未了解</summary>
    Unknown = 0,

    /// <summary>融洽</summary>
    Good = 1,

    /// <summary>一般</summary>
    Fair = 2,

    /// <summary>紧张</summary>
    Strained = 3,

    /// <summary>疏离</summary>
    Distant = 4,
}

/// <summary>
/// 学生 — one student and their file (一生一档): profile, key-population flags and family situation.
/// Screenings, tier decisions, talks and visits hang off the student and form the file's timeline.
/// </summary>
public partial class Student
{
    private Student()
    {
    }

    public Student(int schoolId, int classId, StudentProfile profile)
    {
        SchoolId = schoolId;
        Change(classId, profile);
    }

    public int Id { get; private set; }

    public int SchoolId { get; private set; }

    public int ClassId { get; private set; }

    /// <summary>全国学籍号: G + the 18-character resident ID number, or L/J + 18 characters for a temporary number.</summary>
    public string StudentNumber { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Gender Gender { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public KeyPopulations KeyPopulations { get; private set; }

    public ParentChildRelationship ParentChildRelationship { get; private set; }

    /// <summary>家庭变故 (e.g. 父母离异、亲人离世) — sensitive.</summary>
    public string? FamilyChanges { get; private set; }

    public string? GuardianName { get; private set; }

    /// <summary>监护人联系电话 — sensitive.</summary>
    public string? GuardianPhone { get; private set; }

    public void Change(int classId, StudentProfile profile)
    {
        var number = NormaliseNumber(profile.StudentNumber);
        if (!IsValidNumber(number))
        {
            throw new DomainRuleException("Student_NumberInvalid");
        }

        var name = (profile.Name ?? "").Trim();
        if (name.Length is 0 or > 30)
        {
            throw new DomainRuleException("Student_NameInvalid");
        }

        if (profile.BirthDate.Year < 1990 || profile.BirthDate > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            throw new DomainRuleException("Student_BirthDateInvalid");
        }

        var phone = string.IsNullOrWhiteSpace(profile.GuardianPhone) ? null : profile.GuardianPhone.Trim();
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            throw new DomainRuleException("Student_PhoneInvalid");
        }

        ClassId = classId;
        StudentNumber = number;
        Name = name;
        Gender = profile.Gender;
        BirthDate = profile.BirthDate;
        KeyPopulations = profile.KeyPopulations;
        ParentChildRelationship = profile.ParentChildRelationship;
        FamilyChanges = string.IsNullOrWhiteSpace(profile.FamilyChanges) ? null : profile.FamilyChanges.Trim();
        GuardianName = string.IsNullOrWhiteSpace(profile.GuardianName) ? null : profile.GuardianName.Trim();
        GuardianPhone = phone;
    }

    public static string NormaliseNumber(string? number) => (number ?? "").Trim().ToUpperInvariant();

    /// <summary>
    /// A national student number: G followed by a valid 18-character resident ID number (its
    /// ISO 7064 MOD 11-2 check character included), or L/J followed by 18 digits/X (temporary numbers
    /// carry no check character).
    /// </summary>
    public static bool IsValidNumber(string? number)
    {
        number = NormaliseNumber(number);
        if (!NumberPattern().IsMatch(number))
        {
            return false;
        }

        return number[0] != 'G' || IsValidResidentId(number[1..]);
    }

    public static bool IsValidResidentId(string id) =>
        id.Length == 18 && id[..17].All(char.IsAsciiDigit) && ResidentIdCheckCharacter(id[..17]) == id[17];

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number.</summary>
    public static char ResidentIdCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return "10X98765432"[sum % 11];
    }

    [GeneratedRegex(@"^[GLJ]\d{17}[\dX]$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}

/// <summary>What a form or an import row says about a student.</summary>
public sealed record StudentProfile(
    string StudentNumber,
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    KeyPopulations KeyPopulations = KeyPopulations.None,
    ParentChildRelationship ParentChildRelationship = ParentChildRelationship.Unknown,
    string? FamilyChanges = null,
    string? GuardianName = null,
    string? GuardianPhone = null);
